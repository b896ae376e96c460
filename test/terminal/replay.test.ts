import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CastWriter } from '../../src/cast/index.js';
import { Attr, DEFAULT_COLOR, RGB_FLAG, formatSnapshot, resolveCellColors, DEFAULT_SCHEME, screenAt, VirtualTerminal } from '../../src/terminal/index.js';
import { TermlensError } from '../../src/errors/index.js';
import { tempDir } from '../helpers/media.js';

async function sampleCast(): Promise<string> {
  const path = join(await tempDir(), 's.cast');
  const w = new CastWriter(path, { width: 20, height: 4 });
  w.write(0.1, 'o', 'first\r\n');
  w.write(0.5, 'm', 'after-first');
  w.write(1.0, 'o', '\x1b[1;31mred\x1b[0m \x1b[38;5;208mo\x1b[38;2;1;2;3mt\x1b[0m 😀\r\n');
  w.write(2.0, 'o', '\x1b[2J\x1b[Hcleared');
  w.close();
  return path;
}

test('the screen at a time shows every event up to it and nothing after', async () => {
  const cast = await sampleCast();
  assert.equal(formatSnapshot((await screenAt(cast, { at: 0.7 })).snapshot, 'text'), 'first');
  assert.equal(formatSnapshot((await screenAt(cast, { at: 1.5 })).snapshot, 'text'), 'first\nred ot 😀');
  assert.equal(formatSnapshot((await screenAt(cast, { end: true })).snapshot, 'text'), 'cleared');
});

test('the screen at a marker is the screen right after that marker', async () => {
  const cast = await sampleCast();
  assert.equal(formatSnapshot((await screenAt(cast, { marker: 'after-first' })).snapshot, 'text'), 'first');
});

test('an unknown marker lists the markers the cast has', async () => {
  const cast = await sampleCast();
  await assert.rejects(screenAt(cast, { marker: 'nope' }), (e: unknown) => e instanceof TermlensError && /"nope"/.test(e.message) && /"after-first"/.test(e.hint ?? ''));
});

test('cells carry palette, 256-colour and truecolor references, attributes and wide characters', async () => {
  const { snapshot } = await screenAt(await sampleCast(), { at: 1.5 });
  const row = snapshot.lines[1]!;
  assert.equal(row[0]!.fg, 1);
  assert.ok(row[0]!.attrs & Attr.bold);
  assert.equal(row[4]!.fg, 208);
  assert.equal(row[5]!.fg, RGB_FLAG | 0x010203);
  assert.equal(row[3]!.fg, DEFAULT_COLOR);
  assert.equal(row[7]!.char, '😀');
  assert.equal(row[7]!.width, 2);
  assert.equal(row[8]!.width, 0);
});

test('bold red is drawn in bright red, as xterm.js does, and inverse swaps the colours', () => {
  const boldRed = resolveCellColors({ fg: 1, bg: DEFAULT_COLOR, attrs: Attr.bold }, DEFAULT_SCHEME);
  assert.deepEqual(boldRed.fg, DEFAULT_SCHEME.ansi[9]);
  const inv = resolveCellColors({ fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, attrs: Attr.inverse }, DEFAULT_SCHEME);
  assert.deepEqual([inv.fg, inv.bg], [DEFAULT_SCHEME.background, DEFAULT_SCHEME.foreground]);
});

test('the ANSI format redraws the same screen in another terminal', async () => {
  const { snapshot } = await screenAt(await sampleCast(), { at: 1.5 });
  const ansi = formatSnapshot(snapshot, 'ansi');
  const vt = new VirtualTerminal({ cols: 20, rows: 4 });
  await vt.write(ansi.replace(/\n/g, '\r\n'));
  const again = vt.snapshot();
  assert.deepEqual(again.lines.slice(0, 2), snapshot.lines.slice(0, 2));
});

test('a hidden cursor is reported hidden', async () => {
  const vt = new VirtualTerminal({ cols: 10, rows: 2 });
  await vt.write('\x1b[?25l');
  assert.equal(vt.snapshot().cursor.visible, false);
  await vt.write('\x1b[?25h');
  assert.equal(vt.snapshot().cursor.visible, true);
});
