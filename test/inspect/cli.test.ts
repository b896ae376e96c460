import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeDashboardCast } from './dashboard.js';

const termlens = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', cwd: process.cwd() });

test('termlens inspect --json -o prints the metrics and writes the same JSON to the file', async () => {
  const cast = await writeDashboardCast({ defect: 'silent', frames: 20 });
  const out = join(dirname(cast), 'metrics.json');
  const run = termlens('inspect', cast, '--json', '-o', out);
  assert.equal(run.status, 0, run.stderr);
  const printed = JSON.parse(run.stdout);
  assert.deepEqual(JSON.parse(await readFile(out, 'utf8')), printed);
  assert.equal(printed.schemaVersion, 1);
  assert.ok(printed.criteria.userExperience.score < 10);
});

test('termlens inspect prints a table with each criterion, its score and the measures behind it', async () => {
  const run = termlens('inspect', await writeDashboardCast({ frames: 20 }));
  assert.equal(run.status, 0, run.stderr);
  for (const label of ['Visual clarity', 'Information organization', 'Status indicators', 'User experience']) {
    assert.match(run.stdout, new RegExp(`${label} +\\d+\\.\\d / 10`));
  }
  assert.match(run.stdout, /contrast .* of text below 4\.5:1/);
});

test('termlens inspect on a missing cast exits 1 and names the path', () => {
  const run = termlens('inspect', '/nonexistent/session.cast');
  assert.equal(run.status, 1);
  assert.match(run.stderr, /"\/nonexistent\/session\.cast" does not exist/);
});

test('termlens inspect --theme measures under that theme and refuses an unknown one with a suggestion', async () => {
  const cast = await writeDashboardCast({ frames: 10 });
  const run = termlens('inspect', cast, '--json', '--theme', 'Solarized Light');
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.metrics.scheme, 'Solarized Light');
  // Solarized Light's body text (#657b83 on #fdf6e3) is under 4.5:1.
  assert.ok(result.criteria.visualClarity.measures.shareBelow4_5 > 0.9);
  const wrong = termlens('inspect', cast, '--theme', 'draculaa');
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /unknown theme "draculaa"; did you mean "Dracula"\?/);
});
