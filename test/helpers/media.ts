/** Test helpers for media: make small real videos with the bundled ffmpeg, read pixels back. */
import { join } from 'node:path';
import sharp from 'sharp';
import { ffmpegPath, runTool } from '../../src/media/tools.js';

export { tempDir } from './paths.js';

/**
 * An H.264 video made of solid-colour segments, one per colour, each
 * `seconds` long at `fps` frames a second: a video whose distinct states are known.
 */
export async function colourSegmentsVideo(
  file: string,
  colours: string[],
  { seconds = 1, fps = 10, width = 1920, height = 1080 } = {},
): Promise<void> {
  const inputs = colours.flatMap((c) => ['-f', 'lavfi', '-i', `color=c=${c}:s=${width}x${height}:d=${seconds}:r=${fps}`]);
  const concat = colours.map((_, i) => `[${i}:v]`).join('') + `concat=n=${colours.length}:v=1:a=0[v]`;
  await runTool(
    ffmpegPath(),
    ['-v', 'error', '-y', ...inputs, '-filter_complex', concat, '-map', '[v]', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', file],
    { stage: 'frames' },
  );
}

/** RGB of the pixel at (x, y) of an image file. */
export async function pixelAt(file: string, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}

/** True when two colours are within `tolerance` on every channel. */
export function near(a: readonly number[], b: readonly number[], tolerance: number): boolean {
  return a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);
}
