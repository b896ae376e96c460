import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { castEvents, liveProcessesInGroup, runCli, screenText, tempDir } from './helpers.js';

describe('termlens record and screen on the command line', () => {
  it('records a program, then prints its last screen and the screen at a step marker', async () => {
    const dir = await tempDir();
    const cast = join(dir, 'hello.cast');
    const steps = join(dir, 'steps.yaml');
    writeFileSync(steps, '- wait: first\n- key: Enter\n- wait-exit\n');
    const rec = await runCli(['record', '--cols', '40', '--rows', '6', '--steps', steps, '-o', cast, '--', 'sh', '-c', 'echo first; read x; echo second']);
    assert.equal(rec.code, 0, rec.stderr);
    assert.match(rec.stderr, /^recording sh -c 'echo first; read x; echo second' at 40x6, 3 steps → /);
    assert.match(rec.stderr, /recorded [\d.]+s, \d+ bytes of output in \d+ events, 3 steps done → .*hello\.cast and .*hello\.json/);
    const end = await runCli(['screen', cast]);
    assert.equal(end.code, 0, end.stderr);
    assert.equal(end.stdout, 'first\n\nsecond\n');
    const atStep = await runCli(['screen', cast, '--marker', 'step 1: wait', '--format', 'json']);
    const snap = JSON.parse(atStep.stdout);
    assert.deepEqual([snap.cols, snap.rows, snap.text[0]], [40, 6, 'first']);
    const both = await runCli(['screen', cast, '--end', '--at', '1']);
    assert.equal(both.code, 1);
    assert.match(both.stderr, /choose one moment, not --at and --end/);
  });

  it('sizes the terminal from pixels the way VHS does', async () => {
    const dir = await tempDir();
    const cast = join(dir, 'px.cast');
    const rec = await runCli(['record', '--width', '1920', '--height', '1080', '--font-size', '15', '-o', cast, '--', 'stty', 'size']);
    assert.equal(rec.code, 0, rec.stderr);
    assert.equal(await screenText(cast), '53 200');
  });

  it('exits 2 when the program fails, keeping the cast and the exit code', async () => {
    const dir = await tempDir();
    const cast = join(dir, 'fail.cast');
    const rec = await runCli(['record', '-o', cast, '--', 'sh', '-c', 'echo "disk full" >&2; exit 3']);
    assert.equal(rec.code, 2);
    assert.match(rec.stderr, /termlens record: the program `sh -c 'echo "disk full" >&2; exit 3'` exited with code 3/);
    assert.match(rec.stderr, /hint: The recording so far was kept: .*fail\.cast and .*fail\.json/);
    assert.equal(await screenText(cast), 'disk full');
    assert.equal(JSON.parse(readFileSync(join(dir, 'fail.json'), 'utf8')).exitCode, 3);
  });

  it('exits 3 on timeout with a valid cast of everything up to then', async () => {
    const dir = await tempDir();
    const cast = join(dir, 'slow.cast');
    const rec = await runCli(['record', '--timeout', '1s', '-o', cast, '--', 'sh', '-c', 'echo waiting; sleep 30']);
    assert.equal(rec.code, 3, rec.stderr);
    assert.match(rec.stderr, /was still running after the 1s timeout, so it was stopped/);
    assert.equal(await screenText(cast), 'waiting');
    const session = JSON.parse(readFileSync(join(dir, 'slow.json'), 'utf8'));
    assert.equal(session.timedOut, true);
    assert.equal(session.outcome, 'timed-out');
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const name = signal === 'SIGINT' ? 'Ctrl+C' : 'SIGTERM';
    it(`exits 4 on ${name}, stopping the program and its children and keeping the cast`, async () => {
      const dir = await tempDir();
      const cast = join(dir, 'int.cast');
      let started = false;
      const rec = await runCli(['record', '-o', cast, '--', 'sh', '-c', 'echo "pid=$$"; sleep 30 & wait'], {
        onOutput: (out, child) => {
          if (started || !out.stderr.includes('recording ')) return;
          started = true;
          // Interrupt once the program's first output is in the cast.
          const poll = setInterval(() => {
            if (existsSync(cast) && /pid=\d+/.test(readFileSync(cast, 'utf8'))) {
              clearInterval(poll);
              child.kill(signal);
            }
          }, 50);
          child.on('close', () => clearInterval(poll));
        },
      });
      assert.equal(rec.code, 4, rec.stderr);
      assert.ok(rec.stderr.includes(`${name} received; stopping sh and keeping the recording so far`), rec.stderr);
      assert.match(rec.stderr, /termlens record: interrupted after [\d.]+s/);
      const events = await castEvents(cast);
      const pid = Number(/pid=(\d+)/.exec(events.map((e) => e.data).join(''))![1]);
      assert.deepEqual(liveProcessesInGroup(pid), [], "nothing is left running in the program's process group");
      const session = JSON.parse(readFileSync(join(dir, 'int.json'), 'utf8'));
      assert.equal(session.interrupted, true);
      assert.equal(session.outcome, 'interrupted');
    });
  }

  it('exits 1 naming a command that does not exist, and leaves no cast behind', async () => {
    const dir = await tempDir();
    const cast = join(dir, 'none.cast');
    const rec = await runCli(['record', '-o', cast, '--', 'no-such-program-xyz', '--flag']);
    assert.equal(rec.code, 1);
    assert.match(rec.stderr, /termlens record: command "no-such-program-xyz" not found on PATH/);
    assert.doesNotMatch(rec.stderr, /^recording /m);
    assert.equal(existsSync(cast), false);
    assert.equal(existsSync(join(dir, 'none.json')), false);
  });

  it('exits 1 on an unwritable output, a bad step file or a bad flag, naming the value', async () => {
    const dir = await tempDir();
    const missing = await runCli(['record', '-o', join(dir, 'no', 'such', 'dir', 'x.cast'), '--', 'true']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot write the cast to ".*x\.cast": the folder ".*dir" does not exist/);
    const steps = join(dir, 'bad.yaml');
    writeFileSync(steps, '- sleep: 1s\n- kye: Enter\n');
    const bad = await runCli(['record', '--steps', steps, '-o', join(dir, 'y.cast'), '--', 'true']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /bad\.yaml:2:3: step 2: unknown step "kye" \(did you mean "key"\?\)/);
    const flag = await runCli(['record', '--env', 'NOEQUALS', '-o', join(dir, 'z.cast'), '--', 'true']);
    assert.equal(flag.code, 1);
    assert.match(flag.stderr, /--env expects NAME=VALUE, got "NOEQUALS"/);
    assert.equal(existsSync(join(dir, 'y.cast')) || existsSync(join(dir, 'z.cast')), false);
  });
});
