/**
 * A cast can be large and is often opened only for its header (size, theme,
 * idle limit): the file must not stay open unless its events are being read.
 * Open descriptors are counted in /proc/self/fd (Linux).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { openCast, readCast } from '../../src/cast/index.js';
import { TermlensError } from '../../src/errors/index.js';
import { tempDir } from '../helpers/media.js';

const NO_PROC = existsSync('/proc/self/fd') ? false : 'open file descriptors are counted in /proc/self/fd, which this system lacks';

/** Descriptors of this process open on `path`. */
function openOn(path: string): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) n++;
    } catch {
      // The descriptor closed while the folder was listed.
    }
  }
  return n;
}

/** Closing a stream finishes on a later turn: wait (up to a few seconds) until nothing is open on `path`. */
async function settledOpenOn(path: string): Promise<number> {
  for (let i = 0; i < 100 && openOn(path) > 0; i++) await delay(20);
  return openOn(path);
}

/** A cast bigger than one read-ahead buffer, so its stream cannot reach the end (and close) by itself. */
async function bigCast(dir: string): Promise<string> {
  const path = join(dir, 'big.cast');
  const lines = [JSON.stringify({ version: 2, width: 80, height: 24, title: 'groß ✓' })];
  for (let i = 0; i < 60_000; i++) lines.push(JSON.stringify([i / 100, 'o', `line ${i} ${'x'.repeat(40)}\r\n`]));
  await writeFile(path, lines.join('\n') + '\n');
  return path;
}

test('reading only the header of a cast leaves no file open', { skip: NO_PROC }, async () => {
  const path = await bigCast(await tempDir());
  const cast = await openCast(path);
  assert.equal(cast.header.width, 80);
  assert.equal(await settledOpenOn(path), 0, 'the cast is still open after only its header was read');
});

test('leaving the events loop early closes the file', { skip: NO_PROC }, async () => {
  const path = await bigCast(await tempDir());
  const cast = await openCast(path);
  let seen = 0;
  for await (const event of cast.events) {
    assert.equal(event.data, `line ${seen} ${'x'.repeat(40)}\r\n`);
    if (++seen === 3) break;
  }
  assert.equal(await settledOpenOn(path), 0, 'the cast is still open after the loop ended early');
});

test('close() releases a cast whose events were started but not finished', { skip: NO_PROC }, async () => {
  const path = await bigCast(await tempDir());
  const cast = await openCast(path);
  const it = cast.events[Symbol.asyncIterator]();
  const first = await it.next();
  assert.equal(first.done, false);
  assert.equal(openOn(path), 1, 'reading events holds the file open');
  await cast.close();
  assert.equal(await settledOpenOn(path), 0);
  // close() may be called again, and a closed cast yields nothing more.
  await cast.close();
  assert.deepEqual(await it.next(), { done: true, value: undefined });
});

test('events start right after the header, wherever the header line ends', async () => {
  const dir = await tempDir();
  const header = JSON.stringify({ version: 2, width: 20, height: 5, title: 'ünïcödé ✓ title' });
  const cases: Record<string, string> = {
    crlf: `${header}\r\n[0.5, "o", "a"]\r\n[1, "o", "b"]\r\n`,
    'blank lines first': `\n  \n${header}\n[0.5, "o", "a"]\n\n[1, "o", "b"]`,
    'cr only': `${header}\r[0.5, "o", "a"]\r[1, "o", "b"]\r`,
  };
  for (const [name, text] of Object.entries(cases)) {
    const path = join(dir, `${name}.cast`);
    await writeFile(path, text);
    const cast = await readCast(path);
    assert.equal(cast.header.title, 'ünïcödé ✓ title', name);
    assert.deepEqual(
      cast.events.map((e) => [e.time, e.data]),
      [
        [0.5, 'a'],
        [1, 'b'],
      ],
      name,
    );
  }
});

test('a cast that is only a header, without a final newline, has no events', async () => {
  const path = join(await tempDir(), 'header-only.cast');
  await writeFile(path, JSON.stringify({ version: 2, width: 20, height: 5 }));
  const cast = await readCast(path);
  assert.deepEqual([cast.header.width, cast.events.length], [20, 0]);
});

test('an error on a later line still counts the blank lines before the header', async () => {
  const path = join(await tempDir(), 'bad.cast');
  await writeFile(path, `\n${JSON.stringify({ version: 2, width: 20, height: 5 })}\n[0.1, "o", "ok"]\nnope\n`);
  const cast = await openCast(path);
  await assert.rejects(
    (async () => {
      for await (const _ of cast.events) void _;
    })(),
    (e: unknown) => e instanceof Error && e.message.includes(`${path}:4:`),
  );
});

test('a header line split across reads, even between \\r and \\n, is read whole', async () => {
  const dir = await tempDir();
  // Pad the title so the header's "\r" is the last byte of the first 64 KiB read.
  const bare = JSON.stringify({ version: 2, width: 20, height: 5, title: '' });
  const title = 't'.repeat(64 * 1024 - 1 - bare.length);
  const header = JSON.stringify({ version: 2, width: 20, height: 5, title });
  assert.equal(Buffer.byteLength(header) + 1, 64 * 1024);
  const path = join(dir, 'long-header.cast');
  await writeFile(path, `${header}\r\n[0.5, "o", "a"]\r\n`);
  const cast = await readCast(path);
  assert.equal(cast.header.title, title);
  assert.deepEqual(cast.events.map((e) => e.data), ['a']);
});

test('a large file without line breaks is rejected as not a cast', async () => {
  const path = join(await tempDir(), 'blob.bin');
  await writeFile(path, Buffer.alloc(5 << 20, 0x41));
  await assert.rejects(openCast(path), (e: unknown) => e instanceof TermlensError && e.code === 'bad-input' && /blob\.bin:1:1: the first line is longer than 4 MiB/.test(e.message));
});
