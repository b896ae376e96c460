import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFfmpegArgs, inputPixelFormat, VIDEO_FORMATS } from '../../src/render/index.js';
import { matroskaFrameHeader, matroskaHeader, vint } from '../../src/render/encode/matroska.js';
import { assertGolden } from '../helpers/golden.js';

for (const format of VIDEO_FORMATS) {
  test(`the ffmpeg arguments for ${format} match the golden list`, () => {
    const args = buildFfmpegArgs({ format, output: `out/session.${format}`, fps: 30 });
    assertGolden(JSON.stringify(args, null, 1) + '\n', `render/ffmpeg-args-${format}.json`);
  });
}

test('MP4 arguments ask for H.264, yuv420p, faststart and a variable frame rate on the fps grid', () => {
  const args = buildFfmpegArgs({ format: 'mp4', output: 'x.mp4', fps: 24, crf: 20, preset: 'medium' });
  const after = (flag: string) => args[args.indexOf(flag) + 1];
  assert.equal(after('-c:v'), 'libx264');
  assert.equal(after('-pix_fmt'), 'yuv420p');
  assert.equal(after('-movflags'), '+faststart');
  assert.equal(after('-vsync'), 'vfr');
  assert.equal(after('-r'), '24');
  assert.equal(after('-crf'), '20');
  assert.equal(after('-preset'), 'medium');
  assert.equal(after('-i'), 'pipe:0');
  assert.equal(args.at(-1), 'x.mp4');
});

test('video codecs get YUV 4:2:0 frames from termlens; GIF gets RGBA for its palette', () => {
  assert.equal(inputPixelFormat('mp4'), 'yuv420p');
  assert.equal(inputPixelFormat('webm'), 'yuv420p');
  assert.equal(inputPixelFormat('gif'), 'rgba');
});

test('EBML sizes use the shortest variable-length integer', () => {
  assert.deepEqual([...vint(0)], [0x80]);
  assert.deepEqual([...vint(126)], [0xfe]);
  assert.deepEqual([...vint(127)], [0x40, 0x7f]);
  assert.deepEqual([...vint(3110400)], [0x10, 0x2f, 0x76, 0x00]);
});

test('the Matroska stream declares uncompressed video with its FourCC, and each frame carries its time', () => {
  const head = matroskaHeader({ width: 640, height: 360, fourcc: 'I420', fps: 30 });
  assert.deepEqual([...head.subarray(0, 4)], [0x1a, 0x45, 0xdf, 0xa3]);
  assert.ok(head.includes(Buffer.from('V_UNCOMPRESSED')));
  assert.ok(head.includes(Buffer.from('I420')));
  const frame = matroskaFrameHeader(1234, 345600);
  // Cluster ID, then (after the size) the Timecode element 0xE7 holding 1234 ms.
  assert.deepEqual([...frame.subarray(0, 4)], [0x1f, 0x43, 0xb6, 0x75]);
  const tc = frame.indexOf(0xe7);
  assert.equal(frame[tc + 1], 0x82);
  assert.equal(frame.readUInt16BE(tc + 2), 1234);
  // The SimpleBlock's size covers its 4-byte head plus the pixels.
  const sb = frame.indexOf(0xa3, tc + 4);
  assert.deepEqual([...frame.subarray(sb + 1, sb + 4)], [...vint(345600 + 4)]);
});
