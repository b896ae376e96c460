/**
 * Finds the cells that changed since the last drawn frame and repaints only
 * those. Each cell's three words (code point and width, foreground and
 * background with their attribute bits: the terminal module's CellReader)
 * are kept in typed arrays, so comparing a whole screen is a few thousand
 * integer compares; only changed cells are decoded into glyphs and colours.
 */
import {
  Attr,
  CONTENT_CODEPOINT_MASK,
  CONTENT_COMBINED_FLAG,
  CONTENT_WIDTH_SHIFT,
  resolveCellColors,
  type CellReader,
  type VirtualTerminal,
} from '../../terminal/index.js';
import { STYLE_BOLD, STYLE_ITALIC, type GlyphAtlas } from '../font/atlas.js';
import type { NamedScheme } from '../themes/index.js';
import { packRgb } from './framebuffer.js';
import type { Layout } from './layout.js';
import { DECO_OVERLINE, DECO_STRIKE, DECO_UNDERLINE, type CellPainter } from './painter.js';

const CODEPOINT_MASK = CONTENT_CODEPOINT_MASK;
const COMBINED_FLAG = CONTENT_COMBINED_FLAG;
const WIDTH_SHIFT = CONTENT_WIDTH_SHIFT;

/** How a cell is drawn, apart from its character. */
interface CellLook {
  fg: number;
  bg: number;
  /** STYLE_BOLD | STYLE_ITALIC */
  style: number;
  deco: number;
  invisible: boolean;
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
  private readonly cell: CellReader;
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
    this.cell = terminal.cellReader();
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
    const cell = this.cell;
    const cols = this.cols;
    // The terminal's own DECTCEM state, so frames and snapshots agree on the cursor.
    const cursor = term.visibleCursor();
    const cursorIndex = cursor && cursor.y < this.rows ? cursor.y * cols + Math.min(cursor.x, cols - 1) : -1;
    const cursorMoved = cursorIndex !== this.cursorIndex;
    const dirty = this.dirty;
    dirty.length = 0;
    for (let y = 0; y < this.rows; y++) {
      const hasLine = cell.row(y, cols);
      const raw = cell.words;
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
        } else {
          loaded = cell.load(x);
          ({ content, fg, bg } = cell);
        }
        let changed = content !== this.content[i] || fg !== this.fgWord[i] || bg !== this.bgWord[i];
        if (content & COMBINED_FLAG) {
          if (!loaded) loaded = cell.load(x);
          const chars = cell.chars();
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
        if (!hasLine) continue;
        if ((content >>> WIDTH_SHIFT) & 3 || x === 0) {
          if (!loaded) cell.load(x);
          this.decode(i, x, y, content, fg, bg, cursorIndex);
        } else if (cell.load(x - 1)) {
          // A changed right half (e.g. the cursor left it): repaint the wide character it belongs to.
          this.decode(i - 1, x - 1, y, cell.content, cell.fg, cell.bg, cursorIndex);
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
          ? this.atlas.idForString(this.cell.chars(), look.style, cells)
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
      const { fg: fgRef, bg: bgRef, attrs } = this.cell.style();
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
