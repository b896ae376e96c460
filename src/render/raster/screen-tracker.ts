/**
 * Finds the cells that changed since the last drawn frame and repaints only
 * those. Each cell's raw state (code point and width, foreground and
 * background words with their attribute bits, as xterm.js stores them) is
 * kept in typed arrays, so comparing a whole screen is a few thousand
 * integer compares; only changed cells are decoded into glyphs and colours.
 */
import type { IBufferCell, IBufferLine } from '@xterm/headless';
import { Attr, RGB_FLAG, resolveCellColors, type VirtualTerminal } from '../../terminal/index.js';
import { STYLE_BOLD, STYLE_ITALIC, type GlyphAtlas } from '../font/atlas.js';
import type { NamedScheme } from '../themes/index.js';
import { packRgb } from './framebuffer.js';
import type { Layout } from './layout.js';
import { DECO_OVERLINE, DECO_STRIKE, DECO_UNDERLINE, type CellPainter } from './painter.js';

/** xterm.js packs a cell's code point, "combined" flag and width into one word. */
const CODEPOINT_MASK = 0x1fffff;
const COMBINED_FLAG = 0x200000;
const WIDTH_SHIFT = 22;

/** How a cell is drawn, apart from its character. */
interface CellLook {
  fg: number;
  bg: number;
  /** STYLE_BOLD | STYLE_ITALIC */
  style: number;
  deco: number;
  invisible: boolean;
}

/** The raw words xterm.js keeps per cell (its CellData); read when present, else decoded via the API. */
interface RawCell extends IBufferCell {
  content?: number;
  fg?: number;
  bg?: number;
}

export class ScreenTracker {
  private cols = 0;
  private rows = 0;
  private content = new Float64Array(0);
  private fgWord = new Float64Array(0);
  private bgWord = new Float64Array(0);
  private combined: Array<string | undefined> = [];
  private cursorIndex = -1;
  private readonly looks = new Map<number, Map<number, CellLook>>();
  private readonly cell: RawCell;
  private readonly dirty: number[] = [];
  private readonly paintArgs: number[] = [];
  private readonly cursorFg: number;
  private readonly cursorBg: number;

  constructor(
    private readonly terminal: VirtualTerminal,
    private readonly scheme: NamedScheme,
    private readonly atlas: GlyphAtlas,
    private readonly painter: CellPainter,
    private readonly layout: Layout,
  ) {
    this.cell = terminal.xterm.buffer.active.getNullCell() as RawCell;
    this.cursorFg = packRgb(scheme.cursorAccent ?? scheme.background);
    this.cursorBg = packRgb(scheme.cursor);
  }

