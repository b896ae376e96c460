import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { recordSession } from '../../src/record/index.js';
import { allProcesses } from '../../src/processes.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';

/** Live processes whose command line is exactly `sleep SECONDS` (each test uses its own number). */
function sleepers(seconds: number): number[] {
  return allProcesses()
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p.pid}/cmdline`, 'utf8') === `sleep\0${seconds}\0`;
      } catch {
        return false;
      }
    })
    .map((p) => p.pid);
}

/** A child that ignores TERM and HUP, as some careless programs do; `ready` appears once it does. */
const STUBBORN = (n: number) => `sh -c "trap '' TERM HUP; touch ready; exec sleep ${n}" &`;
/** Shell text that waits for a file to appear (rather than for some time to pass). */
const AWAIT = (file: string) => `while [ ! -e ${file} ]; do sleep 0.02; done;`;

test('a program that exits leaves nothing of its session running: nohup children and children that ignore TERM and HUP are stopped', async () => {
  const dir = await tempDir('termlens-tree-');
  const result = await recordSession({
    command: 'sh',
    args: ['-c', `nohup sh -c 'touch nohup-ready; exec sleep 7101' >/dev/null 2>&1 & ${STUBBORN(7102)} ${AWAIT('nohup-ready')} ${AWAIT('ready')} echo done`],
    output: join(dir, 'x.cast'),
    cwd: dir,
    killGraceMs: 300,
  });
  assert.equal(result.outcome, 'exited');
  assert.deepEqual(sleepers(7101), [], 'the nohup child was stopped');
  assert.deepEqual(sleepers(7102), [], 'the child ignoring TERM and HUP was killed');
  assert.equal(result.session.leftRunning, undefined);
});

test('a timeout stops a child that ignores TERM and HUP too, after the grace period', async () => {
  const dir = await tempDir('termlens-tree-');
  const result = await recordSession({
    command: 'sh',
    args: ['-c', `${STUBBORN(7103)} ${AWAIT('ready')} echo started; wait`],
    output: join(dir, 'x.cast'),
    cwd: dir,
    // Long enough for the child to be ready: the recording must end by the timeout, not before.
    timeoutMs: 3000,
    killGraceMs: 300,
  });
  assert.equal(result.outcome, 'timed-out');
  assert.deepEqual(sleepers(7103), []);
});

test('a setsid daemon is listed with its pid as left running, and stopped with --kill-daemons', async () => {
  const dir = await tempDir('termlens-tree-');
  // The daemon says when it has left the session; the program ends only then.
  const program = (n: number) => ['sh', '-c', `setsid sh -c 'touch daemon-${n}; exec sleep ${n}' & ${AWAIT(`daemon-${n}`)} echo started`];
  const left = await runCli(['record', '-o', join(dir, 'a.cast'), '--', ...program(7104)], { cwd: dir });
  const daemons = sleepers(7104);
  try {
    assert.equal(left.code, 0, left.stderr);
    assert.equal(daemons.length, 1, 'the daemon was left running');
    const session = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'));
    assert.deepEqual(session.leftRunning, [{ pid: daemons[0], command: 'sleep 7104' }]);
    assert.match(left.stderr, new RegExp(`still running: pid ${daemons[0]} \\(sleep 7104\\).*--kill-daemons`));
  } finally {
    for (const pid of daemons) process.kill(pid, 'SIGKILL');
  }
  const killed = await runCli(['record', '--kill-daemons', '-o', join(dir, 'b.cast'), '--', ...program(7105)], { cwd: dir });
  assert.equal(killed.code, 0, killed.stderr);
  assert.deepEqual(sleepers(7105), []);
  assert.equal(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')).leftRunning, undefined);
  assert.doesNotMatch(killed.stderr, /still running/);
});
