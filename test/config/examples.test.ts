import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { expandCommand, loadConfig } from '../../src/config/index.js';
import { ROOT } from './helpers.js';

const EXAMPLES = join(ROOT, 'examples');
const configs = readdirSync(EXAMPLES).filter((f) => /\.ya?ml$/.test(f));

test('every example config loads', () => {
  assert.ok(configs.includes('demo.yaml') && configs.includes('massgen.yaml'), `examples: ${configs.join(', ')}`);
  for (const file of configs) {
    const c = loadConfig(join(EXAMPLES, file));
    assert.ok(c.name, `${file} has a name`);
    if (c.command !== null) assert.ok(expandCommand(c, { redactEnv: true }).length > 0);
    if (c.pretest) assert.ok(expandCommand(c, { which: 'pretest', redactEnv: true }).length > 0);
  }
});

test('the demo config runs the demo target, pre-tested with its automation mode', () => {
  const c = loadConfig(join(EXAMPLES, 'demo.yaml'));
  assert.equal(c.record.cwd, ROOT);
  assert.match(expandCommand(c), /^node dist\/examples\/demo-target\/main\.js --seed 7 --speed 1 --question '/);
  assert.equal(c.pretest?.protocol, 'massgen');
  assert.match(expandCommand(c, { which: 'pretest' }), /--automation/);
  assert.deepEqual([c.record.cols, c.record.rows], [120, 36]);
  assert.equal(c.render.theme, 'Dracula');
  assert.deepEqual([c.frames.count, c.frames.strategy], [12, 'distinct']);
  assert.equal(c.judge.provider, 'auto');
});

test('termlens demo run from its sources runs the demo program from its sources, so no stale build is ever recorded', async () => {
  const { demoConfig } = await import('../../src/pipeline/demo.js');
  assert.match(expandCommand(demoConfig()), /^node --import tsx examples\/demo-target\/main\.ts --seed 7 /);
  assert.match(expandCommand(demoConfig(), { which: 'pretest' }), /^node --import tsx examples\/demo-target\/main\.ts --automation /);
});

test('the multi-agent CLI config matches its own VHS tape', () => {
  const c = loadConfig(join(EXAMPLES, 'massgen.yaml'), { vars: { question: 'What is 2+2?' } });
  assert.deepEqual([c.record.width, c.record.height, c.record.fontSize], [1920, 1080, 15]);
  assert.deepEqual([c.record.cols, c.record.rows], [200, 53]);
  assert.deepEqual([c.render.width, c.render.height, c.render.fontSize, c.render.theme], [1920, 1080, 15, 'Dracula']);
  assert.equal(c.record.env.PS1, '$ ');
  assert.deepEqual({ protocol: c.pretest?.protocol, smoke: c.pretest?.smokeSeconds }, { protocol: 'massgen', smoke: 45 });
  assert.match(expandCommand(c, { which: 'pretest' }), /^massgen --automation --config team\.yaml 'What is 2\+2\?'$/);
  const typed = c.record.steps.find((s) => s.kind === 'type');
  assert.equal(typed?.kind === 'type' && typed.text, "massgen --config team.yaml 'What is 2+2?'");
  // The last wait is for the prompt coming back, as the tape's `Wait /\$/`.
  const waits = c.record.steps.filter((s) => s.kind === 'wait');
  const last = waits[waits.length - 1];
  assert.ok(last?.kind === 'wait' && new RegExp(last.pattern).test('$ '));
});
