import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TermlensError } from '../../src/errors/index.js';
import { expandMatrix } from '../../src/suite/matrix.js';
import { loadSuite, slugsFor } from '../../src/suite/scenarios.js';
import { selectScenarios } from '../../src/suite/run.js';
import { matchesPattern, parseShard, shardIds } from '../../src/suite/shard.js';
import { ROOT, tempDir } from '../helpers/paths.js';

const text = (combos: ReturnType<typeof expandMatrix>['combinations']) => combos.map((c) => c.map(([k, v]) => `${k}=${String(v)}`).join(','));

test('a matrix expands as a cartesian product with the first key varying slowest', () => {
  const { combinations, problems } = expandMatrix({ size: ['80x24', '120x36'], theme: ['Dracula', 'Nord', 'VHS'] });
  assert.deepEqual(problems, []);
  assert.deepEqual(text(combinations), [
    'size=80x24,theme=Dracula', 'size=80x24,theme=Nord', 'size=80x24,theme=VHS',
    'size=120x36,theme=Dracula', 'size=120x36,theme=Nord', 'size=120x36,theme=VHS',
  ]);
});

test('include and exclude follow GitHub Actions: exclude matches partly, include extends matching combinations or adds its own', () => {
  // The example of GitHub's documentation, with fruit → size and animal → theme.
  const { combinations } = expandMatrix({
    size: ['80x24', '120x36'],
    theme: ['Dracula', 'Nord'],
    exclude: [{ size: '120x36', theme: 'Nord' }],
    include: [
      { 'vars.color': 'green' },
      { theme: 'Nord', 'vars.color': 'pink' },
      { size: '80x24', 'vars.shape': 'circle' },
      { size: '200x50' },
      { size: '200x50', theme: 'Nord' },
    ],
  });
  assert.deepEqual(text(combinations), [
    'size=80x24,theme=Dracula,vars.color=green,vars.shape=circle',
    'size=80x24,theme=Nord,vars.color=pink,vars.shape=circle',
    'size=120x36,theme=Dracula,vars.color=green',
    'size=200x50',
    'size=200x50,theme=Nord',
  ]);
});

test('bad matrix keys and values are reported with their key path and a suggestion', () => {
  const { problems } = expandMatrix({ sise: ['80x24'], size: ['80by24'], 'render.fontSise': [12], 'vars.bad-name': [1], theme: [] });
  const messages = problems.map((p) => `${p.path.join('.')}: ${p.message}`);
  assert.ok(messages.some((m) => /^matrix\.sise: .*unknown matrix key "sise" \(did you mean "size"\?\)/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /^matrix\.size\.0: matrix size "80by24" is not COLSxROWS/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /did you mean "render\.fontSize"/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /"bad-name" in "vars\.bad-name" is not a variable name/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /^matrix\.theme: matrix\.theme is not a non-empty list/.test(m)), messages.join('\n'));
});

test('slugs are folder-safe, stable, and unique even when two ids differ only in case or punctuation', () => {
  const slugs = slugsFor(['demo[size=80x24,theme=Dracula]', 'demo[question=What is 2+2?]', 'demo[theme=a b]', 'demo[theme=a/b]', 'demo[theme=A B]']);
  assert.equal(slugs[0], 'demo_size-80x24_theme-Dracula');
  assert.equal(slugs[1], 'demo_question-What-is-2-2');
  for (const s of slugs) assert.match(s, /^[A-Za-z0-9._-]+$/);
  assert.equal(new Set(slugs.map((s) => s.toLowerCase())).size, slugs.length, `slugs collide: ${slugs.join(' ')}`);
  assert.deepEqual(slugsFor(['demo[theme=a b]', 'demo[theme=a/b]', 'demo[theme=A B]']), slugs.slice(2), 'the same ids give the same slugs');
  assert.ok(slugsFor([`demo[question=${'x'.repeat(300)}]`])[0]!.length <= 100);
});

async function suiteFile(body: string): Promise<string> {
  const dir = await tempDir('termlens-suite-');
  const file = join(dir, 'suite.yaml');
  writeFileSync(file, body);
  return file;
}

test('a suite config gives each scenario its own validated config with ids named after the config', async () => {
  const file = await suiteFile(`name: tui
command: "printf {{word}}"
vars: { word: hello }
record: { width: 1200, height: 600, cwd: ${JSON.stringify(ROOT)} }
matrix:
  size: [80x24, 120x36]
  theme: [Dracula]
  vars.word: [one]
  include: [{ size: 80x24, render.fps: 10 }]
`);
  const suite = loadSuite(file);
  assert.deepEqual(suite.scenarios.map((s) => s.id), ['tui[size=80x24,theme=Dracula,vars.word=one,render.fps=10]', 'tui[size=120x36,theme=Dracula,vars.word=one]']);
  const [small, large] = suite.scenarios;
  assert.deepEqual([small!.config.record.cols, small!.config.record.rows, small!.config.record.width], [80, 24, null], 'a size in cells replaces the window size');
  assert.deepEqual([large!.config.record.cols, large!.config.record.rows], [120, 36]);
  assert.equal(small!.config.render.theme, 'Dracula');
  assert.equal(small!.config.render.fps, 10);
  assert.equal(large!.config.render.fps, 30);
  assert.equal(small!.config.vars.word, 'one');
  assert.equal(small!.config.source.file, file);
});