  /**
   * Repaint every cell that differs from the last call. Returns the number
   * of cells repainted (the first call, and the first after a resize,
   * repaint all).
   */
  async update(): Promise<number> {
    const term = this.terminal;
    if (term.cols !== this.cols || term.rows !== this.rows) this.reset(term.cols, term.rows);
    const buffer = term.xterm.buffer.active;
    const cell = this.cell;
    const cols = this.cols;
    const atBottom = buffer.viewportY === buffer.baseY;
    // The terminal's own DECTCEM state, so frames and snapshots agree on the cursor.
    const cursorIndex =
      term.cursorVisible && atBottom && buffer.cursorY < this.rows ? buffer.cursorY * cols + Math.min(buffer.cursorX, cols - 1) : -1;
    const cursorMoved = cursorIndex !== this.cursorIndex;
    const dirty = this.dirty;
    dirty.length = 0;
    for (let y = 0; y < this.rows; y++) {
      const line = buffer.getLine(buffer.viewportY + y);
      const raw = line ? rawWords(line, cols) : undefined;
      for (let x = 0; x < cols; x++) {
        const i = y * cols + x;
        let content: number;
        let fg: number;
        let bg: number;
        let loaded = false;
        if (raw) {
          content = raw[x * 3]!;
          fg = raw[x * 3 + 1]!;
          bg = raw[x * 3 + 2]!;
        } else if (line && line.getCell(x, cell)) {
          loaded = true;
          ({ content, fg, bg } = cell.content !== undefined ? { content: cell.content, fg: cell.fg!, bg: cell.bg! } : decodeViaApi(cell));
        } else {
          content = 1 << WIDTH_SHIFT;
          fg = 0;
          bg = 0;
        }
        let changed = content !== this.content[i] || fg !== this.fgWord[i] || bg !== this.bgWord[i];
        if (content & COMBINED_FLAG) {
          if (!loaded) loaded = !!line?.getCell(x, cell);
          const chars = cell.getChars();
          if (chars !== this.combined[i]) changed = true;
          this.combined[i] = chars;
        } else if (changed) {
          this.combined[i] = undefined;
        }
        if (!changed && cursorMoved && (i === cursorIndex || i === this.cursorIndex)) changed = true;
        if (!changed) continue;
        this.content[i] = content;
        this.fgWord[i] = fg;
        this.bgWord[i] = bg;
        dirty.push(i);
        if (!line) continue;
        if ((content >>> WIDTH_SHIFT) & 3 || x === 0) {
          if (!loaded) line.getCell(x, cell);
          this.decode(i, x, y, content, fg, bg, cursorIndex);
        } else if (line.getCell(x - 1, cell)) {
          // A changed right half (e.g. the cursor left it): repaint the wide character it belongs to.
          const left = cell.content !== undefined ? { content: cell.content, fg: cell.fg!, bg: cell.bg! } : decodeViaApi(cell);
          this.decode(i - 1, x - 1, y, left.content, left.fg, left.bg, cursorIndex);
        }
      }
    }
    this.cursorIndex = cursorIndex;
    if (this.atlas.hasPending) await this.atlas.flush();
    const args = this.paintArgs;
    for (let k = 0; k < args.length; k += 6) this.painter.paint(args[k]!, args[k + 1]!, args[k + 2]!, args[k + 3]!, args[k + 4]!, args[k + 5]!);
    args.length = 0;
    return dirty.length;
  }

  /** Turn the cell just loaded into a paint call (deferred until emoji are ready). */
  private decode(i: number, x: number, y: number, content: number, fgWord: number, bgWord: number, cursorIndex: number): void {
    const width = (content >>> WIDTH_SHIFT) & 3;
    // The right half of a wide character is drawn with its left half.
    if (width === 0) return;
    const look = this.styleOf(fgWord, bgWord);
    const cells = width === 2 ? 2 : 1;
    let glyph = cells - 1;
    if (!look.invisible) {
      glyph =
        content & COMBINED_FLAG
          ? this.atlas.idForString(this.cell.getChars(), look.style, cells)
          : this.atlas.idForCodePoint(content & CODEPOINT_MASK, look.style, cells);
    }
    const cursor = i === cursorIndex;
    this.paintArgs.push(x, y, glyph, cursor ? this.cursorFg : look.fg, cursor ? this.cursorBg : look.bg, look.deco);
  }

