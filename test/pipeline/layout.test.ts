import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { baseRunId, createRun, findRun, latestRun } from '../../src/pipeline/index.js';
import { tempRoots } from './helpers.js';

test('run ids are the target name made safe for a folder, then the time', () => {
  assert.equal(baseRunId('My CLI / v2', new Date('2026-11-27T03:04:05Z')), 'my-cli-v2-20261127-030405');
});

test('runs started in the same second never share a folder', async () => {
  const roots = await tempRoots();
  const now = new Date('2026-11-27T03:04:05Z');
  const runs = await Promise.all(Array.from({ length: 6 }, () => createRun('demo', roots, now)));
  const ids = runs.map((r) => r.runId);
  assert.equal(new Set(ids).size, 6, ids.join(', '));
  assert.ok(ids.includes('demo-20261127-030405') && ids.includes('demo-20261127-030405-6'));
});

test('the newest run of a target is found by time, with same-second suffixes in order', async () => {
  const roots = await tempRoots();
  for (const id of ['demo-20261127-030405', 'demo-20261127-030405-2', 'demo-20261127-030405-10', 'demo-20261126-235959', 'demo-x-20261128-000000']) {
    await mkdir(join(roots.recordings, id), { recursive: true });
  }
  assert.equal((await latestRun('demo', roots))?.runId, 'demo-20261127-030405-10');
  assert.equal(await latestRun('other', roots), undefined);
});

test('a run is found from its report folder, its recording folder or its id', async () => {
  const roots = await tempRoots();
  const run = await createRun('demo', roots);
  assert.equal(findRun(run.reportDir).recordingDir, run.recordingDir);
  assert.equal(findRun(run.recordingDir).reportDir, run.reportDir);
  assert.equal(findRun(run.runId, roots).reportDir, run.reportDir);
  assert.throws(() => findRun(join(roots.dir, 'nope')), /no run found at/);
});
