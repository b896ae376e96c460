import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CastEvent } from '../../src/cast/index.js';
import { collapseEvents, parseTape, prepareTape, tapeSteps, tapeToPlan } from '../../src/tape/index.js';
import { assertGolden } from '../helpers/golden.js';
import { loadFixture, stableJson } from './fixtures.js';

test('every command of the all-commands tape becomes recorder steps with its role, as in the golden file', () => {
  const tape = loadFixture('all-commands.tape');
  const { steps, roles, warnings } = tapeSteps(tape, tapeToPlan(tape));
  assert.equal(steps.length, roles.length);
  assertGolden(stableJson({ steps, roles, warnings }), 'tapes/run/golden/all-commands.steps.json');
});

test('the first step waits for the shell prompt before anything is typed', () => {
  const tape = parseTape('Type "ls"\n');
  const { steps, roles } = tapeSteps(tape, tapeToPlan(tape));
  assert.equal(steps[0]!.kind, 'wait');
  assert.equal(roles[0]!.setup, true);
  assert.equal(steps[1]!.kind, 'type');
});

test('commands run while hidden save no screen text, and Show does', () => {
  const tape = parseTape('Type "a"\nHide\nType "b"\nShow\nCopy "x"\nType "c"\n');
  const { roles } = tapeSteps(tape, tapeToPlan(tape));
  const saved = roles.flatMap((r) => r.saves).map((i) => tape.commands[i]!.kind + (tape.commands[i]!.kind === 'type' ? (tape.commands[i] as { text: string }).text : ''));
  // Hide and the Type after it are not saved; Copy, which has no step, is saved with Show's screen.
  assert.deepEqual(saved, ['typea', 'show', 'copy', 'typec']);
});

test('a scroll command is a warning naming its line, not an error', () => {
  const tape = parseTape('Type "a"\nScrollUp 3\n', { file: 'scroll.tape' });
  const { warnings } = tapeSteps(tape, tapeToPlan(tape));
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]!.pos.line, 2);
  assert.match(warnings[0]!.message, /ScrollUp 3 is not shown/);
});

test('settings the renderer cannot honour are warnings naming their lines', () => {
  const text = 'Set Width 801\nSet LetterSpacing 2\nSet MarginFill "bg.png"\nSet Theme "Purple Rain"\nSet Framerate 200\nType "a"\n';
  const tape = parseTape(text, { file: 'odd.tape' });
  const { warningText, render } = prepareTape({ tape, sources: new Map([['odd.tape', text.split('\n')]]) });
  assert.equal(render.width, 802);
  assert.equal(render.fps, 120);
  assert.equal(render.theme, 'VHS');
  assert.deepEqual(warningText.map((w) => w.split(':').slice(0, 2).join(':')), ['odd.tape:1', 'odd.tape:2', 'odd.tape:3', 'odd.tape:4', 'odd.tape:5']);
  assert.match(warningText[3]!, /the theme "Purple Rain" is not built in/);
});

test("settings past the renderer's limits are brought within them, each a warning naming its line", () => {
  const text = 'Set PlaybackSpeed 500\nSet BorderRadius 900\nSet LineHeight 0.05\nType "a"\n';
  const tape = parseTape(text, { file: 'far.tape' });
  const { warningText, render } = prepareTape({ tape, sources: new Map([['far.tape', text.split('\n')]]) });
  assert.equal(render.speed, 100);
  assert.equal(render.borderRadius, 500);
  assert.equal(render.lineHeight, 0.1);
  assert.deepEqual(warningText.map((w) => w.split(':').slice(0, 2).join(':')), ['far.tape:1', 'far.tape:2', 'far.tape:3']);
  assert.match(warningText[0]!, /PlaybackSpeed 500 is above the renderer's 100; 100 is used/);
  assert.match(warningText[2]!, /LineHeight 0\.05 is below the renderer's 0\.1; 0\.1 is used/);
});

test('a theme VHS names and a built-in shares is used, and an inline theme keeps its colours', () => {
  const named = prepareTape({ tape: parseTape('Set Theme "Catppuccin Mocha"\nType "a"\n'), sources: new Map() });
  assert.equal(typeof named.render.theme === 'object' && named.render.theme.name, 'Catppuccin Mocha');
  const inline = prepareTape({ tape: parseTape('Set Theme { "name": "Mine", "background": "#102030" }\nType "a"\n'), sources: new Map() });
  assert.deepEqual(typeof inline.render.theme === 'object' && inline.render.theme.background, [0x10, 0x20, 0x30]);
  assert.equal(named.warnings.length + inline.warnings.length, 0);
});

function ev(time: number, code: CastEvent['code'], data: string): CastEvent {
  return { time, code, data };
}

test('a span between Hide and Show is taken out of the timeline, its output landing at the moment it began', () => {
  const roles = [{ setup: true, saves: [] }, { saves: [] }, { tape: 'hide' as const, saves: [] }, { saves: [] }, { tape: 'show' as const, saves: [] }, { saves: [] }];
  const events = [
    ev(0, 'o', '> '), ev(0.1, 'm', 'step 1: wait'), ev(0.5, 'o', 'a'), ev(0.6, 'm', 'step 2'),
    ev(1, 'm', 'Hide'), ev(2, 'o', 'secret'), ev(3, 'm', 'step 4'), ev(4, 'm', 'Show'),
    ev(4.5, 'o', 'b'), ev(5, 'm', 'step 6'),
  ];
  const { events: out, spans } = collapseEvents(events, roles);
  assert.deepEqual(spans, [{ start: 1, end: 4 }]);
  assert.deepEqual(out.map((e) => e.time), [0, 0.1, 0.5, 0.6, 1, 1, 1, 1, 1.5, 2]);
});

test('a tape that starts hidden hides the shell start-up too, and a Hide never shown hides the rest', () => {
  const roles = [{ setup: true, saves: [] }, { tape: 'hide' as const, saves: [] }, { saves: [] }];
  const events = [ev(0.2, 'o', '> '), ev(0.3, 'm', 'step 1: wait'), ev(0.4, 'm', 'Hide'), ev(0.9, 'o', 'x'), ev(1.2, 'm', 'step 3')];
  const { events: out, spans } = collapseEvents(events, roles);
  assert.deepEqual(out.map((e) => e.time), [0, 0, 0, 0, 0]);
  assert.deepEqual(spans, [{ start: 0, end: 1.2 }]);
});
