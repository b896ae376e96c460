import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, parseTape, type TapeCommand } from '../../src/tape/index.js';
import { assertTapeGolden, loadFixture, stableJson } from './fixtures.js';

function only<K extends TapeCommand['kind']>(commands: TapeCommand[], kind: K): Array<Extract<TapeCommand, { kind: K }>> {
  return commands.filter((c): c is Extract<TapeCommand, { kind: K }> => c.kind === kind);
}

describe('tape parser', () => {
  for (const name of ['all-commands', 'all-settings', 'outputs', 'late-set', 'env-ends-settings', 'clipboard', 'reference']) {
    it(`parses ${name}.tape to its golden result`, () => {
      assertTapeGolden(stableJson(loadFixture(`${name}.tape`)), `${name}.json`);
    });
  }

  it('fills in VHS defaults for every setting a tape leaves out', () => {
    const tape = parseTape('Type "ls"\n');
    assert.deepEqual(tape.settings, DEFAULT_SETTINGS);
    assert.equal(tape.settings.fontSize, 22);
    assert.equal(tape.settings.waitPattern, '>$');
    assert.equal(tape.settings.waitTimeoutMs, 15_000);
    assert.deepEqual(tape.outputs, []);
  });

  it('reads the value of every setting', () => {
    const s = loadFixture('all-settings.tape').settings;
    assert.equal(s.shell, 'zsh');
    assert.equal(s.fontSize, 18);
    assert.equal(s.fontFamily, 'Fira Code');
    assert.deepEqual([s.width, s.height], [1600, 900]);
    assert.deepEqual([s.letterSpacing, s.lineHeight], [1.5, 1.2]);
    assert.deepEqual([s.padding, s.margin, s.marginFill], [40, 20, '#674EFF']);
    assert.deepEqual([s.windowBar, s.windowBarSize, s.borderRadius], ['ColorfulRight', 40, 8]);
    assert.deepEqual([s.typingSpeedMs, s.framerate, s.playbackSpeed, s.loopOffsetPercent], [75, 30, 0.5, 60.5]);
    assert.equal(s.cursorBlink, false);
    assert.equal(s.waitTimeoutMs, 120_000);
    assert.equal(s.waitPattern, '\\$ $');
    assert.equal(s.theme.kind, 'inline');
    if (s.theme.kind !== 'inline') return;
    assert.equal(s.theme.name, 'Whimsy');
    assert.deepEqual(s.theme.scheme.background, [0x29, 0x28, 0x3b]);
    // Windows Terminal's "purple" is ANSI 5, VHS's "magenta".
    assert.deepEqual(s.theme.scheme.ansi[5], [0xaa, 0x7f, 0xf0]);
    assert.deepEqual(s.theme.scheme.cursor, [0xb3, 0xb0, 0xd6]);
  });

  it('keeps a theme given by name for the renderer to look up', () => {
    assert.deepEqual(loadFixture('all-commands.tape').settings.theme, { kind: 'name', name: 'Catppuccin Mocha' });
  });

  it('types strings in any of the three quotes and joins several with a space', () => {
    const types = only(loadFixture('all-commands.tape').commands, 'type').map((c) => [c.text, c.speedMs]);
    assert.deepEqual(types.slice(0, 5), [
      ["echo 'double'", undefined],
      ['echo "single"', undefined],
      [`echo "back" 'tick'`, undefined],
      ['slow  and  joined', 100],
      ['bare words', undefined],
    ]);
  });

  it('reads @speed and a repeat count on every key', () => {
    const keys = only(loadFixture('all-commands.tape').commands, 'key').map((c) => `${c.key}@${c.speedMs ?? '-'}x${c.count}`);
    assert.deepEqual(keys, [
      'Backspace@-x1', 'Backspace@-x2', 'Backspace@1000x3', 'Delete@500x2', 'Insert@-x1', 'Enter@-x1', 'Enter@250x2',
      'Space@-x3', 'Tab@10x1', 'Escape@-x1', 'Up@-x4', 'Down@100x1', 'Left@-x2', 'Right@-x1', 'PageUp@-x1', 'PageDown@-x2',
      'Enter@-x1',
    ]);
    const scrolls = only(loadFixture('all-commands.tape').commands, 'scroll').map((c) => [c.direction, c.count, c.speedMs]);
    assert.deepEqual(scrolls, [['up', 5, 20], ['down', 1, undefined]]);
  });

  it('reads Ctrl, Alt and Shift chords with modifiers in Ctrl, Alt, Shift order', () => {
    const chords = only(loadFixture('all-commands.tape').commands, 'chord').map((c) => [...c.modifiers, c.key].join('+'));
    assert.deepEqual(chords, [
      'Ctrl+C', 'Ctrl+l', 'Ctrl+Shift+O', 'Ctrl+Alt+Shift+P', 'Ctrl+Alt+Left', 'Ctrl+Backspace', 'Ctrl+Space',
      'Ctrl+[', 'Ctrl+\\', 'Ctrl+@', 'Alt+.', 'Alt+Enter', 'Alt+Tab', 'Alt+bc', 'Shift+A', 'Shift+Tab', 'Shift+Enter',
    ]);
  });

  it('reads sleeps in ms, s and m, a bare number being seconds', () => {
    const sleeps = only(loadFixture('all-commands.tape').commands, 'sleep').map((c) => c.ms);
    assert.deepEqual(sleeps, [1000, 500, 250, 500, 60_000, 200]);
  });

  it('reads Wait with its scope, timeout and pattern, leaving defaults to the settings', () => {
    const waits = only(loadFixture('all-commands.tape').commands, 'wait').map(({ pos: _pos, ...w }) => w);
    assert.deepEqual(waits, [
      { kind: 'wait', scope: 'line' },
      { kind: 'wait', scope: 'line' },
      { kind: 'wait', scope: 'screen' },
      { kind: 'wait', scope: 'line', timeoutMs: 10_000 },
      { kind: 'wait', scope: 'line', pattern: 'ready$' },
      // Go's inline (?i) becomes a JavaScript flag.
      { kind: 'wait', scope: 'screen', timeoutMs: 60_000, pattern: 'done', flags: 'i' },
    ]);
  });

  it('tells every output kind by its extension, a trailing slash meaning PNG frames', () => {
    const outputs = loadFixture('outputs.tape').outputs.map((o) => [o.path, o.kind]);
    assert.deepEqual(outputs, [
      ['out/demo.gif', 'gif'], ['out/demo.mp4', 'mp4'], ['out/demo.webm', 'webm'], ['out/frames/', 'frames'],
      ['out/screen.txt', 'text'], ['out/golden.ascii', 'text'], ['out/UPPER.GIF', 'gif'],
    ]);
  });

  it('ignores a Set after the first command with a warning naming its line, but honours TypingSpeed and Shell', () => {
    const tape = loadFixture('late-set.tape');
    assert.equal(tape.settings.fontSize, 30, 'the late FontSize 40 is ignored');
    assert.deepEqual(tape.settings.theme, { kind: 'default' }, 'the late Theme is ignored');
    assert.equal(tape.settings.shell, 'fish', 'VHS applies Shell before anything runs');
    assert.equal(tape.settings.typingSpeedMs, 50, 'TypingSpeed changes from its line on, not for the whole tape');
    assert.deepEqual(tape.requires, ['git'], 'a late Require is skipped');
    assert.deepEqual(
      tape.commands.map((c) => c.kind),
      ['type', 'typing-speed', 'type', 'key'],
    );
    const messages = tape.warnings.map((w) => `${w.pos.line}: ${w.message}`);
    assert.equal(messages.length, 4);
    assert.match(messages[0]!, /^5: 'Set FontSize 40' is ignored: settings must come before the first command \(line 4\)/);
    assert.match(messages[1]!, /^8: 'Set Shell fish' comes after the first command/);
    assert.match(messages[2]!, /^9: Require curl is skipped/);
    assert.match(messages[3]!, /^10: 'Set Theme "Dracula"' is ignored/);
  });

  it('ends the settings block at Env, as VHS does, and keeps Env values wherever they are', () => {
    const tape = loadFixture('env-ends-settings.tape');
    assert.equal(tape.settings.width, 1000);
    assert.equal(tape.settings.height, 600);
    assert.deepEqual(tape.env, { EDITOR: 'vim' });
    assert.equal(tape.warnings[0]!.pos.line, 4);
  });

  it('accepts Copy and Paste with a warning that the system clipboard is not supported', () => {
    const tape = loadFixture('clipboard.tape');
    assert.deepEqual(only(tape.commands, 'copy').map((c) => c.text), ['first second']);
    assert.deepEqual(tape.warnings.map((w) => w.pos.line), [1, 2, 4]);
    assert.ok(tape.warnings.every((w) => w.severity === 'warning' && /system clipboard is not supported/.test(w.message)));
  });

  it('warns that a font which is not bundled is replaced, naming the line', () => {
    const tape = loadFixture('all-settings.tape');
    assert.deepEqual(tape.warnings.map((w) => [w.pos.line, w.message]), [[5, 'the font "Fira Code" is not bundled; JetBrains Mono is used instead']]);
    assert.deepEqual(parseTape('Set FontFamily "JetBrains Mono"\nType "x"').warnings, []);
  });

  it('accepts several commands on one line, comments and Windows line ends', () => {
    const tape = parseTape('Type "a" Enter Sleep 1 # trailing comment\r\n# a whole-line comment\r\nBackspace 2\r\n');
    assert.deepEqual(tape.commands.map((c) => `${c.kind}@${c.pos.line}:${c.pos.column}`), ['type@1:1', 'key@1:10', 'sleep@1:16', 'key@3:1']);
  });

  it('ignores Subtitle commands and settings of newer VHS versions with a warning', () => {
    const tape = parseTape('Set SubtitleFontSize 20\nSubtitle "hello"\nType "x"');
    assert.deepEqual(tape.commands.map((c) => c.kind), ['type']);
    assert.deepEqual(tape.warnings.map((w) => w.pos.line), [1, 2]);
  });
});
