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
import { TermlensError } from '../errors/index.js';
import { checkRange, inRange, type Range } from '../errors/range.js';
import { RECORD_DEFAULTS, RECORD_LIMITS } from './defaults.js';

/** VHS's defaults, used for whichever of width, height, font size and padding is not given. */
export const VHS_WINDOW_DEFAULTS = RECORD_DEFAULTS.window;

/** Cell width and line height of JetBrains Mono, in em. */
export const CELL_WIDTH_EM = 0.6;
export const LINE_HEIGHT_EM = 1.2;

/** The size a recording uses when none is given: the classic terminal. */
export const DEFAULT_TERMINAL_SIZE = { cols: RECORD_DEFAULTS.cols, rows: RECORD_DEFAULTS.rows } as const;

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

function checkWindow(name: string, value: number | undefined, range: Range): void {
  if (value !== undefined) checkRange(name, value, range, 'record');
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
  checkWindow('--width', width, RECORD_LIMITS.width);
  checkWindow('--height', height, RECORD_LIMITS.height);
  checkWindow('--font-size', fontSize, RECORD_LIMITS.fontSize);
  checkWindow('--padding', padding, RECORD_LIMITS.padding);
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
  if (!inRange(derivedCols, RECORD_LIMITS.cols) || !inRange(derivedRows, RECORD_LIMITS.rows)) {
    throw usage(
      `a ${window.width}×${window.height} px window with ${window.padding} px padding holds ${derivedCols}×${derivedRows} cells of ${window.fontSize} px text, more than ${RECORD_LIMITS.cols.max}×${RECORD_LIMITS.rows.max}`,
      'Use a smaller --width/--height or a larger --font-size.',
    );
  }
  return { cols: derivedCols, rows: derivedRows, window };
}

/** floor(space / cell), immune to 0.6 × 15 landing a hair off 9 in floating point. */
function cellsIn(space: number, cell: number): number {
  return Math.floor(space / cell + 1e-9);
}

function checkCells(cols: number, rows: number): TerminalSize {
  return { cols: checkRange('--cols', cols, RECORD_LIMITS.cols, 'record'), rows: checkRange('--rows', rows, RECORD_LIMITS.rows, 'record') };
}
