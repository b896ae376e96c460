/**
 * Pixel differences of two aligned frames with pixelmatch: a per-pixel
 * colour distance in YIQ space (threshold 0.1, pixelmatch's default, which
 * ignores the small shifts video compression leaves) with anti-aliased
 * pixels detected and not counted, so a glyph's soft edge that moved by a
 * sub-pixel is not a change. The diff image shows the baseline faded with
 * changed pixels in red.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { TermlensError, quote } from '../errors/index.js';
import { COMPARE_DEFAULTS } from './defaults.js';

export interface PixelDiffOptions {
  /** pixelmatch's colour threshold, 0–1; smaller is stricter. @default COMPARE_DEFAULTS.pixelThreshold */
  threshold?: number;
  /** Count anti-aliased pixels as changes too. @default false */
  includeAA?: boolean;
}

export interface PixelDiff {
  width: number;
  height: number;
  changedPixels: number;
  /** changedPixels / (width × height), 0–1. */
  ratio: number;
  /** Set when the two frames have different sizes: nothing was compared and no diff image was written. */
  sizeMismatch?: { baseline: [number, number]; current: [number, number] };
}

/** Compare two PNG files; write the diff image to `diffFile` when given and the sizes match. */
export async function diffPngFiles(baselineFile: string, currentFile: string, diffFile: string | undefined, options: PixelDiffOptions = {}): Promise<PixelDiff> {
  const a = await readPng(baselineFile);
  const b = await readPng(currentFile);
  if (a.width !== b.width || a.height !== b.height) {
    return { width: b.width, height: b.height, changedPixels: b.width * b.height, ratio: 1, sizeMismatch: { baseline: [a.width, a.height], current: [b.width, b.height] } };
  }
  const out = diffFile ? new PNG({ width: a.width, height: a.height }) : undefined;
  const changedPixels = pixelmatch(a.data, b.data, out?.data, a.width, a.height, { threshold: options.threshold ?? COMPARE_DEFAULTS.pixelThreshold, includeAA: options.includeAA ?? false, alpha: 0.15 });
  if (out && diffFile) {
    await mkdir(dirname(diffFile), { recursive: true });
    await writeFile(diffFile, PNG.sync.write(out));
  }
  return { width: a.width, height: a.height, changedPixels, ratio: changedPixels / (a.width * a.height) };
}

async function readPng(file: string): Promise<PNG> {
  try {
    return PNG.sync.read(await readFile(file));
  } catch (cause) {
    throw new TermlensError(`cannot read the frame ${quote(file)} as PNG`, { code: 'bad-input', stage: 'compare', hint: 'Extract frames as PNG; compare reads PNG only.', cause });
  }
}
