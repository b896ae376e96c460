/**
 * Display width of text in terminal cells, matching xterm.js with its Unicode 11
 * widths and tmux: East Asian wide characters and emoji with emoji presentation
 * take two cells, combining marks and variation selectors none. Text-presentation
 * emoji such as U+1F5F3 (ballot box) stay one cell wide even with U+FE0F after them,
 * which is what both terminals do, so layouts built on these widths line up.
 */

/** [start, end] inclusive ranges of two-cell code points in the Basic Multilingual Plane. */
const WIDE_BMP: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0],
  [0x23f3, 0x23f3], [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f],
  [0x2693, 0x2693], [0x26a1, 0x26a1], [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5],
  [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea], [0x26f2, 0x26f3], [0x26f5, 0x26f5],
  [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b], [0x2728, 0x2728],
  [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55],
  [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f],
  [0xff00, 0xff60], [0xffe0, 0xffe6],
];

/** Pictographs in the emoji blocks that default to text presentation (one cell). */
const NARROW_PICTOGRAPHS: ReadonlyArray<readonly [number, number]> = [
  [0x1f321, 0x1f32c], [0x1f336, 0x1f336], [0x1f37d, 0x1f37d], [0x1f394, 0x1f39f],
  [0x1f3cb, 0x1f3ce], [0x1f3d4, 0x1f3df], [0x1f3f1, 0x1f3f3], [0x1f3f5, 0x1f3f7],
  [0x1f43f, 0x1f43f], [0x1f441, 0x1f441], [0x1f4fd, 0x1f4fe], [0x1f53e, 0x1f54a],
  [0x1f54f, 0x1f54f], [0x1f568, 0x1f579], [0x1f57b, 0x1f594], [0x1f597, 0x1f5a3],
  [0x1f5a5, 0x1f5fa], [0x1f6c6, 0x1f6cb], [0x1f6cd, 0x1f6cf], [0x1f6d3, 0x1f6d4],
  [0x1f6e0, 0x1f6ea], [0x1f6f0, 0x1f6f3],
];

function inRanges(cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  for (const [a, b] of ranges) if (cp >= a && cp <= b) return true;
  return false;
}

/** Cells one code point takes: 0, 1 or 2. */
export function codePointWidth(cp: number): 0 | 1 | 2 {
  if (cp === 0) return 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x300) return 1;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (cp >= 0x20d0 && cp <= 0x20ff) return 0;
  if (cp < 0x10000) return inRanges(cp, WIDE_BMP) ? 2 : 1;
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return 1;
  if (cp >= 0x1f300 && cp <= 0x1f64f) return inRanges(cp, NARROW_PICTOGRAPHS) ? 1 : 2;
  if (cp >= 0x1f680 && cp <= 0x1f6ff) return inRanges(cp, NARROW_PICTOGRAPHS) ? 1 : 2;
  if (cp >= 0x1f900 && cp <= 0x1f9ff) return 2;
  if (cp >= 0x1fa70 && cp <= 0x1faff) return 2;
  if (cp >= 0x20000 && cp <= 0x3fffd) return 2;
  if (cp >= 0xe0100 && cp <= 0xe01ef) return 0;
  return 1;
}

/** Cells a string takes (plain text, no escape sequences). */
export function stringWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += codePointWidth(ch.codePointAt(0)!);
  return width;
}

/**
 * The longest prefix of `text` that fits in `width` cells, with the width it takes.
 * Zero-width marks that follow the last kept character stay with it.
 */
export function takeWidth(text: string, width: number): { text: string; width: number } {
  let used = 0;
  let out = '';
  for (const ch of text) {
    const w = codePointWidth(ch.codePointAt(0)!);
    if (used + w > width) break;
    used += w;
    out += ch;
  }
  return { text: out, width: used };
}

/** `text` cut to `width` cells, ending in an ellipsis when it had to be cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  return takeWidth(text, width - 1).text + '…';
}
