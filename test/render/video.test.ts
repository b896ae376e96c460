/** Real encodes with the bundled ffmpeg, checked with ffprobe. Small frames keep them quick. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { ffmpegPath, ffprobePath, runTool } from '../../src/media/tools.js';
import { renderCast, type VideoManifest } from '../../src/render/index.js';
import { CaptureSink, near, tempDir, writeCast } from './helpers.js';

const FPS = 30;

/** 3.1 seconds of coloured output with a box and an emoji; the last event (a marker) sets the duration. */
async function sampleCast(): Promise<string> {
  return writeCast(
    [
      [0, '\x1b[1;35mtermlens\x1b[0m ┌──┐ 🔄\r\n'],
      [0.5, '\x1b[41m red \x1b[0m\r\n'],
      [1.25, '\x1b[32m█████\x1b[0m\r\n'],
      [2, 'done'],
      [3.1, 'm', 'end'],
    ],
    { width: 40, height: 10 },
  );
}

async function probe(file: string): Promise<{ streams: Array<Record<string, string | number>>; format: Record<string, string> }> {
  const { stdout } = await runTool(
    ffprobePath(),
    ['-v', 'error', '-show_entries', 'stream=codec_name,pix_fmt,width,height,color_space:format=duration', '-of', 'json', file],
    { stage: 'render' },
  );
  return JSON.parse(stdout.toString('utf8'));
}

/** Top-level MP4 box names in file order. */
function mp4Boxes(data: Buffer): string[] {
  const names: string[] = [];
  for (let off = 0; off + 8 <= data.length; ) {
    let size = data.readUInt32BE(off);
    const name = data.toString('latin1', off + 4, off + 8);
    if (size === 1) size = Number(data.readBigUInt64BE(off + 8));
    names.push(name);
    if (size < 8) break;
    off += size;
  }
  return names;
}

test('an MP4 is H.264 yuv420p, as long as the cast within one frame, with moov before mdat', async () => {
  const dir = await tempDir();
  const out = join(dir, 'session.mp4');
  const result = await renderCast(await sampleCast(), { output: out, width: 640, height: 360, fps: FPS });
  const info = await probe(out);
  assert.equal(info.streams[0]!.codec_name, 'h264');
  assert.equal(info.streams[0]!.pix_fmt, 'yuv420p');
  assert.equal(info.streams[0]!.width, 640);
  assert.ok(Math.abs(Number(info.format.duration) - 3.1) <= 1 / FPS, `duration ${info.format.duration}`);
  const boxes = mp4Boxes(await readFile(out));
  assert.ok(boxes.indexOf('moov') >= 0 && boxes.indexOf('moov') < boxes.indexOf('mdat'), `boxes: ${boxes.join(' ')}`);
  // video.json sits beside the video and describes it.
  const manifest = JSON.parse(await readFile(join(dir, 'video.json'), 'utf8')) as VideoManifest;
  assert.equal(result.manifestPath, join(dir, 'video.json'));
  assert.equal(manifest.schemaVersion, 1);
  assert.equal(manifest.video, 'session.mp4');
  assert.equal(manifest.fps, FPS);
  assert.ok(Math.abs(manifest.duration - 3.1) <= 1 / FPS);
  assert.deepEqual(manifest.frames.map((f) => f.time), [0, 0.5, 1.266667, 2]);
  assert.equal(manifest.frames[0]!.changed, 1);
  assert.deepEqual(manifest.markers, [{ label: 'end', time: 3.1 }]);
  assert.ok(manifest.frames.slice(1).every((f) => f.changed > 0 && f.changed < 0.5));
});

test('the video decodes back to the colours drawn, within the rounding of 8-bit YUV', async () => {
  const dir = await tempDir();
  const out = join(dir, 's.mp4');
  const cast = await sampleCast();
  const rgba = new CaptureSink('rgba');
  const r = await renderCast(cast, { sink: rgba, width: 640, height: 360, manifestPath: join(dir, 'x.json') });
  await renderCast(cast, { output: out, width: 640, height: 360 });
  const png = join(dir, 'last.png');
  await runTool(ffmpegPath(), ['-v', 'error', '-y', '-sseof', '-0.2', '-i', out, '-frames:v', '1', png], { stage: 'render' });
  const { data } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const m = r.manifest;
  const at = (x: number, y: number) => ({ drawn: [...rgba.last.subarray((y * 640 + x) * 4, (y * 640 + x) * 4 + 3)], decoded: [...data.subarray((y * 640 + x) * 3, (y * 640 + x) * 3 + 3)] });
  // Flat areas: the background corner and the middle of the third row's green block.
  // Limited-range 8-bit YUV quantises each channel to within about ±3 after decoding.
  for (const [x, y] of [[2, 2], [m.gridX + 2 * m.cellWidth + m.cellWidth / 2, m.gridY + 2 * m.cellHeight + m.cellHeight / 2]] as Array<[number, number]>) {
    const { drawn, decoded } = at(x, y);
    assert.ok(near(decoded, drawn, 3), `at ${x},${y}: drawn ${drawn}, decoded ${decoded}`);
  }
});

test('a GIF and a WebM are as long as the cast within one frame', async () => {
  const dir = await tempDir();
  const cast = await sampleCast();
  for (const [ext, codec] of [['gif', 'gif'], ['webm', 'vp9']] as const) {
    const out = join(dir, `s.${ext}`);
    await renderCast(cast, { output: out, width: 320, height: 180, fps: FPS });
    const info = await probe(out);
    assert.equal(info.streams[0]!.codec_name, codec);
    assert.ok(Math.abs(Number(info.format.duration) - 3.1) <= 1 / FPS, `${ext} duration ${info.format.duration}`);
  }
});

test('--frames writes one PNG per distinct frame, listed in video.json', async () => {
  const dir = await tempDir();
  const frames = join(dir, 'frames');
  const result = await renderCast(await sampleCast(), { framesDir: frames, width: 320, height: 180 });
  assert.equal(result.manifestPath, join(frames, 'video.json'));
  assert.equal(result.manifest.frames.length, 4);
  for (const f of result.manifest.frames) {
    const meta = await sharp(join(frames, f.file!)).metadata();
    assert.equal(meta.width, 320);
    assert.equal(meta.format, 'png');
  }
});
