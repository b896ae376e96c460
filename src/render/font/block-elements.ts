/**
 * Block elements (U+2580–259F) and braille patterns (U+2800–28FF) drawn as
 * shapes: blocks fill exact pixel fractions of the cell so bars and
 * half-block pictures tile without seams; shades are uniform coverage
 * (25/50/75 %), which stays stable under video compression, unlike dither.
 */
import { Mask } from './mask.js';

export function isBlockElement(cp: number): boolean {
  return cp >= 0x2580 && cp <= 0x259f;
}

export function isBraille(cp: number): boolean {
  return cp >= 0x2800 && cp <= 0x28ff;
}

/** Quadrants: upper-left, upper-right, lower-left, lower-right, as bits 1, 2, 4, 8. */
const QUADRANTS: Record<number, number> = {
  0x2596: 4, 0x2597: 8, 0x2598: 1, 0x2599: 1 | 4 | 8, 0x259a: 1 | 8,
  0x259b: 1 | 2 | 4, 0x259c: 1 | 2 | 8, 0x259d: 2, 0x259e: 2 | 4, 0x259f: 2 | 4 | 8,
};

export function drawBlockElement(cp: number, width: number, height: number): Mask {
  const m = new Mask(width, height);
  const W = width;
  const H = height;
  const rows = (eighths: number) => Math.round((H * eighths) / 8);
  const cols = (eighths: number) => Math.round((W * eighths) / 8);
  if (cp === 0x2580) m.fill(0, 0, W, rows(4));
  else if (cp >= 0x2581 && cp <= 0x2588) m.fill(0, H - rows(cp - 0x2580), W, H);
  else if (cp >= 0x2589 && cp <= 0x258f) m.fill(0, 0, cols(8 - (cp - 0x2588)), H);
  else if (cp === 0x2590) m.fill(cols(4), 0, W, H);
  else if (cp >= 0x2591 && cp <= 0x2593) m.fill(0, 0, W, H, Math.round((255 * (cp - 0x2590)) / 4));
  else if (cp === 0x2594) m.fill(0, 0, W, rows(1));
  else if (cp === 0x2595) m.fill(W - cols(1), 0, W, H);
  else {
    const q = QUADRANTS[cp] ?? 0;
    const mx = cols(4);
    const my = rows(4);
    if (q & 1) m.fill(0, 0, mx, my);
    if (q & 2) m.fill(mx, 0, W, my);
    if (q & 4) m.fill(0, my, mx, H);
    if (q & 8) m.fill(mx, my, W, H);
  }
  return m;
}

/** Dot bit → [column, row] in the 2×4 braille grid (dots 1–8). */
const BRAILLE_DOTS: Array<[number, number]> = [
  [0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2], [0, 3], [1, 3],
];

export function drawBraille(cp: number, width: number, height: number): Mask {
  const m = new Mask(width, height);
  const bits = cp - 0x2800;
  // Dots sit on a 2×4 grid of equal sub-cells; the radius leaves a clear gap between neighbours.
  const sw = width / 2;
  const sh = height / 4;
  const r = Math.max(0.75, Math.min(sw, sh) * 0.32);
  BRAILLE_DOTS.forEach(([col, row], bit) => {
    if (bits & (1 << bit)) m.ellipse((col + 0.5) * sw, (row + 0.5) * sh, r, r);
  });
  return m;
}
