import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCast } from '../../src/cast/index.js';
import { offlineEnv } from '../pipeline/helpers.js';
import { smallDisk } from './small-disk.js';

/** A program that prints far more than the small disk holds: 300,000 numbered lines (3 MB). */
const FLOOD = ['python3', '-c', 'import sys\nfor i in range(300000): sys.stdout.write("%09d\\n" % i)'];
const NO_ROOM = /the disk is full|the file size limit \(ulimit -f\) was reached/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

function onlyRun(root: string): string {
  const runs = readdirSync(root);
  assert.equal(runs.length, 1, runs.join(', '));
  return join(root, runs[0]!);
}

test('a recording that fills the disk says so plainly, exits 2, and keeps a cast that reads back to its last whole event', async (t) => {
  const disk = await smallDisk(t, 2 * 1024 * 1024);
  if (!disk) return;
  const cast = join(disk.dir, 'x.cast');
  const r = await disk.cli(['record', '-o', cast, '--', ...FLOOD], { cwd: disk.dir });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, NO_ROOM);
  assert.match(r.stderr, /could not write x\.cast after \d/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.ok(readFileSync(cast, 'utf8').endsWith('\n'), 'the cast ends on a whole line');
  const { events } = await readCast(cast);
  assert.ok(events.length > 10);
  const text = events.map((e) => e.data).join('');
  assert.match(text, /^000000000\r\n000000001\r\n/, 'everything from the start was kept');
  const session = JSON.parse(readFileSync(join(disk.dir, 'x.json'), 'utf8'));
  assert.equal(session.outcome, 'write-failed');
  assert.equal(session.error.code, 'disk-full');
  assert.deepEqual(readdirSync(disk.dir).sort(), ['x.cast', 'x.json'], 'no temporary files are left');
});

test('a run whose recording fills the disk closes status.json as failed with the disk-full error', async (t) => {
  const disk = await smallDisk(t, 2 * 1024 * 1024);
  if (!disk) return;
  const config = join(disk.dir, 'flood.yaml');
  writeFileSync(config, `name: flood\ncommand: ${JSON.stringify(FLOOD.map((a, i) => (i === 0 ? a : `'${a}'`)).join(' '))}\n`);
  const r = await disk.cli(['run', config, '--recordings', join(disk.dir, 'rec'), '--reports', join(disk.dir, 'rep')], { cwd: disk.dir, env: offlineEnv() });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, NO_ROOM);
  const status = JSON.parse(readFileSync(join(onlyRun(join(disk.dir, 'rep')), 'status.json'), 'utf8'));
  assert.equal(status.state, 'failed');
  assert.equal(status.exitCode, 2);
  assert.equal(status.stage, 'record');
  assert.equal(status.error.code, 'disk-full');
  const rec = onlyRun(join(disk.dir, 'rec'));
  assert.equal(JSON.parse(readFileSync(join(rec, 'session.json'), 'utf8')).outcome, 'write-failed');
  assert.ok((await readCast(join(rec, 'session.cast'))).events.length > 0);
  assert.deepEqual(filesUnder(disk.dir).filter((f) => /\.tmp/.test(f)), [], 'no temporary files are left');
});

test('a run that fills the disk after recording keeps the recording, closes status.json and leaves no temporary or empty files', async (t) => {
  // The cast (about 0.5 MB) fits; the video and the frames do not.
  const disk = await smallDisk(t, 1536 * 1024);
  if (!disk) return;
  const rec = join(disk.dir, 'rec');
  const rep = join(disk.dir, 'rep');
  const r = await disk.cli(['demo', '--speed', '10', '--recordings', rec, '--reports', rep], { cwd: disk.dir, env: offlineEnv() });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, NO_ROOM);
  const status = JSON.parse(readFileSync(join(onlyRun(rep), 'status.json'), 'utf8'));
  assert.equal(status.state, 'failed');
  assert.equal(status.exitCode, 2);
  assert.equal(status.error.code, 'disk-full');
  assert.notEqual(status.stage, 'record', 'the recording itself fitted');
  const run = onlyRun(rec);
  assert.equal(JSON.parse(readFileSync(join(run, 'session.json'), 'utf8')).outcome, 'exited');
  assert.ok((await readCast(join(run, 'session.cast'))).events.length > 0);
  const files = filesUnder(disk.dir);
  assert.deepEqual(files.filter((f) => /\.tmp/.test(f)), [], 'no temporary files are left');
  assert.deepEqual(files.filter((f) => statSync(f).size === 0), [], 'no empty files are left');
});
