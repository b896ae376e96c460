/**
 * The images --judge-pair shows the model: each aligned moment's two frames
 * side by side with a grey bar between, once with the baseline on the left
 * and once on the right, so the model's position bias can be cancelled.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

/** Which run is shown on the left. */
export type PairOrderName = 'baseline-left' | 'current-left';

/** Each moment side by side twice, once with the baseline on the left and once on the right; written to `outDir` too. */
export async function sideBySideImages(chosen: ReadonlyArray<{ baselineFile: string; currentFile: string }>, outDir: string): Promise<Record<PairOrderName, string[]>> {
  await mkdir(outDir, { recursive: true });
  const images: Record<PairOrderName, string[]> = { 'baseline-left': [], 'current-left': [] };
  for (const [i, p] of chosen.entries()) {
    const n = String(i + 1).padStart(2, '0');
    images['baseline-left'].push(await sideBySide(p.baselineFile, p.currentFile, join(outDir, `${n}-baseline-left.png`)));
    images['current-left'].push(await sideBySide(p.currentFile, p.baselineFile, join(outDir, `${n}-current-left.png`)));
  }
  return images;
}

/** Two frames side by side on a dark ground with a grey bar between, as a PNG data URL (also written to `file`). */
async function sideBySide(leftFile: string, rightFile: string, file: string): Promise<string> {
  const maxWidth = 960;
  const left = await sharp(leftFile).resize({ width: maxWidth, withoutEnlargement: true }).png().toBuffer({ resolveWithObject: true });
  const right = await sharp(rightFile).resize({ width: maxWidth, withoutEnlargement: true }).png().toBuffer({ resolveWithObject: true });
  const gap = 24;
  const width = left.info.width + gap + right.info.width;
  const height = Math.max(left.info.height, right.info.height);
  const png = await sharp({ create: { width, height, channels: 3, background: { r: 128, g: 128, b: 128 } } })
    .composite([
      { input: left.data, left: 0, top: 0 },
      { input: right.data, left: left.info.width + gap, top: 0 },
    ])
    .png()
    .toBuffer();
  await sharp(png).toFile(file);
  return `data:image/png;base64,${png.toString('base64')}`;
}
