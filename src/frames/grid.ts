/**
 * The contact sheet: every frame in a grid with its number and time under it,
 * for a person to review and, optionally, to send to the model as one image.
 */
import { join } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { writeThenRename } from '../errors/disk.js';
import { labelPath, labelWidth } from '../media/label-svg.js';
import type { ExtractedFrame } from './extract.js';

export interface GridOptions {
  /** Width of one tile in pixels. @default 640 */
  tileWidth?: number;
  /** Columns; by default the most square layout. */
  columns?: number;
  /** @default '#101014' */
  background?: string;
}

const GAP = 12;
const CAPTION = 40;
const CAPTION_SIZE = 24;

export function gridColumns(count: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(count)));
}

export async function makeGrid(frameDir: string, frames: ExtractedFrame[], outFile: string, options: GridOptions = {}): Promise<void> {
  const [firstFrame] = frames;
  if (!firstFrame) return; // no frames, no grid
  const cols = options.columns ?? gridColumns(frames.length);
  const rows = Math.ceil(frames.length / cols);
  const first = await sharp(join(frameDir, firstFrame.file)).metadata();
  const tileW = options.tileWidth ?? 640;
  const tileH = Math.round(((first.height ?? 9) / (first.width ?? 16)) * tileW);
  const width = GAP + cols * (tileW + GAP);
  const height = GAP + rows * (tileH + CAPTION + GAP);
  // Tiles are scaled side by side (sharp works off the main thread) and handed over raw, not re-encoded.
  const tiles = await Promise.all(
    frames.map((f) => sharp(join(frameDir, f.file)).resize(tileW, tileH, { fit: 'fill', kernel: 'lanczos3' }).raw().toBuffer({ resolveWithObject: true })),
  );
  const composites: OverlayOptions[] = [];
  for (const [i, f] of frames.entries()) {
    const x = GAP + (i % cols) * (tileW + GAP);
    const y = GAP + Math.floor(i / cols) * (tileH + CAPTION + GAP);
    const { data, info } = tiles[i]!;
    composites.push({ input: data, raw: { width: info.width, height: info.height, channels: info.channels }, left: x, top: y });
    const text = `#${f.index}  ${f.time.toFixed(1)}s`;
    const tx = (tileW - labelWidth(text, CAPTION_SIZE)) / 2;
    // One small SVG per caption: libvips renders a large SVG in regions and
    // clipped glyphs that straddled a region edge.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${tileW}" height="${CAPTION}">${labelPath(text, tx, CAPTION - 10, CAPTION_SIZE, '#e8e8e8')}</svg>`;
    composites.push({ input: Buffer.from(svg), left: x, top: y + tileH });
  }
  // The format comes from the option, not the name, since the temporary name ends in .tmp.
  await writeThenRename(outFile, (tmp) =>
    sharp({ create: { width, height, channels: 3, background: options.background ?? '#101014' } })
      .composite(composites)
      .png()
      .toFile(tmp),
  );
}
