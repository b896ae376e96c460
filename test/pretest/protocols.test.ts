import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sessionPids } from '../../src/pretest/index.js';
import { alive, demoCommand, pretest, tempDir } from './helpers.js';

const commandName = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
};

test('exit-code passes a command that exits 0', async () => {
  const r = await pretest({ command: 'true', protocol: 'exit-code', timeout: 20 });
  assert.equal(r.verdict, 'passed');
  assert.equal(r.exitCode, 0);
  assert.equal(r.stoppedBy, null);
  assert.equal(r.reason, 'exited 0');
  assert.equal(r.schemaVersion, 1);
});

test('exit-code fails a command that exits non-zero, with its last words', async () => {
  const r = await pretest({ command: 'echo "cannot open display" >&2; false', protocol: 'exit-code', timeout: 20 });
  assert.equal(r.verdict, 'failed');
  assert.equal(r.exitCode, 1);
  assert.equal(r.reason, 'exited with code 1: cannot open display');
  assert.deepEqual(r.output.stderr, ['cannot open display']);
});

test('a command that does not exist fails with the shell\'s meaning of exit 127', async () => {
  const r = await pretest({ command: 'termlens-no-such-program-xyz', protocol: 'exit-code', timeout: 20 });
  assert.equal(r.verdict, 'failed');
  assert.equal(r.exitCode, 127);
  assert.match(r.reason, /^exited with code 127 \(command not found\)/);
});

test('exit-code times out a command that runs too long, and stops it', async () => {
  const r = await pretest({ command: 'sleep 30', protocol: 'exit-code', timeout: 0.5 });
  assert.equal(r.verdict, 'timeout');
  assert.equal(r.stoppedBy, 'timeout');
  assert.match(r.reason, /did not exit within the 0\.5s timeout/);
  assert.equal(r.signal, 'SIGTERM');
  assert.equal(alive(r.pid!), false);
});

test('smoke passes a program still running at the end of the window, then stops it', async () => {
  const r = await pretest({ command: 'sleep 30', protocol: 'smoke', smokeSeconds: 0.5, timeout: 20 });
  assert.equal(r.verdict, 'passed');
  assert.equal(r.stoppedBy, 'smoke-window');
  assert.match(r.reason, /still running after the 0\.5s smoke window; stopped/);
  assert.equal(alive(r.pid!), false);
});

test('smoke fails a program that exits non-zero within the window', async () => {
  const r = await pretest({ command: 'echo "bad config" >&2; exit 3', protocol: 'smoke', smokeSeconds: 10, timeout: 20 });
  assert.equal(r.verdict, 'failed');
  assert.equal(r.exitCode, 3);
  // Under smoke, 3 is just a code: only the massgen protocol gives 1-4 a meaning.
  assert.equal(r.reason, 'exited with code 3: bad config');
});

test('smoke passes a program that finishes with exit 0 before the window ends', async () => {
  const r = await pretest({ command: 'echo done', protocol: 'smoke', smokeSeconds: 10, timeout: 20 });
  assert.equal(r.verdict, 'passed');
  assert.equal(r.reason, 'exited 0 within the 10s smoke window');
  assert.deepEqual(r.output.stdout, ['done']);
});

test('a program that ignores SIGTERM is killed with SIGKILL after the grace', async () => {
  const r = await pretest({ command: "trap '' TERM; sleep 30 & wait; sleep 30", protocol: 'smoke', smokeSeconds: 0.3, timeout: 20, killGraceMs: 300 });
  assert.equal(r.verdict, 'passed');
  assert.equal(r.signal, 'SIGKILL');
  assert.deepEqual(sessionPids(r.pid!), []);
});

