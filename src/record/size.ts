/**
 * The terminal's size in cells, given either directly or as a window in
 * pixels the way VHS sizes its terminal.
 *
 * VHS draws xterm.js in a page of Width × Height pixels with Padding on every
 * side, in JetBrains Mono at FontSize. A JetBrains Mono cell is 0.6 em wide
 * (its advance width is 600 of 1000 units) and xterm.js lays lines out at
 * about 1.2 em, so:
 *
 *   cols = floor((width  − 2·padding) / (0.6 · fontSize))
 *   rows = floor((height − 2·padding) / (1.2 · fontSize))
 *
 * With VHS's defaults (Width 1200, Height 600, FontSize 22, Padding 60) that
 * is 81 × 18; the multi-agent CLI's tape (1920 × 1080, FontSize 15) gives
 * 200 × 53.
 */
import { TermlensError, quote } from '../errors/index.js';

/** VHS's defaults, used for whichever of width, height, font size and padding is not given. */
export const VHS_WINDOW_DEFAULTS = { width: 1200, height: 600, fontSize: 22, padding: 60 } as const;

/** Cell width and line height of JetBrains Mono, in em. */
export const CELL_WIDTH_EM = 0.6;
export const LINE_HEIGHT_EM = 1.2;

/** The size a recording uses when none is given: the classic terminal. */
export const DEFAULT_TERMINAL_SIZE = { cols: 80, rows: 24 } as const;

/** Largest size accepted, a guard against typos such as --cols 8000. */
export const MAX_COLS = 1000;
export const MAX_ROWS = 500;

export interface SizeOptions {
  /** Columns; give with `rows`. */
  cols?: number;
  /** Rows; give with `cols`. */
  rows?: number;
  /** Window width in pixels, as VHS's `Set Width`. @default 1200 */
  width?: number;
  /** Window height in pixels, as VHS's `Set Height`. @default 600 */
  height?: number;
  /** Font size in pixels, as VHS's `Set FontSize`. @default 22 */
  fontSize?: number;
  /** Padding on each side in pixels, as VHS's `Set Padding`. @default 60 */
  padding?: number;
}

export interface TerminalSize {
  cols: number;
  rows: number;
  /** The window the size was derived from, when it was. */
  window?: { width: number; height: number; fontSize: number; padding: number };
}

function usage(message: string, hint: string): TermlensError {
  return new TermlensError(message, { code: 'usage', stage: 'record', hint });
}

function checkPositive(name: string, value: number | undefined, allowZero = false): void {
  if (value === undefined) return;
  const ok = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok) throw usage(`${name} must be a positive number, got ${quote(value)}`, `Give --${name} a number such as ${name === 'padding' ? 60 : 80}.`);
}

/** Cols and rows from the options; throws a usage error on contradictions or impossible sizes. */
export function terminalSize(options: SizeOptions): TerminalSize {
  const { cols, rows, width, height, fontSize, padding } = options;
  const byCells = cols !== undefined || rows !== undefined;
  const byPixels = width !== undefined || height !== undefined || fontSize !== undefined || padding !== undefined;
  if (byCells && byPixels) {
    throw usage(
      'give the size either in cells (--cols/--rows) or in pixels (--width/--height/--font-size), not both',
      'Drop one of the two; --cols 120 --rows 36 is the simplest.',
    );
  }
  if (byCells) {
    if (cols === undefined || rows === undefined) {
      throw usage(`--cols and --rows go together; got only ${cols === undefined ? '--rows' : '--cols'}`, 'Give both, e.g. --cols 120 --rows 36.');
    }
    return checkCells(cols, rows);
  }
  if (!byPixels) return { ...DEFAULT_TERMINAL_SIZE };
  checkPositive('width', width);
  checkPositive('height', height);
  checkPositive('font-size', fontSize);
  checkPositive('padding', padding, true);
  const window = {
    width: width ?? VHS_WINDOW_DEFAULTS.width,
    height: height ?? VHS_WINDOW_DEFAULTS.height,
    fontSize: fontSize ?? VHS_WINDOW_DEFAULTS.fontSize,
    padding: padding ?? VHS_WINDOW_DEFAULTS.padding,
  };
  const derivedCols = cellsIn(window.width - 2 * window.padding, CELL_WIDTH_EM * window.fontSize);
  const derivedRows = cellsIn(window.height - 2 * window.padding, LINE_HEIGHT_EM * window.fontSize);
  if (derivedCols < 1 || derivedRows < 1) {
    throw usage(
      `a ${window.width}×${window.height} px window with ${window.padding} px padding holds no ${window.fontSize} px text (${derivedCols}×${derivedRows} cells)`,
      'Use a larger --width/--height or a smaller --font-size.',
    );
  }
  return { ...checkCells(derivedCols, derivedRows), window };
}

/** floor(space / cell), immune to 0.6 × 15 landing a hair off 9 in floating point. */
function cellsIn(space: number, cell: number): number {
  return Math.floor(space / cell + 1e-9);
}

function checkCells(cols: number, rows: number): TerminalSize {
  if (!Number.isInteger(cols) || cols < 1 || cols > MAX_COLS) {
    throw usage(`--cols must be a whole number from 1 to ${MAX_COLS}, got ${quote(cols)}`, 'Typical terminals are 80 to 240 columns wide.');
  }
  if (!Number.isInteger(rows) || rows < 1 || rows > MAX_ROWS) {
    throw usage(`--rows must be a whole number from 1 to ${MAX_ROWS}, got ${quote(rows)}`, 'Typical terminals are 24 to 60 rows high.');
  }
  return { cols, rows };
}
