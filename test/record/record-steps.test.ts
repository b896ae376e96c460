import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readCast } from '../../src/cast/index.js';
import { recordFailure, recordSession, type Step } from '../../src/record/index.js';
import { RECORD_FIXTURES, castEvents, markersOf, screenText, tempDir } from './helpers.js';

const ECHO_KEYS = join(RECORD_FIXTURES, 'echo-keys.mjs');

describe('recording with steps', () => {
  it('types text as input events, one per character, and the program reads it', async () => {
    const dir = await tempDir();
    const output = join(dir, 'type.cast');
    const result = await recordSession({
      command: 'bash',
      args: ['--norc', '--noprofile', '-c', 'read -r line; echo "got [$line]"'],
      output,
      cols: 60,
      rows: 8,
      steps: [{ kind: 'type', text: 'hello world', speedMs: 5 }, { kind: 'key', key: 'Enter' }, { kind: 'wait-exit' }],
    });
    assert.equal(result.outcome, 'exited');
    assert.equal(result.exitCode, 0);
    const inputs = (await castEvents(output)).filter((e) => e.code === 'i').map((e) => e.data);
    assert.deepEqual(inputs, [...'hello world', '\r']);
    assert.match(await screenText(output), /^got \[hello world\]$/m);
  });

  it('sends each key as the program receives it, following application cursor mode', async () => {
    const dir = await tempDir();
    const sent: Array<[string, string]> = [['Up', '1b 5b 41'], ['Ctrl+C', '03'], ['Alt+x', '1b 78'], ['Shift+Tab', '1b 5b 5a'], ['PageDown', '1b 5b 36 7e']];
    // After each key, wait for the program to report it, so every press arrives in a read of its own.
    const keys = sent.flatMap(([key, hex]): Step[] => [{ kind: 'key', key, speedMs: 0 }, { kind: 'wait', pattern: `^${hex}$` }]);
    const steps: Step[] = [{ kind: 'wait', pattern: 'ready' }, ...keys, { kind: 'key', key: 'q' }, { kind: 'wait-exit' }];
    const normal = await recordSession({ command: process.execPath, args: [ECHO_KEYS], output: join(dir, 'keys.cast'), cols: 40, rows: 12, steps });
    assert.equal(normal.outcome, 'exited');
    assert.equal(await screenText(normal.castPath), ['ready', '1b 5b 41', '03', '1b 78', '1b 5b 5a', '1b 5b 36 7e', '71'].join('\n'));

    const app = await recordSession({
      command: process.execPath,
      args: [ECHO_KEYS, '--app-cursor'],
      output: join(dir, 'app.cast'),
      cols: 40,
      rows: 12,
      steps: [{ kind: 'wait', pattern: 'ready' }, { kind: 'key', key: 'Up' }, { kind: 'key', key: 'q' }, { kind: 'wait-exit' }],
    });
    assert.match(await screenText(app.castPath), /^ready\n1b 4f 41\n/, 'Up is ESC O A in application cursor mode');
  });

  it('a wait right after input reads the screen only once the program has answered, not the prompt still showing from before', async () => {
    const dir = await tempDir();
    const output = join(dir, 'answer.cast');
    // No echo, and a pause before the answer: the old prompt is all the screen shows until the program answers.
    const result = await recordSession({
      command: 'bash',
      args: ['--norc', '--noprofile', '-c', 'stty -echo; printf "$ "; read -r x; sleep 0.1; printf "answered\\n$ "; sleep 10'],
      output,
      cols: 40,
      rows: 6,
      steps: [
        { kind: 'wait', pattern: '\\$ $', scope: 'line' },
        { kind: 'key', key: 'Enter', speedMs: 0 },
        { kind: 'wait', pattern: '\\$ $', scope: 'line' },
        { kind: 'marker', label: 'waited' },
      ],
    });
    assert.equal(result.outcome, 'steps-done');
    const events = await castEvents(output);
    const answered = events.find((e) => e.code === 'o' && e.data.includes('answered'));
    const waited = events.find((e) => e.code === 'm' && e.data === 'waited');
    assert.ok(answered && waited, 'the cast has the answer and the marker');
    assert.ok(waited.time >= answered.time, `the wait ended at ${waited.time}s, before the answer at ${answered.time}s`);
  });

  it('waits for a pattern on the screen and on the cursor line', async () => {
    const dir = await tempDir();
    const output = join(dir, 'wait.cast');
    const result = await recordSession({
      command: 'bash',
      args: ['--norc', '--noprofile', '-c', 'sleep 0.3; echo "Status: ready"; sleep 0.3; printf "name> "; read -r n; echo "hi $n"; sleep 10'],
      output,
      cols: 40,
      rows: 6,
      steps: [
        { kind: 'wait', pattern: 'Status: ready' },
        { kind: 'wait', pattern: 'name>$', scope: 'line' },
        { kind: 'type', text: 'ada', speedMs: 0 },
        { kind: 'key', key: 'Enter' },
        { kind: 'wait', pattern: '^hi ada$' },
      ],
    });
    assert.equal(result.outcome, 'steps-done');
    assert.deepEqual(result.steps.map((s) => s.status), ['ok', 'ok', 'ok', 'ok', 'ok']);
    // The wait on the line ended only after the prompt was drawn: the screen at its marker shows it.
    assert.match(await screenText(output, { marker: 'step 2: wait' }), /Status: ready\nname>$/);
    assert.equal(recordFailure(result), undefined, 'a script that ran to its end is a success');
  });

  it('fails a wait that times out with the screen text in the error, and keeps a valid cast', async () => {
    const dir = await tempDir();
    const output = join(dir, 'timeout.cast');
    const result = await recordSession({
      command: 'sh',
      args: ['-c', 'echo "Hello there"; echo "Status: ready"; sleep 20'],
      output,
      cols: 40,
      rows: 6,
      steps: [
        { kind: 'wait', pattern: 'Hello' },
        { kind: 'wait', pattern: 'ready', scope: 'line', timeoutMs: 400, source: { file: 'steps.yaml', line: 2, column: 3 } },
      ],
    });
    assert.equal(result.outcome, 'step-failed');
    const failure = recordFailure(result)!;
    assert.equal(failure.code, 'timeout');
    assert.match(failure.message, /^step 2 \(wait for \/ready\/ on the cursor's line\) failed \(steps\.yaml:2:3\): \/ready\/ did not appear within 400ms\./);
    assert.match(failure.message, /the cursor's line was: ""/);
    assert.match(failure.message, /The screen showed:\n {2}│ Hello there\n {2}│ Status: ready/);
    assert.match(failure.hint!, /scope: line matches only the line the cursor is on/);
    assert.match(failure.hint!, /The recording so far was kept/);
    assert.deepEqual(await markersOf(output), ['step 1: wait', 'step 2: wait (failed)']);
    const session = JSON.parse(readFileSync(result.sessionPath, 'utf8'));
    assert.equal(session.outcome, 'step-failed');
    assert.equal(session.steps[1].status, 'failed');
    assert.equal(session.error.code, 'timeout');
  });

  it('resizes the terminal: the program sees the new size and the cast gets an r event', async () => {
    const dir = await tempDir();
    const output = join(dir, 'resize.cast');
    const result = await recordSession({
      command: 'bash',
      args: ['--norc', '--noprofile', '-c', 'trap "stty size" WINCH; echo ready; while :; do sleep 0.05; done'],
      output,
      cols: 50,
      rows: 10,
      steps: [{ kind: 'wait', pattern: 'ready' }, { kind: 'resize', cols: 100, rows: 30 }, { kind: 'wait', pattern: '^30 100$' }],
    });
    assert.equal(result.outcome, 'steps-done');
    const { header, events } = await readCast(output);
    assert.deepEqual([header.width, header.height], [50, 10]);
    assert.deepEqual(events.filter((e) => e.code === 'r').map((e) => e.data), ['100x30']);
  });

  it('leaves one marker per step, a marker step using its own label', async () => {
    const dir = await tempDir();
    const output = join(dir, 'markers.cast');
    await recordSession({
      command: 'sh',
      args: ['-c', 'echo one; read x; echo two'],
      output,
      cols: 30,
      rows: 5,
      steps: [
        { kind: 'wait', pattern: 'one' },
        { kind: 'marker', label: 'first line shown' },
        { kind: 'sleep', ms: 50 },
        { kind: 'key', key: 'Enter' },
        { kind: 'wait-exit' },
      ],
    });
    assert.deepEqual(await markersOf(output), ['step 1: wait', 'first line shown', 'step 3: sleep', 'step 4: key', 'step 5: wait-exit']);
    assert.equal(await screenText(output, { marker: 'first line shown' }), 'one');
  });

  it('fails a step that needs the program once it has exited, naming the step', async () => {
    const dir = await tempDir();
    const result = await recordSession({
      command: 'sh',
      args: ['-c', 'echo bye'],
      output: join(dir, 'early.cast'),
      steps: [{ kind: 'sleep', ms: 2000 }, { kind: 'type', text: 'too late' }],
    });
    assert.equal(result.outcome, 'step-failed');
    assert.match(result.stepFailure!.message, /^the program had already exited \(exit code 0\) before step 2 \(type "too late"\)/);
    assert.deepEqual(result.steps.map((s) => s.status), ['ok', 'failed']);
  });
});
