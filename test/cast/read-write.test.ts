import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CastWriter, openCast, readCast } from '../../src/cast/index.js';
import { TermlensError } from '../../src/errors/index.js';
import { tempDir } from '../helpers/media.js';

test('a written cast reads back with its header and every event in order', async () => {
  const dir = await tempDir();
  const path = join(dir, 'a.cast');
  const w = new CastWriter(path, { width: 80, height: 24, command: 'demo' });
  w.write(0.1, 'o', 'hello\r\n');
  w.write(0.2, 'i', 'q');
  w.write(0.3, 'm', 'step 1');
  w.write(0.4, 'r', '100x30');
  w.close();
  const cast = await readCast(path);
  assert.equal(cast.header.version, 2);
  assert.deepEqual([cast.header.width, cast.header.height, cast.header.command], [80, 24, 'demo']);
  assert.deepEqual(
    cast.events.map((e) => [e.time, e.code, e.data]),
    [
      [0.1, 'o', 'hello\r\n'],
      [0.2, 'i', 'q'],
      [0.3, 'm', 'step 1'],
      [0.4, 'r', '100x30'],
    ],
  );
});

test('every event is on disk as soon as it is written, so a crash leaves a valid cast', async () => {
  const dir = await tempDir();
  const path = join(dir, 'live.cast');
  const w = new CastWriter(path, { width: 10, height: 2 });
  w.write(0.5, 'o', 'partial');
  // Not closed: read what a crash would leave behind.
  const cast = await readCast(path);
  assert.deepEqual(cast.events.map((e) => e.data), ['partial']);
  w.close();
});

test('event times never go backwards, even when the clock does', async () => {
  const dir = await tempDir();
  const path = join(dir, 'mono.cast');
  const w = new CastWriter(path, { width: 10, height: 2 });
  w.write(1, 'o', 'a');
  w.write(0.5, 'o', 'b');
  w.close();
  const cast = await readCast(path);
  assert.deepEqual(cast.events.map((e) => e.time), [1, 1]);
});

test('asciicast v3 intervals become absolute times, comments and unknown codes are skipped', async () => {
  const dir = await tempDir();
  const path = join(dir, 'v3.cast');
  await writeFile(
    path,
    [
      JSON.stringify({ version: 3, term: { cols: 100, rows: 30, type: 'xterm-256color' } }),
      '# a comment',
      JSON.stringify([0.5, 'o', 'a']),
      JSON.stringify([0.25, 'z', 'unknown']),
      JSON.stringify([1.0, 'o', 'b']),
      JSON.stringify([0.5, 'x', '0']),
    ].join('\n') + '\n',
  );
  const cast = await readCast(path);
  assert.deepEqual([cast.header.width, cast.header.height, cast.header.env?.TERM], [100, 30, 'xterm-256color']);
  assert.deepEqual(
    cast.events.map((e) => [e.time, e.code]),
    [
      [0.5, 'o'],
      [1.75, 'o'],
      [2.25, 'x'],
    ],
  );
});

test('a malformed line is an error naming the file, the line number and what was wrong', async () => {
  const dir = await tempDir();
  const path = join(dir, 'bad.cast');
  await writeFile(path, `${JSON.stringify({ version: 2, width: 80, height: 24 })}\n[0.1, "o", "ok"]\n[0.2, "o", oops]\n`);
  const { events } = await openCast(path);
  await assert.rejects(
    (async () => {
      for await (const _ of events) void _;
    })(),
    (e: unknown) => e instanceof TermlensError && e.message.includes(`${path}:3:`) && /not valid JSON/.test(e.message),
  );
});

test('a file that is not a cast is rejected at the header with a hint', async () => {
  const dir = await tempDir();
  const path = join(dir, 'notes.txt');
  await writeFile(path, 'just some notes\n');
  await assert.rejects(openCast(path), (e: unknown) => e instanceof TermlensError && /notes\.txt:1:1: the header is not JSON/.test(e.message) && /asciicast/.test(e.hint ?? ''));
});

test('a missing cast is a not-found error that quotes the path', async () => {
  await assert.rejects(openCast('/nonexistent/x.cast'), (e: unknown) => e instanceof TermlensError && e.code === 'not-found' && e.message.includes('"/nonexistent/x.cast"'));
});
