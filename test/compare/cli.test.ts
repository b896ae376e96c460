import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/media.js';
import { row, syntheticReport, type Screen } from './synthetic.js';

const termlens = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'compare', ...args], { encoding: 'utf8', cwd: process.cwd(), env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env } });

const GOOD: Screen[] = [
  { marker: 'start', output: row(1, 'Deploying service') + row(3, 'step 1 of 2: upload') },
  { marker: 'end', output: row(3, 'step 2 of 2: restart') + row(5, 'done') },
];
/** The same text in near-black on the dark background: every cell fails contrast. */
const DIM = (s: Screen): Screen => ({ ...s, output: `\x1b[38;2;40;40;40m${s.output}` });

let made: Promise<{ root: string; good: string; dim: string }> | undefined;
const runs = () =>
  (made ??= (async () => {
    const root = await tempDir('termlens-compare-cli-');
    const [good, dim] = await Promise.all([syntheticReport(join(root, 'good'), GOOD), syntheticReport(join(root, 'dim'), GOOD.map(DIM))]);
    return { root, good, dim };
  })());

test('a regression exits 5, names the criterion on stdout, and writes compare.md, compare.json, diff images, JUnit and the step summary', async () => {
  const { root, good, dim } = await runs();
  const summary = join(root, 'summary.md');
  await writeFile(summary, '# earlier step\n');
  const junit = join(root, 'junit.xml');
  const run = termlens([good, dim, '--junit', junit], { GITHUB_STEP_SUMMARY: summary });
  assert.equal(run.status, 5, run.stderr);
  assert.match(run.stdout, /^VERDICT: regression in visualClarity$/m);
  assert.match(run.stdout, /visualClarity: offline score [\d.]+ → [\d.]+ \(−/);
  const out = join(dim, 'compare');
  const json = JSON.parse(await readFile(join(out, 'compare.json'), 'utf8'));
  assert.equal(json.schemaVersion, 1);
  assert.deepEqual(json.regressedCriteria, ['visualClarity']);
  assert.ok(existsSync(join(out, 'compare.md')) && existsSync(join(out, 'diffs', '01.png')));
  const appended = await readFile(summary, 'utf8');
  assert.ok(appended.startsWith('# earlier step\n# termlens comparison: ❌ regression in Visual clarity'), appended.slice(0, 120));
  const xml = await readFile(junit, 'utf8');
  assert.match(xml, /<testcase classname="termlens.compare" name="visualClarity" time="0">\s*<failure message="visualClarity: offline score /);
  assert.match(xml, /<testsuites name="termlens compare" tests="6" failures="1"/);
});

test('no regression exits 0 and says there is no difference; -o puts the output elsewhere', async () => {
  const { root, good } = await runs();
  const out = join(root, 'self-compare');
  const run = termlens([good, good, '-o', out]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^VERDICT: no difference$/m);
  assert.ok(existsSync(join(out, 'compare.json')));
});

test('thresholds from flags and from a YAML file decide what counts as a regression', async () => {
  const { root, good, dim } = await runs();
  const loose = termlens([good, dim, '--no-pixels', '--threshold', 'visualClarity=10', '--threshold', 'contrastFailures=1', '--threshold', 'severeContrastFailures=1']);
  assert.equal(loose.status, 0, loose.stdout + loose.stderr);
  const file = join(root, 'thresholds.yaml');
  await writeFile(file, 'compare:\n  criteria: { visualClarity: 10 }\n  metrics: { contrastFailures: 1, severeContrastFailures: 1 }\n  pixels: 0.5\n');
  // The file relaxes the criterion and metrics; the flag, read after it, makes any changed pixel a regression.
  const strictPixels = termlens([good, dim, '--thresholds', file, '--threshold', 'pixels=0']);
  assert.equal(strictPixels.status, 5);
  assert.match(strictPixels.stdout, /VERDICT: regression in pixel or screen gates/);
});

test('a misspelt threshold exits 1 with a suggestion', async () => {
  const { good } = await runs();
  const run = termlens([good, good, '--threshold', 'flicke=1']);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /unknown threshold "flicke"/);
  assert.match(run.stderr, /Did you mean "flicker"\?/);
});

test('a folder that is not a report folder exits 1, names the missing file and says what to pass', async () => {
  const { root, good } = await runs();
  const recording = join(root, 'recording');
  await cp(join(good, 'session.cast'), join(recording, 'session.cast'), { recursive: true });
  const run = termlens([recording, good]);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /is not a report folder: it has no metrics\.json/);
  assert.match(run.stderr, /recording folder; its report folder is reports\/recording\//);
  const missing = termlens([join(root, 'nowhere'), good]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /the baseline folder ".*nowhere" does not exist/);
  assert.match(missing.stderr, /--update-baseline/);
});

test('--update-baseline creates a missing baseline, then replaces it after a change was accepted', async () => {
  const { root, good, dim } = await runs();
  const baseline = join(root, 'repo', 'baselines', 'deploy');
  const created = termlens([baseline, good, '--update-baseline']);
  assert.equal(created.status, 0, created.stderr);
  assert.match(created.stdout, /^BASELINE: created /m);
  assert.equal(await readFile(join(baseline, 'metrics.json'), 'utf8'), await readFile(join(good, 'metrics.json'), 'utf8'));

  const accepted = termlens([baseline, dim, '--update-baseline']);
  assert.equal(accepted.status, 0, accepted.stderr);
  assert.match(accepted.stdout, /^VERDICT: regression in visualClarity$/m, 'the change is still reported');
  assert.match(accepted.stdout, /^BASELINE: updated /m);
  assert.equal(await readFile(join(baseline, 'metrics.json'), 'utf8'), await readFile(join(dim, 'metrics.json'), 'utf8'));
  assert.ok(!existsSync(join(baseline, 'compare')), 'the comparison output is not part of the baseline');
  assert.ok(existsSync(join(baseline, 'session.mp4')) && existsSync(join(baseline, 'session.cast')));

  const again = termlens([baseline, dim]);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /^VERDICT: no difference$/m);
});
