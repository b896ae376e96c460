/** Frame timing: variable frame rate, the fps cap, speed, idle-time limit, synchronized output, determinism. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { renderCast, type RenderOptions } from '../../src/render/index.js';
import { CaptureSink, tempDir, writeCast } from './helpers.js';

async function frames(cast: string, options: RenderOptions = {}, pixelFormat: 'rgba' | 'yuv420p' = 'rgba') {
  const sink = new CaptureSink(pixelFormat);
  const result = await renderCast(cast, { sink, width: 320, height: 180, manifestPath: join(await tempDir(), 'video.json'), ...options });
  return { sink, result };
}

test('only frames whose cells changed are drawn: a still screen costs no frames', async () => {
  const cast = await writeCast([[0, 'a'], [5, 'b'], [5.2, '\x1b[1;1Ha\x1b[1;3H'], [9, 'm', 'end']]);
  const { sink, result } = await frames(cast);
  // 0 s, 5 s; rewriting the same cell at 5.2 s (cursor put back) changes nothing; then one repeat of the last frame at the end.
  assert.deepEqual(result.manifest.frames.map((f) => f.time), [0, 5]);
  assert.equal(sink.times.length, 3);
  assert.ok(Math.abs(sink.times.at(-1)! - (9000 - 1000 / 30)) < 1);
  assert.equal(result.manifest.duration, 9);
});

test('events closer than a frame interval share a frame, capping the rate at --fps', async () => {
  const events: Array<[number, string]> = [];
  for (let i = 0; i < 200; i++) events.push([i * 0.005, String(i % 10)]);
  const cast = await writeCast(events);
  const { result } = await frames(cast, { fps: 20 });
  const times = result.manifest.frames.map((f) => f.time);
  assert.ok(times.length <= 21, `${times.length} frames for 1 s at 20 fps`);
  for (let i = 1; i < times.length; i++) assert.ok(times[i]! - times[i - 1]! >= 1 / 20 - 1e-6);
  // Every frame shows only what had happened by its time: frame k at k/20 s.
  assert.ok(times.every((t) => Math.abs(t * 20 - Math.round(t * 20)) < 1e-3));
});

test('markers are listed at the time of the frame that shows the screen right after them', async () => {
  const cast = await writeCast([[0, 'a'], [1.01, 'b'], [1.01, 'm', 'after b'], [2, 'm', 'quiet']]);
  const { result } = await frames(cast, { fps: 10 });
  assert.deepEqual(result.manifest.markers, [{ label: 'after b', time: 1.1 }, { label: 'quiet', time: 2 }]);
  assert.ok(result.manifest.frames.some((f) => f.time === 1.1));
});

test('speed divides times and the idle-time limit shortens long pauses', async () => {
  const cast = await writeCast([[0, 'a'], [1, 'b'], [11, 'c']]);
  assert.deepEqual((await frames(cast, { speed: 2 })).result.manifest.frames.map((f) => f.time), [0, 0.5, 5.5]);
  assert.deepEqual((await frames(cast, { idleTimeLimit: 2 })).result.manifest.frames.map((f) => f.time), [0, 1, 3]);
  // The cast header's own limit applies when none is given.
  const limited = await writeCast([[0, 'a'], [1, 'b'], [11, 'c']], { idle_time_limit: 0.5 });
  assert.deepEqual((await frames(limited)).result.manifest.frames.map((f) => f.time), [0, 0.5, 1]);
});

test('no frame is drawn in the middle of a synchronized update', async () => {
  const cast = await writeCast([
    [0, 'before'],
    [0.2, '\x1b[?2026h\x1b[2J\x1b[Hhalf'],
    [0.4, ' drawn'],
    [0.6, ' done\x1b[?2026l'],
  ]);
  const { result } = await frames(cast);
  // Without mode 2026 there would be frames at 0.2 and 0.4 showing a half-drawn screen.
  assert.deepEqual(result.manifest.frames.map((f) => f.time), [0, 0.6]);
});

test('a resize mid-cast redraws the screen at the new size', async () => {
  const cast = await writeCast([[0, 'small'], [1, 'r', '30x8'], [1.5, '\x1b[8;1Hbottom']], { width: 20, height: 5 });
  const { result } = await frames(cast);
  // The layout is sized for the largest terminal the cast uses.
  assert.equal(result.manifest.cols, 30);
  assert.equal(result.manifest.rows, 8);
  assert.equal(result.manifest.frames.length, 3);
});

test('rendering the same cast twice gives identical frames, bit for bit', async () => {
  const cast = await writeCast(
    [
      [0, '\x1b[1;34mdeterministic\x1b[0m ╭─╮ ⠋ 😀 中文 \x1b[3mitalic\x1b[0m'],
      [0.3, '\r\n\x1b[38;2;10;200;30m▓▒░\x1b[0m ✔ ✅'],
      [0.7, '\x1b[2;1H\x1b[7mrewritten\x1b[0m'],
    ],
    { width: 40, height: 6 },
  );
  for (const pixelFormat of ['rgba', 'yuv420p'] as const) {
    const a = await frames(cast, {}, pixelFormat);
    const b = await frames(cast, {}, pixelFormat);
    assert.equal(a.sink.times.length, b.sink.times.length);
    assert.equal(a.sink.digest(), b.sink.digest(), `${pixelFormat} frames differ between runs`);
  }
});
