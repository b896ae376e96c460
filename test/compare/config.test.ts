/**
 * `termlens compare --config`: the config's compare: section sets the
 * thresholds, a thresholds file and --threshold flags override it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/media.js';
import { row, syntheticReport, type Screen } from './synthetic.js';

const termlens = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'compare', ...args], { encoding: 'utf8', cwd: process.cwd(), env: { ...process.env, GITHUB_STEP_SUMMARY: '' } });

const GOOD: Screen[] = [
  { marker: 'start', output: row(1, 'Deploying service') + row(3, 'step 1 of 2: upload') },
  { marker: 'end', output: row(3, 'step 2 of 2: restart') + row(5, 'done') },
];
/** The same text in near-black on the dark background: every cell fails contrast, so visualClarity drops. */
const DIM = (s: Screen): Screen => ({ ...s, output: `\x1b[38;2;40;40;40m${s.output}` });

/** Tolerates the dimmed text: the criterion and both contrast metrics. */
const RELAXED = 'compare:\n  criteria: { visualClarity: 10 }\n  metrics: { contrastFailures: 1, severeContrastFailures: 1 }\n';

let made: Promise<{ root: string; good: string; dim: string; relaxed: string }> | undefined;
const setup = () =>
  (made ??= (async () => {
    const root = await tempDir('termlens-compare-config-');
    const [good, dim] = await Promise.all([syntheticReport(join(root, 'good'), GOOD), syntheticReport(join(root, 'dim'), GOOD.map(DIM))]);
    const relaxed = join(root, 'relaxed.yaml');
    await writeFile(relaxed, `name: deploy\ncommand: ./deploy --dry-run\n${RELAXED}`);
    return { root, good, dim, relaxed };
  })());

const thresholdsOf = async (dir: string) => JSON.parse(await readFile(join(dir, 'compare.json'), 'utf8')).thresholds;

test("a config's compare section turns a regression into a pass", async () => {
  const { root, good, dim, relaxed } = await setup();
  const strict = termlens([good, dim, '--no-pixels', '-o', join(root, 'out-default')]);
  assert.equal(strict.status, 5, strict.stdout + strict.stderr);
  assert.match(strict.stdout, /^VERDICT: regression in visualClarity$/m);

  const out = join(root, 'out-config');
  const run = termlens([good, dim, '--no-pixels', '--config', relaxed, '-o', out]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.doesNotMatch(run.stdout, /VERDICT: regression/);
  const used = await thresholdsOf(out);
  assert.equal(used.criteria.visualClarity, 10);
  assert.equal(used.criteria.userExperience, 1, 'criteria the section leaves out keep their default');
  assert.equal(used.metrics.contrastFailures, 1);
  assert.equal(used.metrics.flicker, 0.5);
});

test('a misspelt metric in the compare section exits 1 naming compare.metrics.flickr with a did-you-mean, before comparing', async () => {
  const { root, good, dim } = await setup();
  const config = join(root, 'typo.yaml');
  await writeFile(config, 'command: ./deploy\ncompare:\n  metrics:\n    flickr: 0.5\n');
  const out = join(root, 'out-typo');
  const run = termlens([good, dim, '--config', config, '-o', out]);
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stderr, /typo\.yaml:4:5: unknown key "flickr" in compare\.metrics \(did you mean "flicker"\?\)/);
  assert.ok(!existsSync(out), 'nothing is compared with a broken config');
});

test('a thresholds file and --threshold flags override the config, in that order', async () => {
  const { root, good, dim, relaxed } = await setup();
  const flagged = join(root, 'out-flag');
  const flag = termlens([good, dim, '--no-pixels', '--config', relaxed, '--threshold', 'visualClarity=0.5', '-o', flagged]);
  assert.equal(flag.status, 5, flag.stdout + flag.stderr);
  assert.match(flag.stdout, /^VERDICT: regression in visualClarity$/m);
  assert.equal((await thresholdsOf(flagged)).metrics.contrastFailures, 1, 'the config still sets what the flag leaves alone');

  const file = join(root, 'strict.yaml');
  await writeFile(file, 'criteria: { visualClarity: 1 }\n');
  const filed = termlens([good, dim, '--no-pixels', '--config', relaxed, '--thresholds', file, '-o', join(root, 'out-file')]);
  assert.equal(filed.status, 5, filed.stdout + filed.stderr);
  assert.match(filed.stdout, /^VERDICT: regression in visualClarity$/m);

  const out = join(root, 'out-all');
  const all = termlens([good, dim, '--no-pixels', '--config', relaxed, '--thresholds', file, '--threshold', 'visualClarity=9', '-o', out]);
  assert.equal(all.status, 0, all.stdout + all.stderr);
  assert.equal((await thresholdsOf(out)).criteria.visualClarity, 9);
});
