import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildScenario } from '../../examples/demo-target/scenario/build.js';
import { stateAt } from '../../examples/demo-target/scenario/state.js';
import { DEFAULT_QUESTION } from '../../examples/demo-target/scenario/text.js';
import { parseOptions, UsageError, DEFECTS } from '../../examples/demo-target/options.js';
import { codePointWidth, stringWidth } from '../../examples/demo-target/ansi/width.js';
import { wrap } from '../../examples/demo-target/display/wrap.js';
import { VirtualTerminal } from '../../src/terminal/index.js';

const script = (seed: string, extra: Partial<Parameters<typeof buildScenario>[0]> = {}) =>
  buildScenario({ question: DEFAULT_QUESTION, agentCount: 3, seed, ...extra });

test('the same seed gives the same script and another seed a different one', () => {
  assert.deepEqual(script('7'), script('7'));
  assert.notDeepEqual(script('7'), script('8'));
});

test('a run at speed 1 lasts between 20 and 30 seconds of script time for any agent count', () => {
  for (let seed = 1; seed <= 20; seed++) {
    for (const agentCount of [2, 3, 4]) {
      const s = buildScenario({ question: DEFAULT_QUESTION, agentCount, seed: String(seed) });
      assert.ok(s.end >= 20 && s.end <= 30, `seed ${seed}, ${agentCount} agents: ${s.end}s`);
    }
  }
});

test('phases come in order, completion never falls, and the winner is unknown until the votes are in', () => {
  const order = ['initial_answer', 'enforcement', 'presentation'];
  for (const seed of ['1', '2', '3']) {
    const s = script(seed);
    let last = { completion: -1, phase: 0 };
    for (let t = 0; t <= s.end + 0.05; t += 0.1) {
      const st = stateAt(s, t);
      assert.ok(st.completion >= last.completion, `completion fell at ${t}`);
      assert.ok(order.indexOf(st.phase) >= last.phase, `phase went back at ${t}`);
      assert.equal(st.winner, t < s.resultsAt ? null : s.winner);
      last = { completion: st.completion, phase: order.indexOf(st.phase) };
    }
    const end = stateAt(s, s.end);
    assert.equal(end.completion, 100);
    assert.equal(end.finalText, s.finalAnswer);
    assert.ok(end.agents.every((a) => a.status === 'completed'));
  }
});

test('the winner has the most votes, and every agent that answered voted', () => {
  for (let seed = 1; seed <= 30; seed++) {
    const s = script(String(seed));
    const st = stateAt(s, s.end);
    const best = Math.max(...Object.values(st.votesByAgent));
    assert.equal(st.votesByAgent[s.winner], best, `seed ${seed}`);
    assert.ok(st.agents.every((a) => a.vote !== null && a.answerLabel === `agent${a.number}.1`));
  }
});

test('with the agent-error fault the last agent ends in error, never answers and never votes', () => {
  const s = script('4', { agentError: true });
  const last = stateAt(s, s.end).agents.at(-1)!;
  assert.equal(last.status, 'error');
  assert.ok(last.error && last.error.type && last.error.message);
  assert.equal(last.answerCount, 0);
  assert.equal(last.vote, null);
  assert.notEqual(s.winner, last.id);
});

test('with the restart fault every agent restarts once, the panels start over, and the run still completes', () => {
  const s = script('5', { restart: true });
  const restart = s.events.find((e) => e.restart)!;
  assert.deepEqual(restart.restart, { attempt: 2, of: 3 });
  const during = stateAt(s, restart.t + 0.1);
  assert.ok(during.agents.every((a) => a.status === 'restarting' && a.text === '' && a.timesRestarted === 1));
  assert.ok(stateAt(s, s.end).agents.every((a) => a.status === 'completed' && a.timesRestarted === 1));
});

test('cell widths agree with the terminal emulator for the icons, spinner and box characters the display uses', async () => {
  const samples = ['⏳', '🔄', '✅', '❌', '🗳️', '📝', '🔁', '⏰', '🏆', '🤖', '💬', '📁', '🎤', '⠋', '╭', '═', '█', '░', '•', '…', '┊', '→'];
  const vt = new VirtualTerminal({ cols: 20, rows: samples.length });
  for (const [i, s] of samples.entries()) await vt.write(`\x1b[${i + 1};1H${s}|`);
  const snap = vt.snapshot();
  for (const [i, s] of samples.entries()) {
    assert.equal(snap.lines[i]!.findIndex((c) => c.char === '|'), stringWidth(s), `width of ${s}`);
  }
  assert.equal(codePointWidth(0xfe0f), 0);
});

test('wrapping never makes a line wider than asked and keeps every word, breaking only words that cannot fit', () => {
  const text = 'Backups are a file copy with SQLite; see https://www.sqlite.org/whentouse.html#situations for when not to.';
  for (const width of [8, 13, 20, 37]) {
    const lines = wrap(text, width);
    assert.ok(lines.every((l) => stringWidth(l) <= width), `width ${width}: ${JSON.stringify(lines)}`);
    assert.equal(lines.join('').replace(/\s/g, ''), text.replace(/\s/g, ''));
  }
  assert.ok(wrap(text, 20, { keepLongWords: true }).some((l) => stringWidth(l) > 20), 'the overflow defect keeps the link whole');
});

test('flags are checked with messages that name the bad value and what is allowed', () => {
  const fail = (args: string[], pattern: RegExp) => assert.throws(() => parseOptions(args), (e: unknown) => e instanceof UsageError && pattern.test(e.message));
  fail(['--defect', 'flcker'], new RegExp(`'flcker'.*did you mean 'flicker'.*${DEFECTS.join(', ')}`));
  fail(['--agents', '5'], /--agents must be a whole number from 2 to 4, got '5'/);
  fail(['--speed', 'fast'], /--speed must be a number .* got 'fast'/);
  fail(['--fault', 'crash-after'], /crash-after=5/);
  fail(['--fault', 'explode'], /unknown fault 'explode'.*config-error/);
  fail(['--colums', '80'], /unknown option '--colums'.*did you mean '--cols'/);
  fail(['--seed'], /--seed needs a value/);
  const o = parseOptions(['--defect', 'flicker,overflow', '--defect=silent', '--fault', 'crash-after=1.5', 'Why?']);
  assert.deepEqual([...o.defects], ['flicker', 'overflow', 'silent']);
  assert.equal(o.faults.crashAfter, 1.5);
  assert.equal(o.question, 'Why?');
});
