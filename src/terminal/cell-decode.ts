/**
 * xterm.js's cells (public API) turned into termlens's `Cell`: one decoding
 * shared by snapshots and the renderer's CellReader, so what is measured is
 * what is drawn.
 */
import type { IBufferCell } from '@xterm/headless';
import { Attr, DEFAULT_COLOR, RGB_FLAG, type Cell, type ColorRef } from './types.js';

export function blankCell(): Cell {
  return { char: ' ', width: 1, fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, attrs: 0 };
}

export function colorOf(mode: 'fg' | 'bg', cell: IBufferCell): ColorRef {
  if (mode === 'fg') {
    if (cell.isFgDefault()) return DEFAULT_COLOR;
    if (cell.isFgRGB()) return RGB_FLAG | cell.getFgColor();
    return cell.getFgColor();
  }
  if (cell.isBgDefault()) return DEFAULT_COLOR;
  if (cell.isBgRGB()) return RGB_FLAG | cell.getBgColor();
  return cell.getBgColor();
}

/** The cell's SGR attributes as a bit set of `Attr`. */
export function attrsOf(cell: IBufferCell): number {
  let attrs = 0;
  if (cell.isBold()) attrs |= Attr.bold;
  if (cell.isItalic()) attrs |= Attr.italic;
  if (cell.isDim()) attrs |= Attr.dim;
  if (cell.isUnderline()) attrs |= Attr.underline;
  if (cell.isBlink()) attrs |= Attr.blink;
  if (cell.isInverse()) attrs |= Attr.inverse;
  if (cell.isInvisible()) attrs |= Attr.invisible;
  if (cell.isStrikethrough()) attrs |= Attr.strikethrough;
  if (cell.isOverline()) attrs |= Attr.overline;
  return attrs;
}

export function toCell(cell: IBufferCell): Cell {
  const width = cell.getWidth() as 0 | 1 | 2;
  const chars = cell.getChars();
  return {
    char: width === 0 ? '' : chars === '' ? ' ' : chars,
    width,
    fg: colorOf('fg', cell),
    bg: colorOf('bg', cell),
    attrs: attrsOf(cell),
  };
}
