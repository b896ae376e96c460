import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TermlensError } from '../../src/errors/index.js';
import { encodeKey, parseDuration, parseKey, terminalSize } from '../../src/record/index.js';

describe('key encodings', () => {
  it('sends what an xterm sends for named keys', () => {
    const expected: Record<string, string> = {
      Enter: '\r',
      Tab: '\t',
      Escape: '\x1b',
      Space: ' ',
      Backspace: '\x7f',
      Delete: '\x1b[3~',
      Insert: '\x1b[2~',
      Up: '\x1b[A',
      Down: '\x1b[B',
      Right: '\x1b[C',
      Left: '\x1b[D',
      Home: '\x1b[H',
      End: '\x1b[F',
      PageUp: '\x1b[5~',
      PageDown: '\x1b[6~',
      F1: '\x1bOP',
      F5: '\x1b[15~',
      F12: '\x1b[24~',
    };
    for (const [name, bytes] of Object.entries(expected)) assert.equal(encodeKey(name), bytes, name);
  });

  it('sends control codes for Ctrl, an ESC prefix for Alt, and CSI Z for Shift+Tab', () => {
    assert.equal(encodeKey('Ctrl+C'), '\x03');
    assert.equal(encodeKey('ctrl+a'), '\x01');
    assert.equal(encodeKey('Ctrl+['), '\x1b');
    assert.equal(encodeKey('Ctrl+Space'), '\x00');
    assert.equal(encodeKey('Alt+x'), '\x1bx');
    assert.equal(encodeKey('Alt+Enter'), '\x1b\r');
    assert.equal(encodeKey('Ctrl+Alt+c'), '\x1b\x03');
    assert.equal(encodeKey('Shift+Tab'), '\x1b[Z');
    assert.equal(encodeKey('Shift+a'), 'A');
    assert.equal(encodeKey('q'), 'q');
  });

  it('adds the xterm modifier parameter to cursor and tilde keys', () => {
    assert.equal(encodeKey('Shift+Up'), '\x1b[1;2A');
    assert.equal(encodeKey('Ctrl+Right'), '\x1b[1;5C');
    assert.equal(encodeKey('Alt+PageDown'), '\x1b[6;3~');
  });

  it('switches cursor keys to SS3 when the program asked for application cursor keys', () => {
    assert.equal(encodeKey('Up', { applicationCursorKeys: true }), '\x1bOA');
    assert.equal(encodeKey('Home', { applicationCursorKeys: true }), '\x1bOH');
    assert.equal(encodeKey('PageUp', { applicationCursorKeys: true }), '\x1b[5~');
  });

  it('names the problem in a bad chord', () => {
    assert.match((parseKey('Hyper+x') as { error: string }).error, /"Hyper" is not a modifier/);
    assert.match((parseKey('Ctrl+é') as { error: string }).error, /Ctrl\+é has no control code/);
    assert.deepEqual(parseKey('pgdn'), { name: 'PageDown', base: 'PageDown', ctrl: false, alt: false, shift: false });
  });
});

describe('durations', () => {
  it('reads ms, s and m, and a bare number as seconds', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('2s'), 2000);
    assert.equal(parseDuration('1.5s'), 1500);
    assert.equal(parseDuration('1m'), 60_000);
    assert.equal(parseDuration('3'), 3000);
    assert.equal(parseDuration(0.25), 250);
    assert.equal(parseDuration('soon'), undefined);
    assert.equal(parseDuration('-1s'), undefined);
  });
});

describe('terminal size', () => {
  it('is 80x24 when nothing is given', () => {
    assert.deepEqual(terminalSize({}), { cols: 80, rows: 24 });
  });

  it('derives cols and rows from a VHS window: floor((px − 2·padding) / cell), cells 0.6 × 1.2 em', () => {
    // VHS defaults: 1200×600, font 22, padding 60 → 1080/13.2 = 81.8, 480/26.4 = 18.2.
    assert.deepEqual(terminalSize({ width: 1200 }), { cols: 81, rows: 18, window: { width: 1200, height: 600, fontSize: 22, padding: 60 } });
    // The multi-agent CLI's tape: 1920×1080 at 15 px → 1800/9 = 200, 960/18 = 53.3.
    const big = terminalSize({ width: 1920, height: 1080, fontSize: 15 });
    assert.equal(big.cols, 200);
    assert.equal(big.rows, 53);
  });

  it('refuses sizes given both ways, half given, or too small to hold text', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof TermlensError ? `${e.code}: ${e.message}` : String(e);
      }
      return 'no error';
    };
    assert.match(code(() => terminalSize({ cols: 80, rows: 24, width: 800 })), /^usage: give the size either in cells/);
    assert.match(code(() => terminalSize({ cols: 80 })), /^usage: --cols and --rows go together; got only --cols/);
    assert.match(code(() => terminalSize({ width: 100, padding: 60 })), /^usage: a 100×600 px window with 60 px padding holds no 22 px text/);
    assert.match(code(() => terminalSize({ cols: 0, rows: 5 })), /^usage: --cols "0" is not a whole number from 1 to 1000/);
  });
});
