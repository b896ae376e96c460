/**
 * A terminal screen at one moment, as cells. This is the ground truth every
 * later stage reads: the renderer draws it, the inspector measures it.
 */

/**
 * A colour reference, packed into one number so snapshots stay cheap:
 * - `DEFAULT_COLOR` (-1): the theme's default foreground or background;
 * - 0–255: an index into the 256-colour palette (0–15 come from the theme);
 * - `RGB_FLAG | 0xRRGGBB`: a truecolor value.
 */
export type ColorRef = number;
export const DEFAULT_COLOR = -1;
export const RGB_FLAG = 0x1000000;

/** Cell attributes as bit flags. */
export const Attr = {
  bold: 1,
  italic: 2,
  dim: 4,
  underline: 8,
  blink: 16,
  inverse: 32,
  invisible: 64,
  strikethrough: 128,
  overline: 256,
} as const;
export type AttrName = keyof typeof Attr;

export interface Cell {
  /** The grapheme in this cell; '' for the right half of a wide character, ' ' for blank. */
  char: string;
  /** 1 normal, 2 wide (the next cell is its spacer, width 0), 0 a spacer. */
  width: 0 | 1 | 2;
  fg: ColorRef;
  bg: ColorRef;
  /** Bit set of `Attr`. */
  attrs: number;
}

export interface Cursor {
  x: number;
  y: number;
  visible: boolean;
}

export interface Snapshot {
  /** Seconds since the start of the recording. */
  time: number;
  cols: number;
  rows: number;
  /** `lines[y][x]`, exactly rows × cols. */
  lines: Cell[][];
  cursor: Cursor;
  /** True while a full-screen program has switched to the alternate screen. */
  altScreen: boolean;
  /** The window title last set by OSC 0/2, if any. */
  title?: string;
}

export const hasAttr = (cell: Cell, name: AttrName): boolean => (cell.attrs & Attr[name]) !== 0;
