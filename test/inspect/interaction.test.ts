/**
 * The measures that tell a program waiting for its user from one making its
 * user wait, state shown by real programs (counts, status lines, check boxes,
 * values that change) from words that merely appear, and error messages from
 * code that mentions errors; and n/a components left out of the score.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectCast } from '../../src/inspect/index.js';
import { writeCast } from './dashboard.js';

type Ev = [number, 'o' | 'm' | 'r' | 'i', string];

test('each input is answered by the first output after it, reported as p50, p95 and the worst', async () => {
  const events: Ev[] = [[0.1, 'o', 'ready> ']];
  for (let k = 0; k < 10; k++) events.push([1 + k, 'i', 'x'], [1 + k + (k === 9 ? 0.8 : 0.01), 'o', 'x']);
  const { responsiveness } = (await inspectCast(await writeCast(events))).criteria.userExperience.measures;
  assert.deepEqual(responsiveness, { inputs: 10, unanswered: 0, p50: 0.01, p95: 0.8, worst: 0.8, worstAt: 10 });
});

test('a program that waits a long time for its next key is not stalled; one that takes long to answer is', async () => {
  const answersAtOnce: Ev[] = [[0.1, 'o', 'editor']];
  const answersLate: Ev[] = [[0.1, 'o', 'editor']];
  for (let k = 0; k < 5; k++) {
    answersAtOnce.push([2 + 3 * k, 'i', 'j'], [2.005 + 3 * k, 'o', `line ${k}`]);
    answersLate.push([2 + 3 * k, 'i', 'j'], [4.5 + 3 * k, 'o', `line ${k}`]);
  }
  const quick = (await inspectCast(await writeCast(answersAtOnce))).criteria.userExperience;
  const slow = (await inspectCast(await writeCast(answersLate))).criteria.userExperience;
  assert.equal(quick.measures.stalls.count, 0);
  assert.ok(quick.measures.longestSilence.seconds <= 0.1, `longest busy silence (the 0.1 s before the first output) ${quick.measures.longestSilence.seconds}`);
  assert.ok(quick.measures.waitingForUserSeconds > 13, `waiting for the user ${quick.measures.waitingForUserSeconds}s`);
  assert.equal(quick.score, 10);
  assert.equal(slow.measures.longestSilence.seconds, 2.5);
  assert.ok(slow.score <= 6.5, `answering every key after 2.5 s scored ${slow.score}`);
});

test('with no input at all, a freeze between outputs is the program making its user wait', async () => {
  const events: Ev[] = [];
  for (let k = 0; k < 10; k++) events.push([0.1 * k, 'o', `\r${k}`]);
  events.push([5.9, 'o', '\rdone']);
  const { longestSilence, waitingForUserSeconds } = (await inspectCast(await writeCast(events))).criteria.userExperience.measures;
  assert.equal(longestSilence.seconds, 5);
  assert.equal(waitingForUserSeconds, 0);
});

test('responsiveness and errors are n/a without inputs or error messages, and the score is scaled from the rest', async () => {
  const r = await inspectCast(await writeCast([[0.1, 'o', 'hello world\r\n']]));
  const ux = r.criteria.userExperience;
  const na = ux.components.filter((c) => c.notApplicable).map((c) => c.name);
  assert.deepEqual(na, ['responsiveness', 'errors']);
  const applying = ux.components.filter((c) => !c.notApplicable);
  const scaled = (10 * applying.reduce((n, c) => n + c.points, 0)) / applying.reduce((n, c) => n + c.max, 0);
  assert.equal(ux.score, Math.round(scaled * 10) / 10);
});

test('an error printed as a message is an error line; code in an editor that mentions errors is not', async () => {
  const printed = await writeCast([[0.1, 'o', 'main.c:6:37: \x1b[1;31merror:\x1b[0m expected a semicolon here\r\n']]);
  const editor = await writeCast(
    [
      [0.1, 'o', '\x1b[?1049h\x1b[H'],
      [0.2, 'o', '  } catch (error) {\r\n    lastError = error;\r\n    throw new Error(`error: gave up after three attempts`);\r\nerror handling is done by the caller below\r\n'],
    ],
    { cols: 60, rows: 10 },
  );
  assert.equal((await inspectCast(printed)).criteria.userExperience.measures.errors.lines, 1);
  const inEditor = await inspectCast(editor);
  assert.equal(inEditor.criteria.userExperience.measures.errors.lines, 0);
  assert.deepEqual(inEditor.criteria.statusIndicators.measures.statusWords.counts, {}, 'the word error in code is not a state');
});

test('state words after counts, check boxes, a status line and values that change are signs of state', async () => {
  const events: Ev[] = [];
  for (let k = 0; k < 4; k++) {
    events.push([
      0.2 * k + 0.1,
      'o',
      `\x1b[H\x1b[2KTasks: ${40 + k} total,  1 running,  ${39 + k} sleeping,  0 stopped\r\n\x1b[2K [X] docs\r\n\x1b[2K [ ] themes\r\n\x1b[12;1H\x1b[7m${` retry.ts  ${k + 1},1  All`.padEnd(60)}\x1b[0m`,
    ]);
  }
  const m = (await inspectCast(await writeCast(events, { cols: 80, rows: 12 }))).criteria.statusIndicators.measures;
  assert.deepEqual(Object.keys(m.statusWords.counts).sort(), ['running', 'sleeping', 'stopped']);
  assert.deepEqual(Object.keys(m.icons.counts).sort(), ['[ ]', '[×]']);
  assert.equal(m.statusLines.example?.row, 11);
  assert.ok(m.liveValues.positions >= 2, `${m.liveValues.positions} live values: ${JSON.stringify(m.liveValues.examples)}`);
});