test('a scenario whose values make a bad config is an error naming the scenario, the file line and the value', async () => {
  const file = await suiteFile(`command: "true"
matrix:
  theme: [Dracula, Draculla]
`);
  assert.throws(
    () => loadSuite(file),
    (e: unknown) => e instanceof TermlensError && e.code === 'config' && /scenario suite\[theme=Draculla\]: .*"Draculla"/s.test(e.message),
  );
  const bad = await suiteFile(`command: "true"\nmatrix:\n  size: [80x24]\n  colour: [red]\n`);
  assert.throws(
    () => loadSuite(bad),
    (e: unknown) => e instanceof TermlensError && /suite\.yaml:4:3: matrix: unknown matrix key "colour"/.test(e.message),
  );
});

test('--only keeps the scenarios it matches and names the scenarios when it matches none', async () => {
  const file = await suiteFile(`command: "true"\nmatrix: { size: [80x24, 120x36], theme: [Nord, VHS] }\n`);
  const suite = loadSuite(file);
  assert.deepEqual(selectScenarios(suite, ['80x24']).map((s) => s.id), ['suite[size=80x24,theme=Nord]', 'suite[size=80x24,theme=VHS]']);
  assert.deepEqual(selectScenarios(suite, ['*theme=VHS]']).map((s) => s.id), ['suite[size=80x24,theme=VHS]', 'suite[size=120x36,theme=VHS]']);
  assert.ok(matchesPattern('suite_size-80x24*', 'x', 'suite_size-80x24_theme-Nord'), 'a pattern may name the slug');
  assert.throws(() => selectScenarios(suite, ['200x50']), (e: unknown) => e instanceof TermlensError && e.code === 'usage' && /Scenarios: suite\[size=80x24,theme=Nord\]/.test(e.hint ?? ''));
});

test('round-robin shards cover every scenario once, whatever order the ids come in', () => {
  const ids = Array.from({ length: 10 }, (_, i) => `s${i}`);
  const shards = [1, 2, 3].map((k) => shardIds([...ids].reverse(), k, 3));
  assert.deepEqual(shards.flat().sort(), [...ids].sort());
  assert.deepEqual(shards.map((s) => s.length), [4, 3, 3]);
  assert.deepEqual(shardIds(ids, 2, 3), ['s1', 's4', 's7']);
});

test('durations balance shards: the longest scenarios are spread, unknown ones count as the mean', () => {
  const durations = new Map([['a', 60], ['b', 50], ['c', 10], ['d', 10], ['e', 10], ['f', 10], ['g', 10], ['h', 10]]);
  const ids = [...durations.keys(), 'new'];
  const shards = [1, 2].map((k) => shardIds(ids, k, 2, durations));
  assert.deepEqual(shards.flat().sort(), [...ids].sort());
  const load = shards.map((s) => s.reduce((sum, id) => sum + (durations.get(id) ?? 20), 0));
  assert.ok(Math.max(...load) <= 1.1 * (load[0]! + load[1]!) / 2, `loads ${load}`);
  const robin = [1, 2].map((k) => shardIds(ids, k, 2).reduce((sum, id) => sum + (durations.get(id) ?? 20), 0));
  assert.ok(Math.max(...load) < Math.max(...robin), 'balancing beats round robin here');
});

test('--shard reads K/N, and auto reads GitLab, CircleCI, Buildkite and Kubernetes variables', () => {
  assert.deepEqual(parseShard('2/4', {}), { index: 2, total: 4, from: '--shard' });
  assert.equal(parseShard('auto', { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '5' }).index, 3, 'GitLab counts from 1');
  assert.equal(parseShard('auto', { CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '2' }).index, 1, 'CircleCI counts from 0');
  assert.deepEqual(parseShard('auto', { BUILDKITE_PARALLEL_JOB: '4', BUILDKITE_PARALLEL_JOB_COUNT: '5' }).index, 5);
  assert.deepEqual(parseShard('auto/3', { JOB_COMPLETION_INDEX: '2' }), { index: 3, total: 3, from: 'Kubernetes JOB_COMPLETION_INDEX=2' });
  const usage = (f: () => unknown, re: RegExp) => assert.throws(f, (e: unknown) => e instanceof TermlensError && e.code === 'usage' && re.test(e.message));
  usage(() => parseShard('auto', { JOB_COMPLETION_INDEX: '2' }), /give them as --shard auto\/N/);
  usage(() => parseShard('auto', {}), /no CI shard variables found/);
  usage(() => parseShard('5/4', {}), /shard 5 is not between 1 and 4/);
  usage(() => parseShard('0/4', {}), /shard 0 is not between 1 and 4/);
  usage(() => parseShard('half', {}), /"half": is not K\/N or auto/);
});

test('the example suite expands to the six demo scenarios it describes', () => {
  const suite = loadSuite(join(ROOT, 'examples', 'demo-suite.yaml'));
  assert.deepEqual(
    suite.scenarios.map((s) => s.id),
    ['80x24', '120x36', '200x50'].flatMap((size) => [`demo-suite[size=${size},vars.flags=]`, `demo-suite[size=${size},vars.flags=--defect low-contrast]`]),
  );
  assert.ok(suite.scenarios.every((s) => s.config.pretest !== null && s.config.record.cwd === ROOT));
});
