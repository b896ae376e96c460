import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';
import { offlineEnv } from '../pipeline/helpers.js';

test('--reports under a file blames the reports folder, exits 1 and creates nothing', async () => {
  const dir = await tempDir('termlens-folders-');
  writeFileSync(join(dir, 'afile'), '');
  const r = await runCli(['demo', '--speed', '10', '--reports', 'afile/sub'], { cwd: dir, env: offlineEnv() });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /cannot create the reports folder "afile\/sub": "afile" is a file, not a folder/);
  assert.doesNotMatch(r.stderr, /recordings folder/);
  assert.deepEqual(readdirSync(dir), ['afile'], 'no empty recordings/ is left behind');
});

test('--recordings under a file blames the recordings folder and creates nothing', async () => {
  const dir = await tempDir('termlens-folders-');
  writeFileSync(join(dir, 'afile'), '');
  const r = await runCli(['demo', '--speed', '10', '--recordings', 'afile/rec'], { cwd: dir, env: offlineEnv() });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /cannot create the recordings folder "afile\/rec": "afile" is a file, not a folder/);
  assert.deepEqual(readdirSync(dir), ['afile']);
});
