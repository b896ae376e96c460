/**
 * When the live renderer starts: not beside the program's start-up, but once
 * the cast shows its first output (or a moment later at the latest); a
 * recording that ends or is cancelled before then leaves the render to the
 * finished cast. Real child processes, real ffmpeg.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { CastWriter } from '../../src/cast/index.js';
import { renderCast, startLiveRender, type VideoManifest } from '../../src/render/index.js';
import { tempDir } from './helpers.js';

/** Never on its own: only the cast's first output (or the end) decides. */
const NOT_BY_TIME = { settleMs: 0, latestMs: 10 * 60_000 };
const NEVER = { settleMs: 10 * 60_000, latestMs: 10 * 60_000 };
const SMALL = { width: 320, height: 180, padding: 8, fps: 10 };

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 6000 && !condition(); i++) await sleep(10);
  assert.ok(condition(), what);
}

test('a recording that ends before the renderer starts leaves the render to the finished cast: no renderer, no video', async () => {
  const dir = await tempDir();
  const cast = join(dir, 'short.cast');
  const video = join(dir, 'short.mp4');
  const writer = new CastWriter(cast, { width: 20, height: 5 });
  const live = startLiveRender(cast, { ...SMALL, output: video, manifestPath: join(dir, 'short.json') }, NEVER);
  writer.write(0.01, 'o', 'hello');
  writer.close();
  live.recordingEnded();
  assert.equal(await live.result, undefined);
  assert.equal(live.started, false);
  assert.ok(!existsSync(video), 'nothing was rendered');
});

test('a recording cancelled before the renderer starts never starts it', async () => {
  const dir = await tempDir();
  const cast = join(dir, 'cancelled.cast');
  new CastWriter(cast, { width: 20, height: 5 }).close();
  const live = startLiveRender(cast, { ...SMALL, output: join(dir, 'cancelled.mp4') }, NEVER);
  live.cancel();
  assert.equal(await live.result, undefined);
  assert.equal(live.started, false);
});

test('the renderer starts once the cast shows the first output, and makes the video the finished cast renders to', async () => {
  const dir = await tempDir();
  const cast = join(dir, 'growing.cast');
  const writer = new CastWriter(cast, { width: 20, height: 5 });
  const live = startLiveRender(cast, { ...SMALL, output: join(dir, 'live.mp4'), manifestPath: join(dir, 'live.json') }, NOT_BY_TIME);
  // The header alone is no output: nothing starts.
  await sleep(200);
  assert.equal(live.started, false, 'not started before the first output');
  writer.write(0.1, 'o', '\x1b[32mfirst\x1b[0m\r\n');
  await until(() => live.started, 'started after the first output');
  writer.write(0.6, 'o', 'second\r\n');
  writer.write(1.2, 'o', '\x1b[1mthird\x1b[0m');
  writer.close();
  live.recordingEnded();
  const result = await live.result;
  assert.ok(result, 'the live render finished');
  const sequential = await renderCast(cast, { ...SMALL, output: join(dir, 'after.mp4'), manifestPath: join(dir, 'after.json') });
  const manifest = JSON.parse(readFileSync(join(dir, 'live.json'), 'utf8')) as VideoManifest;
  assert.deepEqual(manifest.frames, sequential.manifest.frames, 'the same frames at the same times');
  assert.equal(manifest.duration, sequential.manifest.duration);
});
