/**
 * The persistent frame the renderer draws into; cells are redrawn in place,
 * never the whole frame. Pixels are RGBA bytes handled as 32-bit words:
 * copying a cell is then a third as many operations as with packed RGB,
 * which matters more than the extra byte per pixel sent to ffmpeg.
 */
import type { RGB } from '../../terminal/colors.js';

export const packRgb = (c: RGB): number => (c[0] << 16) | (c[1] << 8) | c[2];

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The 32-bit word whose bytes in memory are R, G, B, 255 (on either byte order). */
export function pixelWord(rgb: number): number {
  const r = (rgb >> 16) & 255;
  const g = (rgb >> 8) & 255;
  const b = rgb & 255;
  return LITTLE_ENDIAN ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

export class Framebuffer {
  /** RGBA bytes, row-major, no padding. */
  readonly data: Uint8Array;
  /** The same memory as 32-bit pixels. */
  readonly pixels: Uint32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint32Array(width * height);
    this.data = new Uint8Array(this.pixels.buffer);
  }

  /** Fill a rectangle (clipped) with a packed 0xRRGGBB colour. */
  fillRect(x: number, y: number, w: number, h: number, rgb: number): void {
    const x0 = Math.max(0, x);
    const y0 = Math.max(0, y);
    const x1 = Math.min(this.width, x + w);
    const y1 = Math.min(this.height, y + h);
    if (x1 <= x0 || y1 <= y0) return;
    const word = pixelWord(rgb);
    for (let yy = y0; yy < y1; yy++) this.pixels.fill(word, yy * this.width + x0, yy * this.width + x1);
  }

  /** Blend a colour over one pixel with 0–255 coverage. */
  blendPixel(x: number, y: number, rgb: number, alpha: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || alpha <= 0) return;
    const i = (y * this.width + x) * 4;
    const a = Math.min(255, alpha);
    const d = this.data;
    d[i] = blend(d[i]!, (rgb >> 16) & 255, a);
    d[i + 1] = blend(d[i + 1]!, (rgb >> 8) & 255, a);
    d[i + 2] = blend(d[i + 2]!, rgb & 255, a);
  }
}

/** Integer blend of `over` onto `under` at coverage a (0–255), rounded the same way everywhere. */
export function blend(under: number, over: number, a: number): number {
  return ((under * (255 - a) + over * a + 127) / 255) | 0;
}
