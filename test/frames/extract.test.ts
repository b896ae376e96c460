import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { selectFrames, selectFilter } from '../../src/frames/index.js';
import { TermlensError } from '../../src/errors/index.js';
import { colourSegmentsVideo, near, pixelAt, tempDir } from '../helpers/media.js';

const COLOURS = { red: [255, 0, 0], lime: [0, 255, 0], blue: [0, 0, 255], white: [255, 255, 255], yellow: [255, 255, 0], black: [0, 0, 0] };
// H.264 in yuv420p shifts saturated colours by a few levels; 24 of 255 still tells them apart.
const TOLERANCE = 24;

async function sixStateVideo(): Promise<{ dir: string; video: string }> {
  const dir = await tempDir();
  const video = join(dir, 'session.mp4');
  await colourSegmentsVideo(video, Object.keys(COLOURS));
  return { dir, video };
}

function colourName(rgb: readonly number[]): string | undefined {
  return Object.entries(COLOURS).find(([, c]) => near(rgb, c, TOLERANCE))?.[0];
}

test('the select filter keeps exactly the picked frame numbers, then resizes', () => {
  assert.deepEqual(selectFilter([3, 17], { width: 1365, height: 768 }), [
    "select='eq(n\\,3)+eq(n\\,17)'",
    'scale=1365:768:flags=lanczos',
  ]);
});

test('distinct frames from a six-state video show six different screens and no repeats', async () => {
  const { dir, video } = await sixStateVideo();
  const result = await selectFrames(video, { outDir: join(dir, 'frames'), count: 12, strategy: 'distinct' });
  assert.equal(result.frames.length, 6, 'one frame per state, not twelve');
  const names = await Promise.all(result.frames.map(async (f) => colourName(await pixelAt(join(dir, f.file), 10, 10))));
  assert.deepEqual(names, Object.keys(COLOURS), 'every state in time order');
});

test('uniform frames are resized for the model and listed in frames.json with times and reasons', async () => {
  const { dir, video } = await sixStateVideo();
  const result = await selectFrames(video, { outDir: join(dir, 'frames'), count: 3, strategy: 'uniform', gridFile: join(dir, 'grid.png') });
  assert.equal(result.frames.length, 3);
  const meta = await sharp(join(dir, result.frames[0]!.file)).metadata();
  assert.deepEqual([meta.width, meta.height], [1365, 768]);
  const json = JSON.parse(await readFile(join(dir, 'frames.json'), 'utf8'));
  assert.equal(json.schemaVersion, 1);
  assert.deepEqual(
    json.frames.map((f: { file: string }) => f.file),
    ['frames/01.png', 'frames/02.png', 'frames/03.png'],
  );
  assert.equal(json.frames[0].time, 0);
  assert.ok(json.frames[2].time > 5.5, `last frame near the end, got ${json.frames[2].time}`);
  assert.match(json.frames[1].reason, /uniform 2\/3/);
  assert.equal(colourName(await pixelAt(join(dir, result.frames[2]!.file), 5, 5)), 'black');
  const grid = await sharp(join(dir, 'grid.png')).metadata();
  assert.ok((grid.width ?? 0) > 1000 && (grid.height ?? 0) > 300, 'grid holds the tiles');
});

test('marker frames come from the markers the renderer listed in video.json', async () => {
  const { dir, video } = await sixStateVideo();
  await writeFile(join(dir, 'video.json'), JSON.stringify({ schemaVersion: 1, markers: [{ label: 'step 1: type', time: 2.5 }, { label: 'done', time: 4.2 }] }));
  const result = await selectFrames(video, { outDir: join(dir, 'frames'), strategy: 'markers' });
  assert.deepEqual(
    result.frames.map((f) => f.reason),
    ['marker "step 1: type"', 'marker "done"'],
  );
  assert.equal(colourName(await pixelAt(join(dir, result.frames[0]!.file), 5, 5)), 'blue');
  assert.equal(colourName(await pixelAt(join(dir, result.frames[1]!.file), 5, 5)), 'yellow');
});

test('a file that is not a video is a clear error naming it', async () => {
  const dir = await tempDir();
  const bogus = join(dir, 'not-a-video.mp4');
  await writeFile(bogus, 'hello');
  await assert.rejects(selectFrames(bogus, { outDir: join(dir, 'frames') }), (e: unknown) => {
    assert.ok(e instanceof TermlensError);
    assert.match(e.message + (e.hint ?? '') + (e.subprocess?.stderrTail ?? ''), /not-a-video\.mp4/);
    return true;
  });
});

test('an unknown strategy names the bad value and the valid ones', async () => {
  await assert.rejects(selectFrames('x.mp4', { outDir: '/tmp/x', strategy: 'random' as never }), /unknown frame strategy "random"/);
});
