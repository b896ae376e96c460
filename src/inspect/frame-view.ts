/**
 * What every measurement needs from one screen, computed once: each row as
 * text with the column of every character, and each cell's colours as drawn
 * under the colour scheme (the renderer's own resolution).
 */
import { resolveCellColors, type ColorScheme } from '../terminal/colors.js';
import type { Cell } from '../terminal/types.js';
import { packRgb } from './contrast.js';
import { isTextGlyph } from './glyphs.js';
import type { Frame } from './sample.js';

export interface RowText {
  /** The row's characters; wide-character spacers are left out. */
  text: string;
  /** `cols[i]`: the column of the cell that UTF-16 unit i of `text` belongs to. */
  cols: number[];
}

export interface FrameView {
  frame: Frame;
  cols: number;
  rows: number;
  rowTexts: RowText[];
  /** Packed 0xRRGGBB foreground and background of each cell, index y × cols + x. */
  fg: Int32Array;
  bg: Int32Array;
  /** Cells holding something other than a blank. */
  nonBlank: number;
  /** The most common foreground among text cells: the colour of body text. */
  bodyFg: number;
  /** The most common background: the screen's own. */
  screenBg: number;
}

export const isBlankCell = (cell: Cell): boolean => cell.char === ' ' || cell.char === '\u2800';

export function viewFrame(frame: Frame, scheme: ColorScheme): FrameView {
  const { snapshot } = frame;
  const { cols, rows } = snapshot;
  const fg = new Int32Array(cols * rows);
  const bg = new Int32Array(cols * rows);
  const rowTexts: RowText[] = [];
  const fgCount = new Map<number, number>();
  const bgCount = new Map<number, number>();
  let nonBlank = 0;
  for (let y = 0; y < rows; y++) {
    const line = snapshot.lines[y]!;
    let text = '';
    const colOf: number[] = [];
    for (let x = 0; x < cols; x++) {
      const cell = line[x]!;
      const colours = resolveCellColors(cell, scheme);
      const i = y * cols + x;
      fg[i] = packRgb(colours.fg);
      bg[i] = packRgb(colours.bg);
      bgCount.set(bg[i]!, (bgCount.get(bg[i]!) ?? 0) + 1);
      if (!isBlankCell(cell)) nonBlank++;
      if (isTextGlyph(cell.char)) fgCount.set(fg[i]!, (fgCount.get(fg[i]!) ?? 0) + 1);
      if (cell.width === 0) continue;
      text += cell.char;
      for (let k = 0; k < cell.char.length; k++) colOf.push(x);
    }
    rowTexts.push({ text, cols: colOf });
  }
  return {
    frame,
    cols,
    rows,
    rowTexts,
    fg,
    bg,
    nonBlank,
    bodyFg: mostCommon(fgCount, packRgb(scheme.foreground)),
    screenBg: mostCommon(bgCount, packRgb(scheme.background)),
  };
}

/** The key with the highest count; ties go to the smaller key so the answer never depends on order. */
export function mostCommon(counts: Map<number, number>, fallback: number): number {
  let best = fallback;
  let bestCount = -1;
  for (const [key, count] of counts) {
    if (count > bestCount || (count === bestCount && key < best)) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}

/** Text of the row around column x: the run of same-coloured cells, trimmed, at most `max` characters. */
export function runAround(view: FrameView, y: number, x: number, max = 40): string {
  const line = view.frame.snapshot.lines[y]!;
  const base = y * view.cols;
  const same = (i: number) => view.fg[base + i] === view.fg[base + x] && view.bg[base + i] === view.bg[base + x];
  let start = x;
  let end = x;
  while (start > 0 && same(start - 1) && x - start < max) start--;
  while (end < view.cols - 1 && same(end + 1) && end - start < max) end++;
  return line.slice(start, end + 1).map((c) => c.char).join('').trim().slice(0, max);
}