test('aborting kills the whole session and the verdict is interrupted', async () => {
  const controller = new AbortController();
  let members: number[] = [];
  const run = pretest(
    { command: 'sleep 100 & sleep 100', protocol: 'smoke', smokeSeconds: 60, timeout: 90 },
    {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.kind !== 'started') return;
        // Wait until both sleeps run (some shells exec the last one in place of themselves), then abort.
        const poll = () => {
          members = sessionPids(e.pid);
          if (members.filter((pid) => commandName(pid) === 'sleep').length >= 2) controller.abort();
          else setTimeout(poll, 20);
        };
        poll();
      },
    },
  );
  const r = await run;
  assert.equal(r.verdict, 'interrupted');
  assert.equal(r.stoppedBy, 'interrupt');
  assert.ok(members.length >= 2, `expected two sleeps, saw ${members.length} processes`);
  for (const pid of members) assert.equal(alive(pid), false, `process ${pid} survived`);
  assert.deepEqual(sessionPids(r.pid!), []);
});

test('an abort before the start runs nothing', async () => {
  const r = await pretest({ command: 'sleep 100', protocol: 'smoke', smokeSeconds: 5, timeout: 10 }, { signal: AbortSignal.abort() });
  assert.equal(r.verdict, 'interrupted');
  assert.equal(r.pid, null);
});

test('a program that exits leaves nothing running behind it', async () => {
  const r = await pretest({ command: 'sleep 100 & echo $! ; exit 0', protocol: 'exit-code', timeout: 20 });
  assert.equal(r.verdict, 'passed');
  const straggler = Number(r.output.stdout[0]);
  assert.ok(straggler > 0);
  assert.equal(alive(straggler), false, 'the background sleep was left running');
});

test('what the program started in a process group of its own (a shell with job control) is stopped with it', async () => {
  // `set -m` puts each background job in its own process group: only the session still holds them all.
  const r = await pretest({ command: 'set -m; sleep 100 & echo $!; sleep 100 & echo $!; exit 0', protocol: 'exit-code', timeout: 20 });
  assert.equal(r.verdict, 'passed');
  const jobs = r.output.stdout.map(Number);
  assert.equal(jobs.length, 2);
  for (const pid of jobs) assert.equal(alive(pid), false, `the background job ${pid} in its own group was left running`);
  assert.deepEqual(sessionPids(r.pid!), []);
});

test('only the last lines are kept, and secret values never appear in them', async () => {
  const r = await pretest({
    command: 'i=0; while [ $i -lt 100 ]; do echo line $i; i=$((i+1)); done; echo "using key $MY_API_KEY" >&2',
    protocol: 'exit-code',
    timeout: 20,
    tailLines: 5,
    env: { MY_API_KEY: 'sk-very-secret-123456' },
  });
  assert.deepEqual(r.output.stdout, ['line 95', 'line 96', 'line 97', 'line 98', 'line 99']);
  assert.deepEqual(r.output.stderr, ['using key [redacted]']);
  assert.doesNotMatch(JSON.stringify(r), /sk-very-secret/);
});

test('a progress callback that throws does not break the pre-test', async () => {
  const r = await pretest({ command: 'echo hi', protocol: 'exit-code', timeout: 20 }, { onProgress: () => { throw new Error('display broke'); } });
  assert.equal(r.verdict, 'passed');
});

test('smoke and exit-code judge the demo target by its exit code alone: a run passes, a configuration error fails with exit 1', async () => {
  const ok = await pretest({ command: demoCommand('--fault hang'), protocol: 'smoke', smokeSeconds: 1, timeout: 30, cwd: await tempDir() });
  assert.equal(ok.verdict, 'passed', ok.reason);
  assert.equal(ok.contract, null, 'only massgen records the contract');
  const done = await pretest({ command: demoCommand(''), protocol: 'exit-code', timeout: 60, cwd: await tempDir() });
  assert.equal(done.verdict, 'passed', done.reason);
  assert.match(done.parsed.winner ?? '', /^agent_\w+$/, 'the lines are parsed under any protocol');
  const bad = await pretest({ command: demoCommand('--fault config-error'), protocol: 'exit-code', timeout: 30, cwd: await tempDir() });
  assert.equal(bad.verdict, 'failed');
  assert.equal(bad.exitCode, 1);
});