  /**
   * Colours, face and decorations of a cell, from its two attribute words
   * (colours and every SGR flag live there), cached per pair: programs use
   * few combinations, so the attribute methods run once per combination.
   * Colours come from the function the inspector uses, so what is measured
   * is what is drawn.
   */
  private styleOf(fgWord: number, bgWord: number): CellLook {
    let byBg = this.looks.get(fgWord);
    if (!byBg) {
      if (this.looks.size > 4096) this.looks.clear();
      byBg = new Map();
      this.looks.set(fgWord, byBg);
    }
    let look = byBg.get(bgWord);
    if (!look) {
      const c = this.cell;
      let attrs = 0;
      if (c.isBold()) attrs |= Attr.bold;
      if (c.isItalic()) attrs |= Attr.italic;
      if (c.isDim()) attrs |= Attr.dim;
      if (c.isUnderline()) attrs |= Attr.underline;
      if (c.isInverse()) attrs |= Attr.inverse;
      if (c.isInvisible()) attrs |= Attr.invisible;
      if (c.isStrikethrough()) attrs |= Attr.strikethrough;
      if (c.isOverline()) attrs |= Attr.overline;
      const fgRef = c.isFgDefault() ? -1 : c.isFgRGB() ? RGB_FLAG | c.getFgColor() : c.getFgColor();
      const bgRef = c.isBgDefault() ? -1 : c.isBgRGB() ? RGB_FLAG | c.getBgColor() : c.getBgColor();
      const { fg, bg } = resolveCellColors({ fg: fgRef, bg: bgRef, attrs }, this.scheme);
      look = {
        fg: packRgb(fg),
        bg: packRgb(bg),
        style: (attrs & Attr.bold ? STYLE_BOLD : 0) | (attrs & Attr.italic ? STYLE_ITALIC : 0),
        deco: (attrs & Attr.underline ? DECO_UNDERLINE : 0) | (attrs & Attr.strikethrough ? DECO_STRIKE : 0) | (attrs & Attr.overline ? DECO_OVERLINE : 0),
        invisible: (attrs & Attr.invisible) !== 0,
      };
      byBg.set(bgWord, look);
    }
    return look;
  }

  /** New size: forget every cell so all are repainted, and clear the old grid area. */
  private reset(cols: number, rows: number): void {
    const { cellWidth, cellHeight } = this.layout.metrics;
    // Clear what the previous, possibly larger, grid covered.
    this.painter.fillRect(this.layout.gridX, this.layout.gridY, Math.max(this.cols, cols) * cellWidth, Math.max(this.rows, rows) * cellHeight, packRgb(this.scheme.background));
    this.cols = Math.min(cols, this.layout.cols);
    this.rows = Math.min(rows, this.layout.rows);
    const n = this.cols * this.rows;
    this.content = new Float64Array(n).fill(-1);
    this.fgWord = new Float64Array(n).fill(-1);
    this.bgWord = new Float64Array(n).fill(-1);
    this.combined = new Array(n).fill(undefined);
    this.cursorIndex = -1;
  }
}

/**
 * xterm.js keeps each line as a Uint32Array of three words per cell
 * (content, fg, bg). Reading it directly makes the whole-screen compare a
 * tight loop; if a future xterm hides it, the public API is used instead.
 */
function rawWords(line: IBufferLine, cols: number): Uint32Array | undefined {
  const data = (line as unknown as { _line?: { _data?: unknown } })._line?._data;
  return data instanceof Uint32Array && data.length >= cols * 3 ? data : undefined;
}

/** When xterm's raw words are not exposed, build equivalent keys from the public API. */
function decodeViaApi(c: IBufferCell): { content: number; fg: number; bg: number } {
  const cp = c.getCode();
  const combined = [...c.getChars()].length > 1;
  const content = (cp & CODEPOINT_MASK) | (combined ? COMBINED_FLAG : 0) | (c.getWidth() << WIDTH_SHIFT);
  const attrBits =
    (c.isBold() ? 1 : 0) | (c.isItalic() ? 2 : 0) | (c.isDim() ? 4 : 0) | (c.isUnderline() ? 8 : 0) | (c.isInverse() ? 16 : 0) |
    (c.isInvisible() ? 32 : 0) | (c.isStrikethrough() ? 64 : 0) | (c.isOverline() ? 128 : 0);
  const fg = (c.isFgDefault() ? 0 : c.isFgRGB() ? 2 : 1) * 2 ** 40 + c.getFgColor() * 256 + attrBits;
  const bg = (c.isBgDefault() ? 0 : c.isBgRGB() ? 2 : 1) * 2 ** 40 + c.getBgColor();
  return { content, fg, bg };
}
