/**
 * The glyph atlas: every distinct grapheme × style × width is drawn once, as
 * an 8-bit coverage mask (text, shapes) or RGBA (colour emoji), and
 * referred to afterwards by a small integer id.
 */
import { drawBlockElement, drawBraille, isBlockElement, isBraille } from './block-elements.js';
import { drawBoxDrawing, isBoxDrawing, strokeGeometry, type StrokeGeometry } from './box-drawing.js';
import { rasterizeEmoji, twemojiPath, wantsEmojiPresentation } from './emoji.js';
import { fallbackFontFor, faceMetrics, mainFace, STYLE_BOLD, STYLE_ITALIC, type Font } from './fonts.js';
import { Mask } from './mask.js';
import { Coverage, makeToneCurve, type PathCommand } from './rasterize.js';

/** Pixel geometry of one terminal cell at a font size. */
export interface CellMetrics {
  fontSize: number;
  cellWidth: number;
  cellHeight: number;
  /** Baseline, in pixels from the top of the cell. */
  baseline: number;
  underlineTop: number;
  underlineHeight: number;
  strikeTop: number;
  strikeHeight: number;
}

/**
 * Cell size for a font size: the advance of the monospace face and its
 * ascender+descender (what a browser calls line-height "normal", as
 * xterm.js measures it), times `lineHeight`, rounded to an even number of
 * pixels so every cell sits on the pixel grid and on the 2×2 chroma grid
 * of 4:2:0 video (a cell's colours then never bleed into its neighbours).
 */
export function cellMetrics(fontSize: number, lineHeight = 1): CellMetrics {
  const m = faceMetrics();
  const scale = fontSize / m.unitsPerEm;
  const natural = (m.ascender - m.descender) * scale;
  const even = (v: number) => Math.max(2, 2 * Math.round(v / 2));
  const cellHeight = even(natural * lineHeight);
  const cellWidth = even(m.advance * scale);
  const baseline = Math.round((cellHeight - natural) / 2 + m.ascender * scale);
  const underlineHeight = Math.max(1, Math.round(m.underlineThickness * scale));
  const strikeHeight = Math.max(1, Math.round(m.strikeSize * scale));
  return {
    fontSize,
    cellWidth,
    cellHeight,
    baseline,
    underlineTop: Math.min(cellHeight - underlineHeight, Math.round(baseline - m.underlinePosition * scale - underlineHeight / 2)),
    underlineHeight,
    strikeTop: Math.round(baseline - m.strikePosition * scale - strikeHeight / 2),
    strikeHeight,
  };
}

export type Glyph =
  | { kind: 'blank'; cells: 1 | 2 }
  | { kind: 'mask'; cells: 1 | 2; alpha: Uint8Array }
  | { kind: 'color'; cells: 1 | 2; rgba: Uint8Array };

const BLANK_1: Glyph = { kind: 'blank', cells: 1 };
const BLANK_2: Glyph = { kind: 'blank', cells: 2 };

/** Drops a little grey from anti-aliased edges so small text stays sharp after video encoding. */
const TONE = makeToneCurve(1.15);

export class GlyphAtlas {
  private readonly glyphs: Glyph[] = [BLANK_1, BLANK_2];
  private readonly byCodePoint = new Map<number, number>();
  private readonly byString = new Map<string, number>();
  private readonly pending: Array<Promise<void>> = [];
  private readonly strokes: StrokeGeometry;

  constructor(readonly metrics: CellMetrics) {
    this.strokes = strokeGeometry(metrics.fontSize);
  }

  /** Glyph count, for statistics. */
  get size(): number {
    return this.glyphs.length;
  }

  get(id: number): Glyph {
    return this.glyphs[id]!;
  }

  /** True while colour emoji are being rasterised; `await flush()` before drawing. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  async flush(): Promise<void> {
    while (this.pending.length) await Promise.all(this.pending.splice(0));
  }

  /** The id for a single code point (the common case, looked up without building a string). */
  idForCodePoint(cp: number, style: number, cells: 1 | 2): number {
    if (cp === 0x20 || cp === 0) return cells - 1;
    const key = cp * 8 + (style & 3) * 2 + (cells - 1);
    let id = this.byCodePoint.get(key);
    if (id === undefined) {
      id = this.create(String.fromCodePoint(cp), style, cells);
      this.byCodePoint.set(key, id);
    }
    return id;
  }

  /** The id for a grapheme of several code points (combining marks, emoji sequences). */
  idForString(chars: string, style: number, cells: 1 | 2): number {
    if (chars === '' || chars === ' ') return cells - 1;
    const key = `${style & 3}${cells}${chars}`;
    let id = this.byString.get(key);
    if (id === undefined) {
      id = this.create(chars, style, cells);
      this.byString.set(key, id);
    }
    return id;
  }

