import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { load, loadError, writeConfig } from './helpers.js';
import { loadConfig } from '../../src/config/index.js';

test('judge.facts is measures unless a config says none, and anything else is an error naming the choices', () => {
  assert.equal(load('command: x\n').judge.facts, 'measures');
  assert.equal(load('command: x\njudge: { facts: none }\n').judge.facts, 'none');
  const e = loadError('command: x\njudge: { facts: scores }\n');
  assert.match(`${e.message} ${e.hint ?? ''}`, /judge\.facts[\s\S]*"scores"[\s\S]*none[\s\S]*measures/);
});

test('judge.calibration is resolved against the config folder and must exist', () => {
  const path = writeConfig('command: x\njudge: { calibration: cal/calibration.json }\n');
  const e = (() => {
    try {
      loadConfig(path);
    } catch (error) {
      return error as Error & { hint?: string };
    }
    assert.fail('a missing calibration file must be an error');
  })();
  assert.match(e.message, /judge\.calibration[\s\S]*is not a file: there is no "?.*cal\/calibration\.json/);
  const withFile = writeConfig('command: x\njudge: { calibration: calibration.json }\n', { 'calibration.json': '{}' });
  assert.equal(loadConfig(withFile).judge.calibration, join(dirname(withFile), 'calibration.json'));
});
