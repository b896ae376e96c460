import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeKey, parseKey } from '../../src/record/keys.js';
import { VHS_WINDOW_DEFAULTS } from '../../src/record/size.js';
import { DEFAULT_SCHEME } from '../../src/terminal/colors.js';
import { parseTape, shellLaunch, tapeToPlan, type PlanStep } from '../../src/tape/index.js';
import { assertTapeGolden, loadFixture, stableJson } from './fixtures.js';

function stepsOf<K extends PlanStep['kind']>(steps: PlanStep[], kind: K): Array<Extract<PlanStep, { kind: K }>> {
  return steps.filter((s): s is Extract<PlanStep, { kind: K }> => s.kind === kind);
}

describe('tapeToPlan', () => {
  it('maps the tape of every command onto its golden plan', () => {
    assertTapeGolden(stableJson(tapeToPlan(loadFixture('all-commands.tape'))), 'all-commands.plan.json');
  });

  it('maps the reference tape onto its golden plan', () => {
    assertTapeGolden(stableJson(tapeToPlan(loadFixture('reference.tape'))), 'reference.plan.json');
  });

  it('names every key the way the recorder parses it', () => {
    const keys = stepsOf(tapeToPlan(loadFixture('all-commands.tape')).steps, 'key');
    assert.ok(keys.length > 30);
    for (const step of keys) {
      const parsed = parseKey(step.key);
      assert.ok(!('error' in parsed), `recorder rejects ${step.key}: ${'error' in parsed ? parsed.error : ''}`);
      assert.equal(parsed.name.toLowerCase(), step.key.toLowerCase(), 'the plan uses the recorder spelling');
    }
    // Alt+letter keeps its case: Alt+b and Alt+B are different keys.
    assert.equal(encodeKey('Alt+b'), '\x1bb');
    assert.equal(encodeKey('Ctrl+L'), '\x0c');
    const chords = keys.filter((k) => k.key.includes('+')).map((k) => k.key);
    assert.deepEqual(chords, [
      'Ctrl+C', 'Ctrl+L', 'Ctrl+Shift+O', 'Ctrl+Alt+Shift+P', 'Ctrl+Alt+Left', 'Ctrl+Backspace', 'Ctrl+Space',
      'Ctrl+[', 'Ctrl+\\', 'Ctrl+@', 'Alt+.', 'Alt+Enter', 'Alt+Tab', 'Alt+b', 'Alt+c', 'Shift+A', 'Shift+Tab', 'Shift+Enter',
    ]);
  });

  it('types at the tape typing speed unless @speed says otherwise, and from a late TypingSpeed on', () => {
    const plan = tapeToPlan(loadFixture('late-set.tape'));
    assert.deepEqual(stepsOf(plan.steps, 'type').map((s) => [s.text, s.speedMs]), [['one', 50], ['two', 5]]);
    assert.equal(stepsOf(plan.steps, 'key')[0]!.speedMs, 5);
    const typed = tapeToPlan(parseTape('Set TypingSpeed 20ms\nType@200ms "a"\nType "b"\nEnter@1s'));
    assert.deepEqual(typed.steps.map((s) => ('speedMs' in s ? s.speedMs : undefined)), [200, 20, 1000]);
  });

  it('fills Wait from WaitPattern and WaitTimeout when the command leaves them out', () => {
    const plan = tapeToPlan(parseTape('Set WaitPattern /(?i)ready/\nSet WaitTimeout 3s\nWait\nWait+Screen@1s /done$/'));
    assert.deepEqual(plan.steps.map(({ source: _source, ...s }) => s), [
      { kind: 'wait', scope: 'line', pattern: 'ready', flags: 'i', timeoutMs: 3000 },
      { kind: 'wait', scope: 'screen', pattern: 'done$', flags: '', timeoutMs: 1000 },
    ]);
    const defaults = tapeToPlan(parseTape('Wait'));
    assert.deepEqual(stepsOf(defaults.steps, 'wait')[0]!.pattern, '>$');
    assert.equal(stepsOf(defaults.steps, 'wait')[0]!.timeoutMs, 15_000);
  });

  it('pastes what the last Copy copied, at once, and nothing when nothing was copied', () => {
    const plan = tapeToPlan(loadFixture('clipboard.tape'));
    assert.deepEqual(plan.steps.map((s) => s.kind === 'type' ? `type ${s.text}@${s.speedMs}` : s.kind), ['type echo @50', 'type first second@0', 'key']);
  });

  it('keeps Hide, Show, Screenshot and scrolling as steps for the runner, in order', () => {
    const plan = tapeToPlan(loadFixture('all-commands.tape'));
    const kinds = plan.steps.map((s) => s.kind).filter((k) => ['hide', 'show', 'screenshot', 'scroll'].includes(k));
    assert.deepEqual(kinds, ['scroll', 'scroll', 'hide', 'show', 'screenshot']);
    assert.deepEqual(stepsOf(plan.steps, 'scroll').map((s) => s.lines), [-5, 1]);
    assert.equal(stepsOf(plan.steps, 'screenshot')[0]!.path, 'shots/after-secret.png');
  });

  it('sizes the recorded terminal from the window less its margins and bar, as VHS does', () => {
    const plan = tapeToPlan(loadFixture('all-settings.tape'));
    assert.deepEqual(plan.record.window, { width: 1600 - 40, height: 900 - 40 - 40, fontSize: 18, padding: 40 });
    assert.deepEqual(tapeToPlan(parseTape('Type "x"')).record.window, { ...VHS_WINDOW_DEFAULTS });
  });

  it('passes every look setting to the renderer', () => {
    const { render } = tapeToPlan(loadFixture('all-settings.tape'));
    assert.equal(render.fps, 30);
    assert.equal(render.speed, 0.5);
    assert.equal(render.cursorBlink, false);
    assert.equal(render.windowBar, 'ColorfulRight');
    assert.equal(render.marginFill, '#674EFF');
    assert.ok(typeof render.theme === 'object');
    assert.deepEqual(typeof render.theme === 'object' && render.theme.background, [0x29, 0x28, 0x3b]);
    assert.equal(tapeToPlan(loadFixture('all-commands.tape')).render.theme, 'Catppuccin Mocha');
    assert.equal(tapeToPlan(parseTape('Type "x"')).render.theme, DEFAULT_SCHEME);
  });

  it('starts the shell the way VHS does, with its "> " prompt that the default WaitPattern expects', () => {
    const bash = shellLaunch('bash');
    assert.deepEqual(bash.argv, ['bash', '--noprofile', '--norc', '--login', '+o', 'history']);
    assert.match(bash.env.PS1!, /> \\\[\\e\[0m\\\]$/);
    const plan = tapeToPlan(loadFixture('all-settings.tape'));
    assert.equal(plan.record.shell.name, 'zsh');
    assert.deepEqual(plan.record.shell.argv, ['zsh', '--histnostore', '--no-rcs']);
    assert.deepEqual(tapeToPlan(loadFixture('all-commands.tape')).record.env, { GREETING: 'hello there' });
  });
});
