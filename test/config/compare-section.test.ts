import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { METRICS, applyThresholdObject, defaultThresholds } from '../../src/compare/index.js';
import { loadConfig, schemaKeyPaths } from '../../src/config/index.js';
import { ROOT, load, loadError } from './helpers.js';

test('a config without a compare section gets the thresholds compare uses by default', () => {
  assert.deepEqual(load('command: top\n').compare, defaultThresholds());
});

test('a compare section sets criteria, metrics, pixels and cells, and leaves the rest at their defaults', () => {
  const c = load('command: top\ncompare:\n  criteria: { visualClarity: 0.5 }\n  metrics: { flicker: 2, debris: 1 }\n  pixels: 0.02\n  cells: 40\n').compare;
  const expected = defaultThresholds();
  expected.criteria.visualClarity = 0.5;
  expected.metrics.flicker = 2;
  expected.metrics.debris = 1;
  expected.pixels = 0.02;
  expected.cells = 40;
  assert.deepEqual(c, expected);
});

test('one number under criteria sets all four criteria, and off turns the pixel and cell gates into figures only', () => {
  const c = load('command: top\ncompare:\n  criteria: 2.5\n  pixels: off\n  cells: false\n').compare;
  assert.deepEqual(Object.values(c.criteria), [2.5, 2.5, 2.5, 2.5]);
  assert.equal(c.pixels, null);
  assert.equal(c.cells, null);
});

test('the compare section means the same as the same YAML given to --thresholds', () => {
  const section = 'compare:\n  criteria: 0.75\n  metrics: { stalls: 0.4, alignment: 0.2, statusWords: 0 }\n  pixels: 0.1\n  cells: off\n';
  const fromConfig = load(`command: top\n${section}`).compare;
  const fromFile = applyThresholdObject(defaultThresholds(), parse(section), 'thresholds.yaml');
  assert.deepEqual(fromConfig, fromFile);
});

test('a misspelt metric is a config error at its line, naming compare.metrics.flickr with a did-you-mean', () => {
  const e = loadError('command: top\ncompare:\n  metrics: { flickr: 0.5 }\n');
  assert.equal(e.code, 'config');
  assert.match(e.message, /config\.yaml:3:14: unknown key "flickr" in compare\.metrics \(did you mean "flicker"\?\); allowed: contrastFailures, /);
});

test('a misspelt criterion or section key gets a did-you-mean listing the allowed names', () => {
  const e = loadError('command: top\ncompare:\n  criteria: { visualClarty: 1 }\n  pixel: 0.1\n');
  assert.match(e.message, /unknown key "visualClarty" in compare\.criteria \(did you mean "visualClarity"\?\); allowed: visualClarity, informationOrganization, statusIndicators, userExperience/);
  assert.match(e.message, /unknown key "pixel" in compare \(did you mean "pixels"\?\); allowed: criteria, metrics, pixels, cells/);
});

test('bad threshold values are each reported with the key, the value and what is allowed', () => {
  const e = loadError('command: top\ncompare:\n  criteria: -1\n  metrics: { stalls: lots }\n  pixels: 2\n  cells: 1.5\n');
  assert.match(e.message, /^4 problems in /);
  assert.match(e.message, /:3:13: compare\.criteria "-1" is not a number ≥ 0; give one number for all four criteria, or a mapping/);
  assert.match(e.message, /:4:22: compare\.metrics\.stalls "lots" is not a number ≥ 0/);
  assert.match(e.message, /:5:11: compare\.pixels "2" is not a number from 0 to 1, or off/);
  assert.match(e.message, /:6:10: compare\.cells "1\.5" is not a whole number ≥ 0, or off/);
  const shape = loadError('command: top\ncompare:\n  criteria: strict\n  metrics: [flicker]\n');
  assert.match(shape.message, /compare\.criteria "strict" is not a number \(for all four criteria\) or a mapping such as \{visualClarity: 0\.5\}/);
  assert.match(shape.message, /compare\.metrics "\[\\"flicker\\"\]" is not a mapping of metric names to numbers/);
});

test('every metric compare follows can be set in a config', () => {
  const keys = schemaKeyPaths().filter((k) => k.startsWith('compare.metrics.'));
  assert.deepEqual(keys, METRICS.map((m) => `compare.metrics.${m.key}`));
});

test('the demo config shows a compare section, and it loads as written', () => {
  const file = join(ROOT, 'examples', 'demo.yaml');
  const raw = parse(readFileSync(file, 'utf8')) as { compare?: unknown };
  assert.ok(raw.compare, 'examples/demo.yaml has a compare: section');
  assert.deepEqual(loadConfig(file).compare, applyThresholdObject(defaultThresholds(), raw.compare, file));
});
