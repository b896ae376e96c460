import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { recordSession } from '../../src/record/index.js';
import { screenAt, snapshotText } from '../../src/terminal/index.js';
import { CLI, runCli } from '../helpers/cli.js';
import { offlineEnv, tempRoots } from './helpers.js';

test('on a terminal, a run shows a line per finished stage on stderr and the score table, with no bar left behind', async () => {
  const roots = await tempRoots();
  const cast = join(roots.dir, 'termlens.cast');
  const result = await recordSession({
    command: process.execPath,
    args: [...CLI, 'demo', '--speed', '10', '--frames', '3', '--recordings', roots.recordings, '--reports', roots.reports],
    output: cast,
    cols: 140,
    rows: 40,
    cwd: roots.dir,
    baseEnv: offlineEnv(),
    timeoutMs: 120_000,
  });
  assert.equal(result.exitCode, 0);
  const screen = snapshotText((await screenAt(cast, { end: true })).snapshot);
  for (const stage of ['pretest', 'record', 'render', 'frames', 'inspect', 'report']) assert.match(screen, new RegExp(`✔ ${stage} done \\d+\\.\\ds`), `${stage} line:\n${screen}`);
  assert.match(screen, /– judge skipped: no vision model configured/);
  assert.match(screen, /Visual clarity\s+—\s+10\.0\s+✅ good/);
  assert.doesNotMatch(screen, /ETA/, 'every progress bar was cleared when its stage ended');
});

test('on a pipe, a run writes plain timestamped lines to stderr', async () => {
  const roots = await tempRoots();
  const r = await runCli(['demo', '--speed', '10', '--frames', '3', '--recordings', roots.recordings, '--reports', roots.reports], { cwd: roots.dir, env: offlineEnv() });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^\[\d\d:\d\d:\d\d\] record started$/m);
  assert.match(r.stderr, /^\[\d\d:\d\d:\d\d\] render done \d+\.\ds: \d+ frames/m);
  assert.doesNotMatch(r.stderr, /\x1b\[/, 'no escape codes on a pipe');
  assert.match(r.stdout, /^verdict: {3}passed: /m);
});
