/**
 * Turns a cell's colour references into real RGB under a colour scheme. The
 * renderer (pixels) and the inspector (contrast) both call this, so what is
 * measured is exactly what is drawn.
 */
import { Attr, DEFAULT_COLOR, RGB_FLAG, type Cell, type ColorRef } from './types.js';

export type RGB = readonly [number, number, number];

/** The colours a theme gives the terminal. */
export interface ColorScheme {
  foreground: RGB;
  background: RGB;
  cursor: RGB;
  /** ANSI 0–15. */
  ansi: readonly RGB[];
}

const CUBE_LEVELS = [0, 95, 135, 175, 215, 255];

/** xterm's 256-colour palette: 0–15 from the scheme, 16–231 the 6×6×6 cube, 232–255 greys. */
export function paletteRgb(index: number, scheme: ColorScheme): RGB {
  if (index < 16) return scheme.ansi[index] ?? scheme.foreground;
  if (index < 232) {
    const i = index - 16;
    return [CUBE_LEVELS[Math.floor(i / 36)]!, CUBE_LEVELS[Math.floor(i / 6) % 6]!, CUBE_LEVELS[i % 6]!];
  }
  const grey = 8 + 10 * (index - 232);
  return [grey, grey, grey];
}

export function refRgb(ref: ColorRef, scheme: ColorScheme, role: 'fg' | 'bg'): RGB {
  if (ref === DEFAULT_COLOR) return role === 'fg' ? scheme.foreground : scheme.background;
  if (ref >= RGB_FLAG) return [(ref >> 16) & 255, (ref >> 8) & 255, ref & 255];
  return paletteRgb(ref, scheme);
}

export interface ResolvedColors {
  fg: RGB;
  bg: RGB;
}

/**
 * The colours a person sees in a cell, following xterm.js's defaults: bold
 * text in ANSI 0–7 is drawn in the bright variant, inverse swaps, dim halves
 * the foreground toward the background, invisible text takes the background.
 */
export function resolveCellColors(cell: Pick<Cell, 'fg' | 'bg' | 'attrs'>, scheme: ColorScheme): ResolvedColors {
  let fgRef = cell.fg;
  if (cell.attrs & Attr.bold && fgRef >= 0 && fgRef < 8) fgRef += 8;
  let fg = refRgb(fgRef, scheme, 'fg');
  let bg = refRgb(cell.bg, scheme, 'bg');
  if (cell.attrs & Attr.inverse) {
    // An inverted default colour uses the other default, as xterm.js does.
    const swappedFg = cell.bg === DEFAULT_COLOR ? scheme.background : bg;
    const swappedBg = fgRef === DEFAULT_COLOR ? scheme.foreground : fg;
    fg = swappedFg;
    bg = swappedBg;
  }
  if (cell.attrs & Attr.dim) fg = mix(fg, bg, 0.5);
  if (cell.attrs & Attr.invisible) fg = bg;
  return { fg, bg };
}

export function mix(a: RGB, b: RGB, t: number): RGB {
  return [
    Math.round(a[0] * (1 - t) + b[0] * t),
    Math.round(a[1] * (1 - t) + b[1] * t),
    Math.round(a[2] * (1 - t) + b[2] * t),
  ];
}

export function parseHex(hex: string): RGB | undefined {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex.trim());
  if (!m) return undefined;
  let h = m[1]!;
  if (h.length === 3) h = h.replace(/./g, (c) => c + c);
  const n = parseInt(h, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function toHex(rgb: RGB): string {
  return '#' + rgb.map((c) => c.toString(16).padStart(2, '0')).join('');
}

/** VHS's default theme (REFERENCE.md), the scheme used when none is chosen. */
export const DEFAULT_SCHEME: ColorScheme = {
  foreground: [0xdd, 0xdd, 0xdd],
  background: [0x17, 0x17, 0x17],
  cursor: [0xdd, 0xdd, 0xdd],
  ansi: [
    '#282a2e', '#D74E6F', '#31BB71', '#D3E561', '#8056FF', '#ED61D7', '#04D7D7', '#bfbfbf',
    '#4d4d4d', '#FE5F86', '#00D787', '#EBFF71', '#9B79FF', '#FF7AEA', '#00FEFE', '#e6e6e6',
  ].map((h) => parseHex(h)!),
};
