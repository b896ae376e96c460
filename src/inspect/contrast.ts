/**
 * WCAG 2.x contrast, exactly as the standard defines it (REFERENCE.md):
 * sRGB channels linearised, relative luminance L = 0.2126 R + 0.7152 G +
 * 0.0722 B, ratio = (L_light + 0.05) / (L_dark + 0.05), from 1 to 21.
 */
import type { RGB } from '../terminal/colors.js';

/** AA threshold for normal-size text. */
export const WCAG_AA = 4.5;
/** AA threshold for large text and for non-text UI parts. */
export const WCAG_LARGE = 3;

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance([r, g, b]: RGB): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrastRatio(a: RGB, b: RGB): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Packs an RGB triple into 0xRRGGBB, the key the inspector counts colours by. */
export function packRgb([r, g, b]: RGB): number {
  return (r << 16) | (g << 8) | b;
}

export function unpackRgb(n: number): RGB {
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function hexOf(n: number): string {
  return '#' + n.toString(16).padStart(6, '0');
}

/**
 * Contrast of packed colour pairs, memoised: a screen has thousands of cells
 * but only a handful of distinct pairs.
 */
export class ContrastCache {
  private readonly cache = new Map<number, number>();

  ratio(fg: number, bg: number): number {
    const key = fg * 0x1000000 + bg;
    let r = this.cache.get(key);
    if (r === undefined) {
      r = contrastRatio(unpackRgb(fg), unpackRgb(bg));
      // Truecolor gradients could grow this without end; the cost of a miss is tiny.
      if (this.cache.size > 65536) this.cache.clear();
      this.cache.set(key, r);
    }
    return r;
  }
}
