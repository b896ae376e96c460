/**
 * The thumbnails `distinct` tells frames apart by: drawn by the renderer
 * beside the video (so the frames stage need not decode the video once the
 * program ends), and trusted only while they are surely that video's own.
 * Real renders, real ffmpeg.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeThumbnails, loadThumbnails, selectFrames } from '../../src/frames/index.js';
import { probeVideo } from '../../src/media/tools.js';
import { renderCast, type VideoManifest } from '../../src/render/index.js';
import { tempDir, writeCast } from '../render/helpers.js';

const SMALL = { width: 480, height: 270, padding: 8, fps: 10 };

/** A screen that passes through clearly different states: colours, text, a full clear, a status line. */
async function statesCast(): Promise<string> {
  return writeCast(
    [
      [0.1, '\x1b[32mstarting\x1b[0m\r\n'],
      [0.5, '\x1b[44m\x1b[2J\x1b[Hblue screen\x1b[0m'],
      [1.0, '\x1b[0m\x1b[2J\x1b[H' + 'text '.repeat(20)],
      [1.5, '\x1b[5;1H\x1b[41m status: failed \x1b[0m'],
      [2.0, '\x1b[2J\x1b[H\x1b[1;33mdone\x1b[0m'],
    ],
    { width: 30, height: 6 },
  );
}

const meanDifference = (a: Uint8Array, b: Uint8Array) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;

async function renderWithThumbnails(format: 'mp4' | 'webm'): Promise<{ video: string; manifest: VideoManifest }> {
  const dir = await tempDir();
  const video = join(dir, `session.${format}`);
  const { manifest } = await renderCast(await statesCast(), { ...SMALL, output: video, manifestPath: join(dir, 'video.json'), thumbnails: true });
  return { video, manifest };
}

for (const format of ['mp4', 'webm'] as const) {
  test(`the thumbnails a ${format} render draws are the ones ffmpeg decodes from the video, within compression noise`, async () => {
    const { video, manifest } = await renderWithThumbnails(format);
    const decoded = await decodeThumbnails(video);
    const { thumbs, source } = await loadThumbnails(video, (await probeVideo(video)).frameTimes.length);
    assert.equal(source, 'render');
    assert.equal(manifest.thumbnails?.count, decoded.length, 'one thumbnail per frame in the video');
    assert.equal(thumbs.length, decoded.length);
    for (const [i, thumb] of thumbs.entries()) {
      const difference = meanDifference(thumb, decoded[i]!);
      assert.ok(difference < 2, `frame ${i}: mean difference ${difference.toFixed(2)} grey levels`);
    }
  });
}

test('distinct picks the same frames from the renderer’s thumbnails as from decoding the video', async () => {
  const { video } = await renderWithThumbnails('mp4');
  const dir = await tempDir();
  const fromRender = await selectFrames(video, { outDir: join(dir, 'a', 'frames'), count: 4 });
  writeFileSync(join(video, '..', 'session.mp4.thumbs'), '');
  assert.equal((await loadThumbnails(video, 1)).source, 'decoded', 'an empty thumbnail file is not used');
  const fromVideo = await selectFrames(video, { outDir: join(dir, 'b', 'frames'), count: 4 });
  assert.equal(fromRender.frames.length, 4);
  assert.deepEqual(
    fromRender.frames.map((f) => f.videoFrame),
    fromVideo.frames.map((f) => f.videoFrame),
  );
});

test('thumbnails are not trusted once they may not be the video’s: video replaced, count wrong, or video.json naming another video', async () => {
  const { video } = await renderWithThumbnails('mp4');
  const frameCount = (await probeVideo(video)).frameTimes.length;
  const thumbsFile = join(video, '..', 'session.mp4.thumbs');
  const manifestFile = join(video, '..', 'video.json');
  assert.equal((await loadThumbnails(video, frameCount)).source, 'render');

  assert.equal((await loadThumbnails(video, frameCount + 1)).source, 'decoded', 'a thumbnail per frame, or none');

  const later = new Date(Date.now() + 60_000);
  utimesSync(video, later, later);
  assert.equal((await loadThumbnails(video, frameCount)).source, 'decoded', 'a video written after its thumbnails');
  utimesSync(thumbsFile, later, later);
  assert.equal((await loadThumbnails(video, frameCount)).source, 'render');

  const manifest = readFileSync(manifestFile, 'utf8');
  writeFileSync(manifestFile, manifest.replace('"video": "session.mp4"', '"video": "other.mp4"'));
  assert.equal((await loadThumbnails(video, frameCount)).source, 'decoded', 'video.json about another video');
  writeFileSync(manifestFile, manifest);

  truncateSync(thumbsFile, 100);
  const fallback = await loadThumbnails(video, frameCount);
  assert.equal(fallback.source, 'decoded', 'a cut thumbnail file');
  assert.equal(fallback.thumbs.length, frameCount);
});

test('a render without thumbnails removes an earlier render’s, and a render cut short leaves none', async () => {
  const cast = await statesCast();
  const dir = await tempDir();
  const video = join(dir, 'session.mp4');
  await renderCast(cast, { ...SMALL, output: video, thumbnails: true });
  assert.ok(existsSync(`${video}.thumbs`));
  const { manifest } = await renderCast(cast, { ...SMALL, output: video });
  assert.equal(manifest.thumbnails, undefined);
  assert.ok(!existsSync(`${video}.thumbs`), 'no thumbnails describing another render');

  const controller = new AbortController();
  const cut = join(dir, 'cut.mp4');
  await assert.rejects(
    renderCast(cast, { ...SMALL, output: cut, thumbnails: true, signal: controller.signal, onProgress: () => controller.abort() }),
    /interrupted/,
  );
  const leftovers = readdirSync(dir).filter((name) => name.startsWith('cut'));
  assert.deepEqual(leftovers, [], 'no partial video or thumbnails');
});
