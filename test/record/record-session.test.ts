import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readCast } from '../../src/cast/index.js';
import { TermlensError } from '../../src/errors/index.js';
import { recordFailure, recordSession } from '../../src/record/index.js';
import { liveProcessesInGroup, screenText, tempDir } from './helpers.js';

describe('recording a program', () => {
  it('writes an asciicast v2 with the size, command and output, and a session.json beside it', async () => {
    const dir = await tempDir();
    const result = await recordSession({ command: 'printf', args: ['hello\\n\\033[31mred\\033[0m\\n'], output: join(dir, 'session.cast'), cols: 30, rows: 5 });
    assert.equal(result.sessionPath, join(dir, 'session.json'));
    const { header, events } = await readCast(result.castPath);
    assert.equal(header.version, 2);
    assert.deepEqual([header.width, header.height], [30, 5]);
    assert.equal(header.command, "printf 'hello\\n\\033[31mred\\033[0m\\n'");
    assert.equal(events.map((e) => e.data).join(''), 'hello\r\n\x1b[31mred\x1b[0m\r\n');
    const session = JSON.parse(readFileSync(result.sessionPath, 'utf8'));
    assert.equal(session.schemaVersion, 1);
    assert.equal(session.cast, 'session.cast');
    assert.equal(session.outcome, 'exited');
    assert.equal(session.exitCode, 0);
    assert.equal(session.signal, null);
    assert.equal(session.output.bytes, Buffer.byteLength(events.map((e) => e.data).join('')));
    assert.match(session.termlensVersion, /^\d+\.\d+\.\d+/);
    assert.match(session.startedAt, /^\d{4}-\d\d-\d\dT/);
  });

  it('gives the program an xterm-256color truecolor terminal, the extra variables and the working directory', async () => {
    const dir = await tempDir();
    const result = await recordSession({
      command: 'sh',
      args: ['-c', 'echo "$TERM $COLORTERM $GREETING"; pwd'],
      output: join(dir, 'env.cast'),
      cwd: dir,
      env: { GREETING: 'bonjour' },
    });
    assert.equal(await screenText(result.castPath), `xterm-256color truecolor bonjour\n${dir}`);
  });

  it('keeps the names of extra variables in session.json but never their values', async () => {
    const dir = await tempDir();
    const result = await recordSession({ command: 'sh', args: ['-c', 'echo "${#API_TOKEN} characters"'], output: join(dir, 's.cast'), env: { API_TOKEN: 's3cr3t' } });
    assert.equal(await screenText(result.castPath), '6 characters', 'the program got the value');
    const session = readFileSync(result.sessionPath, 'utf8');
    assert.deepEqual(JSON.parse(session).envKeys, ['API_TOKEN']);
    assert.ok(!session.includes('s3cr3t'), 'the value is not in session.json');
    assert.ok(!readFileSync(result.castPath, 'utf8').split('\n')[0]!.includes('s3cr3t'), 'nor in the cast header');
  });

  it('answers a cursor position query as a real terminal does, so programs that ask do not hang', async () => {
    const dir = await tempDir();
    const result = await recordSession({
      command: 'bash',
      // Echo goes off before the query, so the terminal's reply is read, not shown.
      args: ['--norc', '--noprofile', '-c', 'stty -echo; printf "abc\\033[6n"; IFS= read -r -d R reply; stty echo; echo " pos=${reply#*[}"'],
      output: join(dir, 'cpr.cast'),
      timeoutMs: 10_000,
    });
    assert.equal(result.outcome, 'exited');
    assert.equal(await screenText(result.castPath), 'abc pos=1;4');
  });

  it('records the exit code of a program that fails, and the signal of one that is killed', async () => {
    const dir = await tempDir();
    const failed = await recordSession({ command: 'sh', args: ['-c', 'echo oops; exit 7'], output: join(dir, 'fail.cast') });
    assert.equal(failed.outcome, 'exited');
    assert.equal(failed.exitCode, 7);
    assert.equal(JSON.parse(readFileSync(failed.sessionPath, 'utf8')).exitCode, 7);
    const error = recordFailure(failed)!;
    assert.equal(error.code, 'target-failed');
    assert.match(error.message, /^the program `sh -c 'echo oops; exit 7'` exited with code 7/);
    assert.equal(await screenText(failed.castPath), 'oops');

    const killed = await recordSession({ command: 'sh', args: ['-c', 'kill -TERM $$'], output: join(dir, 'killed.cast') });
    assert.equal(killed.exitCode, null);
    assert.equal(killed.signal, 'SIGTERM');
    assert.match(recordFailure(killed)!.message, /was killed by SIGTERM/);
  });

  it('stops a program past its timeout, TERM then KILL to its whole process group, and keeps the cast', async () => {
    const dir = await tempDir();
    const result = await recordSession({
      command: 'sh',
      // The shell and its child both ignore TERM, so only the KILL after the grace period ends them.
      args: ['-c', 'trap "" TERM; echo "pid=$$"; sleep 30 & wait'],
      output: join(dir, 'hang.cast'),
      steps: [{ kind: 'wait', pattern: 'pid=' }, { kind: 'wait-exit' }],
      timeoutMs: 1500,
      killGraceMs: 300,
    });
    assert.equal(result.outcome, 'timed-out');
    assert.equal(result.signal, 'SIGKILL');
    assert.equal(recordFailure(result)!.code, 'timeout');
    const pid = Number(/pid=(\d+)/.exec(await screenText(result.castPath))![1]);
    assert.deepEqual(liveProcessesInGroup(pid), [], "nothing is left running in the program's process group");
    assert.equal(JSON.parse(readFileSync(result.sessionPath, 'utf8')).timedOut, true);
  });

  it('stops the program when the caller aborts, as Ctrl+C does, and reports it interrupted', async () => {
    const dir = await tempDir();
    const controller = new AbortController();
    const result = await recordSession({
      command: 'sh',
      args: ['-c', 'echo started; sleep 30'],
      output: join(dir, 'abort.cast'),
      signal: controller.signal,
      // Abort once the program's first output is in the cast (as an output event: the header names the command, "started" included).
      onStart: ({ castPath }) => {
        const poll = setInterval(() => {
          if (readFileSync(castPath, 'utf8').includes('"o","started')) {
            clearInterval(poll);
            controller.abort();
          }
        }, 20);
      },
    });
    assert.equal(result.outcome, 'interrupted');
    assert.equal(result.session.interrupted, true);
    assert.equal(recordFailure(result)!.code, 'interrupted');
    assert.equal(await screenText(result.castPath), 'started');
  });

  it('refuses a command that is not on PATH before writing anything, with a suggestion', async () => {
    const dir = await tempDir();
    const output = join(dir, 'none.cast');
    await assert.rejects(
      recordSession({ command: 'lss', args: ['-la'], output }),
      (e: unknown) => e instanceof TermlensError && e.code === 'not-found' && /^command "lss" not found on PATH$/.test(e.message) && /Did you mean "less"\?/.test(e.hint ?? ''),
    );
    await assert.rejects(recordSession({ command: './nope.sh', output, cwd: dir }), /command "\.\/nope\.sh" not found: there is no file/);
    assert.equal(existsSync(output), false, 'no cast was started');
  });

  it('refuses an output path it cannot write, before starting the program', async () => {
    const dir = await tempDir();
    await assert.rejects(recordSession({ command: 'true', output: join(dir, 'missing', 'x.cast') }), (e: unknown) => e instanceof TermlensError && e.code === 'unwritable' && /the folder .* does not exist/.test(e.message));
    await assert.rejects(recordSession({ command: 'true', output: dir }), (e: unknown) => e instanceof TermlensError && e.code === 'unwritable' && /it is a folder/.test(e.message));
  });
});
