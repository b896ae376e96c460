/**
 * Reads the visible screen as three numbers per cell, for a caller that
 * compares whole screens many times a second (the renderer's ScreenTracker)
 * and decodes only the cells that changed. A snapshot() builds an object
 * per cell; this builds none.
 *
 * The words: `content` packs the code point (CONTENT_CODEPOINT_MASK), a
 * flag for a grapheme of several code points (CONTENT_COMBINED_FLAG, read it
 * with `chars()`) and the width (bits from CONTENT_WIDTH_SHIFT: 1, 2, or 0
 * for the right half of a wide character). `fg` and `bg` are keys: equal
 * words mean an equal look; `style()` decodes them. Where the words come
 * from (xterm.js's own, or built from its public API) is xterm-adapter.ts's
 * business.
 */
import type { Terminal as XTerminal, IBufferCell, IBufferLine } from '@xterm/headless';
import { attrsOf, colorOf } from './cell-decode.js';
import type { ColorRef } from './types.js';
import { CONTENT_WIDTH_SHIFT, copyCellWords, copyWordsFromApi, lineWords, privateAccess } from './xterm-adapter.js';

export { CONTENT_CODEPOINT_MASK, CONTENT_COMBINED_FLAG, CONTENT_WIDTH_SHIFT } from './xterm-adapter.js';

/** The content word of a cell no line backs: blank, width 1. */
const BLANK_CONTENT = 1 << CONTENT_WIDTH_SHIFT;

/** Colours and attributes of a cell, as in a snapshot's Cell. */
export interface CellStyle {
  fg: ColorRef;
  bg: ColorRef;
  /** Bit set of `Attr`. */
  attrs: number;
}

export class CellReader {
  private line: IBufferLine | undefined;
  private readonly cell: IBufferCell;
  /** Words of the row chosen by `row()`, three per cell, when xterm.js exposes them; else use `load()`. */
  words: Uint32Array | undefined;
  /** Words of the cell last loaded by `load()`. */
  content = BLANK_CONTENT;
  fg = 0;
  bg = 0;

  /** Made by VirtualTerminal.cellReader(). */
  constructor(private readonly xterm: XTerminal) {
    privateAccess(); // decide once whether xterm.js's own words can be trusted
    this.cell = xterm.buffer.active.getNullCell();
  }

  /** Choose row `y` of the visible screen (0 at the top); false when the terminal has no such line. */
  row(y: number, cols: number): boolean {
    const buffer = this.xterm.buffer.active;
    this.line = buffer.getLine(buffer.viewportY + y);
    this.words = this.line ? lineWords(this.line, cols) : undefined;
    return this.line !== undefined;
  }

  /** Load cell `x` of the chosen row into `content`, `fg` and `bg` (a blank cell when there is none); false when there is none. */
  load(x: number): boolean {
    const loaded = this.line?.getCell(x, this.cell);
    if (!loaded) {
      this.content = BLANK_CONTENT;
      this.fg = 0;
      this.bg = 0;
      return false;
    }
    if (!copyCellWords(this.cell, this)) copyWordsFromApi(this.cell, this);
    return true;
  }

  /** The grapheme of the loaded cell ('' for a blank or the right half of a wide character). */
  chars(): string {
    return this.cell.getChars();
  }

  /** Colours and attributes of the loaded cell. */
  style(): CellStyle {
    return { fg: colorOf('fg', this.cell), bg: colorOf('bg', this.cell), attrs: attrsOf(this.cell) };
  }
}
