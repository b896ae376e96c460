/**
 * Where everything goes in the output frame: margin, window, window bar,
 * padding and the cell grid, with the font size either given or the
 * largest that fits the terminal's columns and rows.
 */
import { TermlensError, quote } from '../../errors/index.js';
import { cellMetrics, type CellMetrics } from '../font/atlas.js';

export type WindowBarStyle = 'Colorful' | 'ColorfulRight' | 'Rings' | 'RingsRight';
export const WINDOW_BAR_STYLES: readonly WindowBarStyle[] = ['Colorful', 'ColorfulRight', 'Rings', 'RingsRight'];

export interface LayoutInput {
  width: number;
  height: number;
  cols: number;
  rows: number;
  /** Pixels; derived when absent. */
  fontSize?: number;
  lineHeight: number;
  padding: number;
  margin: number;
  windowBar?: WindowBarStyle;
  windowBarSize: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  width: number;
  height: number;
  metrics: CellMetrics;
  cols: number;
  rows: number;
  /** The window (inside the margin), including its bar. */
  window: Rect;
  /** The bar strip at the top of the window, if any. */
  bar?: Rect;
  /** The cell grid's top-left pixel. */
  gridX: number;
  gridY: number;
}

const MIN_FONT_SIZE = 4;

function fits(m: CellMetrics, cols: number, rows: number, availW: number, availH: number): boolean {
  return m.cellWidth * cols <= availW && m.cellHeight * rows <= availH;
}

export function computeLayout(input: LayoutInput): Layout {
  const { width, height, cols, rows, padding, margin, lineHeight } = input;
  const barHeight = input.windowBar ? input.windowBarSize : 0;
  const window: Rect = { x: margin, y: margin, width: width - 2 * margin, height: height - 2 * margin };
  const availW = window.width - 2 * padding;
  const availH = window.height - barHeight - 2 * padding;
  const tooSmall = (detail: string) =>
    new TermlensError(`a ${cols}×${rows} terminal does not fit in ${width}×${height} pixels ${detail}`, {
      code: 'usage',
      stage: 'render',
      hint: 'Use a larger --width/--height, a smaller --padding, or a smaller --font-size.',
    });
  if (availW <= 0 || availH <= 0) throw tooSmall(`with padding ${padding} and margin ${margin}`);
  let metrics: CellMetrics;
  if (input.fontSize !== undefined) {
    metrics = cellMetrics(input.fontSize, lineHeight);
    if (!fits(metrics, cols, rows, availW, availH)) {
      const best = largestFontSize(cols, rows, availW, availH, lineHeight);
      throw new TermlensError(
        `font size ${quote(input.fontSize)} makes a ${cols}×${rows} terminal ${metrics.cellWidth * cols}×${metrics.cellHeight * rows} pixels, larger than the ${availW}×${availH} available`,
        {
          code: 'usage',
          stage: 'render',
          hint: best ? `Use --font-size ${best} or less, or leave it out to fit automatically.` : 'Use a larger --width/--height.',
        },
      );
    }
  } else {
    const best = largestFontSize(cols, rows, availW, availH, lineHeight);
    if (!best) throw tooSmall('even at the smallest font size');
    metrics = cellMetrics(best, lineHeight);
  }
  const gridW = metrics.cellWidth * cols;
  const gridH = metrics.cellHeight * rows;
  return {
    width,
    height,
    metrics,
    cols,
    rows,
    window,
    ...(barHeight ? { bar: { x: window.x, y: window.y, width: window.width, height: barHeight } } : {}),
    // Even origins keep cells on the 4:2:0 chroma grid; a multiple of 8 lets cells be copied in 32-bit words.
    gridX: 8 * Math.floor((window.x + padding + Math.floor((availW - gridW) / 2)) / 8),
    gridY: 2 * Math.floor((window.y + barHeight + padding + Math.floor((availH - gridH) / 2)) / 2),
  };
}

/** The largest font size, in quarter pixels, whose cells fit; undefined if none does. */
export function largestFontSize(cols: number, rows: number, availW: number, availH: number, lineHeight: number): number | undefined {
  const probe = cellMetrics(100, lineHeight);
  // Start from the continuous bound and step down until whole-pixel cells fit.
  let size = Math.floor(Math.min((availW / cols) * (100 / probe.cellWidth), (availH / rows) * (100 / probe.cellHeight)) * 4 + 4) / 4;
  for (; size >= MIN_FONT_SIZE; size -= 0.25) {
    if (fits(cellMetrics(size, lineHeight), cols, rows, availW, availH)) return size;
  }
  return undefined;
}