  private add(glyph: Glyph): number {
    this.glyphs.push(glyph);
    return this.glyphs.length - 1;
  }

  private create(chars: string, style: number, cells: 1 | 2): number {
    const { cellWidth, cellHeight } = this.metrics;
    const width = cellWidth * cells;
    const cp = chars.codePointAt(0)!;
    if (chars.length <= 2 && [...chars].length === 1) {
      if (isBoxDrawing(cp)) return this.addMask(drawBoxDrawing(cp, width, cellHeight, this.strokes), cells);
      if (isBlockElement(cp)) return this.addMask(drawBlockElement(cp, width, cellHeight), cells);
      if (isBraille(cp)) return this.addMask(drawBraille(cp, width, cellHeight), cells);
    }
    const emoji = twemojiPath(chars);
    if (emoji && (wantsEmojiPresentation(chars) || cells === 2)) return this.addEmoji(emoji, cells);
    const text = this.drawText(chars, style, width);
    if (text) return this.addMask(text, cells);
    if (emoji) return this.addEmoji(emoji, cells);
    return this.addMask(replacementBox(width, cellHeight), cells);
  }

  private addMask(mask: Mask, cells: 1 | 2): number {
    return this.add({ kind: 'mask', cells, alpha: mask.data });
  }

  private addEmoji(path: string, cells: 1 | 2): number {
    const { cellWidth, cellHeight } = this.metrics;
    const glyph: Glyph = { kind: 'color', cells, rgba: new Uint8Array(cellWidth * cells * cellHeight * 4) };
    const id = this.add(glyph);
    this.pending.push(
      rasterizeEmoji(path, cellWidth * cells, cellHeight).then((rgba) => {
        glyph.rgba = rgba;
      }),
    );
    return id;
  }

  /**
   * Text from the main face (or a fallback font for code points it lacks),
   * code points laid side by side by advance so combining marks land on
   * their base. Returns undefined when no font has the base character.
   */
  private drawText(chars: string, style: number, width: number): Mask | undefined {
    const { fontSize, cellHeight, baseline } = this.metrics;
    const parts: Array<{ font: Font; ch: string }> = [];
    for (const ch of chars) {
      const cp = ch.codePointAt(0)!;
      // Variation selectors and joiners choose a presentation; they draw nothing.
      if ((cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0x200d) continue;
      const face = mainFace(style);
      let font: Font | undefined = face.charToGlyphIndex(ch) > 0 ? face : undefined;
      if (!font && style && mainFace(0).charToGlyphIndex(ch) > 0) font = mainFace(0);
      font ??= fallbackFontFor(cp);
      if (!font) {
        if (parts.length === 0) return undefined;
        continue;
      }
      parts.push({ font, ch });
    }
    if (parts.length === 0) return undefined;
    let advance = 0;
    for (const p of parts) advance += (p.font.charToGlyph(p.ch).advanceWidth ?? 0) * (fontSize / p.font.unitsPerEm);
    // A fallback glyph wider than its cells is shrunk to fit rather than clipped.
    const shrink = advance > width ? width / advance : 1;
    const margin = this.metrics.cellWidth;
    const cov = new Coverage(width + 2 * margin, cellHeight);
    let x = margin + (width - advance * shrink) / 2;
    for (const p of parts) {
      const size = fontSize * shrink;
      const glyph = p.font.charToGlyph(p.ch);
      cov.path(glyph.getPath(x, baseline, size).commands as PathCommand[]);
      x += (glyph.advanceWidth ?? 0) * (size / p.font.unitsPerEm);
    }
    const full = cov.toAlpha(TONE);
    const mask = new Mask(width, cellHeight);
    for (let y = 0; y < cellHeight; y++) {
      mask.data.set(full.subarray(y * cov.width + margin, y * cov.width + margin + width), y * width);
    }
    return mask;
  }
}

/** The visible box drawn for a character no font has. */
function replacementBox(width: number, height: number): Mask {
  const m = new Mask(width, height);
  const inset = Math.max(1, Math.round(width / 8));
  const top = Math.round(height * 0.15);
  const bottom = Math.round(height * 0.85);
  m.fill(inset, top, width - inset, top + 1);
  m.fill(inset, bottom - 1, width - inset, bottom);
  m.fill(inset, top, inset + 1, bottom);
  m.fill(width - inset - 1, top, width - inset, bottom);
  return m;
}

export { STYLE_BOLD, STYLE_ITALIC };
