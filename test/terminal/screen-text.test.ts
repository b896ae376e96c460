import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { VirtualTerminal, screenAt, snapshotLines, snapshotText } from '../../src/terminal/index.js';
import { tempDir } from '../helpers/media.js';

test('screen text drops the spaces a program wrote at the end of each line', async () => {
  const vt = new VirtualTerminal({ cols: 20, rows: 3 });
  // "abc" then three written spaces, a coloured blank, and a prompt ending in a space.
  await vt.write('abc   \x1b[41m \x1b[0m\r\n\u00a0x\u00a0 \r\n$ ');
  assert.equal(vt.text(), 'abc\n\u00a0x\n$');
  assert.equal(vt.cursorLine(), '$');
  vt.dispose();
});

test('screen text agrees line by line with the snapshot text', async () => {
  const vt = new VirtualTerminal({ cols: 12, rows: 4 });
  await vt.write('wide 😀  \r\n\x1b[1mbold\x1b[0m    \r\n\r\n  indented  ');
  const snap = vt.snapshot();
  assert.equal(vt.text(), snapshotLines(snap).join('\n'));
  assert.equal(snapshotText(snap), 'wide 😀\nbold\n\n  indented');
  vt.dispose();
});

test('screen text keeps trailing spaces when asked to, for patterns that end in a space', async () => {
  const vt = new VirtualTerminal({ cols: 20, rows: 2 });
  await vt.write('done  \r\n$ ');
  assert.equal(vt.cursorLine({ trimEnd: false }), '$ ');
  assert.equal(vt.text({ trimEnd: false }), 'done  \n$ ');
  vt.dispose();
});

test('the cursor is reported hidden while DECTCEM hides it, and shown again after a soft reset', async () => {
  const vt = new VirtualTerminal({ cols: 10, rows: 2 });
  assert.equal(vt.cursorVisible, true);
  await vt.write('\x1b[?25l');
  assert.equal(vt.cursorVisible, false);
  assert.equal(vt.snapshot().cursor.visible, false);
  await vt.write('\x1b[?25h');
  assert.equal(vt.cursorVisible, true);
  // A soft reset (DECSTR) shows the cursor, as in xterm.
  await vt.write('\x1b[?25l\x1b[!p');
  assert.equal(vt.cursorVisible, true);
  assert.equal(vt.snapshot().cursor.visible, true);
  vt.dispose();
});

test("the cursor's visibility agrees with what the terminal itself reports for DECTCEM", async () => {
  const vt = new VirtualTerminal({ cols: 10, rows: 2 });
  const replies: string[] = [];
  vt.onReply((d) => replies.push(d));
  // DECRQM for mode 25: the emulator answers 1 (set, shown) or 2 (reset, hidden).
  const reported = async () => {
    replies.length = 0;
    await vt.write('\x1b[?25$p');
    const m = /\x1b\[\?25;(\d)\$y/.exec(replies.join(''));
    assert.ok(m, `no DECRQM reply in ${JSON.stringify(replies)}`);
    return m[1] === '1';
  };
  for (const seq of ['', '\x1b[?25l', '\x1b[?25h', '\x1b[?1;25l', '\x1bc', '\x1b[?25l', '\x1b[!p', '\x1b[?25l\x1b[?1049h', '\x1b[?1049l']) {
    await vt.write(seq);
    assert.equal(vt.cursorVisible, await reported(), `after ${JSON.stringify(seq)}`);
  }
  vt.dispose();
});

const NO_PROC = existsSync('/proc/self/fd') ? false : 'open file descriptors are counted in /proc/self/fd, which this system lacks';

test('looking at an early moment of a long cast does not leave the cast open', { skip: NO_PROC }, async () => {
  const path = join(await tempDir(), 'long.cast');
  const lines = [JSON.stringify({ version: 2, width: 40, height: 5 })];
  for (let i = 0; i < 60_000; i++) lines.push(JSON.stringify([i / 100, 'o', `line ${i} ${'x'.repeat(30)}\r\n`]));
  await writeFile(path, lines.join('\n') + '\n');
  const openOn = () =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === path;
      } catch {
        return false;
      }
    }).length;
  const { snapshot } = await screenAt(path, { at: 0.015 });
  assert.match(snapshotText(snapshot), /^line 0 x+\nline 1 x+$/);
  // Closing finishes on a later turn of the event loop; wait for it (a few seconds at most).
  for (let i = 0; i < 100 && openOn() > 0; i++) await delay(20);
  assert.equal(openOn(), 0, 'the cast is still open');
});
