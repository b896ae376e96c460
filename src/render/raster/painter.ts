/**
 * Draws cells from precomposited tiles: a tile is a glyph already blended
 * onto its background in its foreground colour, with its decorations (and,
 * for video, already converted to YUV), so drawing a cell is a handful of
 * row copies. Tiles are cached by glyph × decoration × colours; terminal
 * output reuses few combinations, so nearly every cell is a cache hit.
 */
import type { Glyph, GlyphAtlas } from '../font/atlas.js';
import { blend, pixelWord, type Framebuffer } from './framebuffer.js';
import type { Layout } from './layout.js';
import { tileToYuv, type YuvImage } from './yuv.js';

export const DECO_UNDERLINE = 1;
export const DECO_STRIKE = 2;
export const DECO_OVERLINE = 4;

/** Tiles kept before the cache is emptied (about 2 KB each at 1080p): bounds memory on colour-heavy output. */
const MAX_TILES = 30_000;

/** A typed-array view of a plane, in the widest word that cell rows allow (1, 2 or 4 bytes). */
type Words = Uint8Array | Uint16Array | Uint32Array;

interface Tile {
  rgba: Uint32Array;
  /** YUV planes of the tile (Y rows, U rows, V rows) as words; only when drawing YUV. */
  y?: Words;
  u?: Words;
  v?: Words;
}

function wordsOf(bytes: Uint8Array, unit: number): Words {
  if (unit === 4) return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  if (unit === 2) return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1);
  return bytes;
}

/** What the painter draws into: the RGBA frame (PNG frames, GIF) and/or the YUV frame (MP4, WebM). */
export interface PaintTargets {
  rgba?: Framebuffer;
  yuv?: YuvImage;
}

export class CellPainter {
  private readonly tiles = new Map<number, Map<number, Tile>>();
  private tileCount = 0;
  /** Word sizes for Y rows and for U/V rows, and the frame planes viewed in them. */
  private readonly yUnit: number;
  private readonly cUnit: number;
  private readonly planeY?: Words;
  private readonly planeU?: Words;
  private readonly planeV?: Words;
  /** Row copiers chosen once per layout, one per array type, so each loop stays monomorphic. */
  private readonly copyY: RowCopier;
  private readonly copyC: RowCopier;
  /** Tiles built (cache misses), for statistics. */
  composed = 0;

  constructor(
    private readonly layout: Layout,
    private readonly atlas: GlyphAtlas,
    private readonly targets: PaintTargets,
  ) {
    // Rows are copied in the widest word that divides a cell row (cells are even; grid x is a multiple of 8).
    const w = layout.metrics.cellWidth;
    this.yUnit = w % 4 === 0 ? 4 : 2;
    this.cUnit = (w / 2) % 4 === 0 ? 4 : (w / 2) % 2 === 0 ? 2 : 1;
    const yuv = targets.yuv;
    if (yuv && yuv.width % 8 !== 0) {
      // Widths not a multiple of 8 fall back to bytes so rows stay aligned.
      this.yUnit = 1;
      this.cUnit = 1;
    }
    this.copyY = COPIERS[this.yUnit]!;
    this.copyC = COPIERS[this.cUnit]!;
    if (yuv) {
      this.planeY = wordsOf(yuv.y, this.yUnit);
      this.planeU = wordsOf(yuv.u, this.cUnit);
      this.planeV = wordsOf(yuv.v, this.cUnit);
    }
  }

  /**
   * Paint the cell at (col, row) with a glyph (which may span 2 cells),
   * colours as 0xRRGGBB, and decoration bits.
   */
  paint(col: number, row: number, glyphId: number, fg: number, bg: number, deco: number): void {
    const glyph = this.atlas.get(glyphId);
    const tile = this.tile(glyphId, glyph, fg, bg, deco);
    const { cellWidth, cellHeight } = this.layout.metrics;
    const tileWidth = glyph.cells * cellWidth;
    // A wide glyph in the last column shows its left half only.
    const visible = Math.min(glyph.cells, this.layout.cols - col) * cellWidth;
    const px = this.layout.gridX + col * cellWidth;
    const py = this.layout.gridY + row * cellHeight;
    const fb = this.targets.rgba;
    if (fb) {
      const out = fb.pixels;
      const src = tile.rgba;
      // Plain word loops: a subarray per row would allocate tens of thousands of views per frame.
      for (let y = 0, s = 0, d = py * fb.width + px; y < cellHeight; y++, s += tileWidth, d += fb.width) {
        for (let k = 0; k < visible; k++) out[d + k] = src[s + k]!;
      }
    }
    const yuv = this.targets.yuv;
    if (yuv && tile.y) {
      const { yUnit, cUnit } = this;
      this.copyY(this.planeY!, (py * yuv.width + px) / yUnit, yuv.width / yUnit, tile.y, tileWidth / yUnit, visible / yUnit, cellHeight);
      const cStride = yuv.width / 2 / cUnit;
      const cStart = ((py / 2) * (yuv.width / 2) + px / 2) / cUnit;
      this.copyC(this.planeU!, cStart, cStride, tile.u!, tileWidth / 2 / cUnit, visible / 2 / cUnit, cellHeight / 2);
      this.copyC(this.planeV!, cStart, cStride, tile.v!, tileWidth / 2 / cUnit, visible / 2 / cUnit, cellHeight / 2);
    }
  }

  /** Fill a pixel rectangle (grid-aligned, even) in every target, e.g. to clear after a resize. */
  fillRect(x: number, y: number, w: number, h: number, rgb: number): void {
    this.targets.rgba?.fillRect(x, y, w, h, rgb);
    const yuv = this.targets.yuv;
    if (!yuv) return;
    const one = new Uint32Array([pixelWord(rgb), pixelWord(rgb), pixelWord(rgb), pixelWord(rgb)]);
    const sample = tileToYuv(one, 2, 2);
    const x0 = Math.max(0, x);
    const y0 = Math.max(0, y);
    const x1 = Math.min(yuv.width, x + w);
    const y1 = Math.min(yuv.height, y + h);
    for (let yy = y0; yy < y1; yy++) yuv.y.fill(sample[0]!, yy * yuv.width + x0, yy * yuv.width + x1);
    for (let yy = y0 / 2; yy < y1 / 2; yy++) {
      yuv.u.fill(sample[4]!, yy * (yuv.width / 2) + x0 / 2, yy * (yuv.width / 2) + x1 / 2);
      yuv.v.fill(sample[5]!, yy * (yuv.width / 2) + x0 / 2, yy * (yuv.width / 2) + x1 / 2);
    }
  }

  private tile(glyphId: number, glyph: Glyph, fg: number, bg: number, deco: number): Tile {
    const key = glyphId * 8 + deco;
    let byColor = this.tiles.get(key);
    if (!byColor) {
      byColor = new Map();
      this.tiles.set(key, byColor);
    }
    // Both colours are 24-bit: the pair fits exactly in a double.
    const colorKey = fg * 0x1000000 + bg;
    let tile = byColor.get(colorKey);
    if (!tile) {
      if (this.tileCount >= MAX_TILES) {
        this.tiles.clear();
        this.tileCount = 0;
        byColor = new Map();
        this.tiles.set(key, byColor);
      }
      const rgba = this.compose(glyph, fg, bg, deco);
      const { cellWidth, cellHeight } = this.layout.metrics;
      tile = { rgba };
      if (this.targets.yuv) {
        const tw = glyph.cells * cellWidth;
        const yuv = tileToYuv(rgba, tw, cellHeight);
        const ySize = tw * cellHeight;
        const cSize = ySize / 4;
        tile.y = wordsOf(yuv.subarray(0, ySize), this.yUnit);
        tile.u = wordsOf(yuv.subarray(ySize, ySize + cSize), this.cUnit);
        tile.v = wordsOf(yuv.subarray(ySize + cSize), this.cUnit);
      }
      byColor.set(colorKey, tile);
      this.tileCount++;
      this.composed++;
    }
    return tile;
  }

  private compose(glyph: Glyph, fg: number, bg: number, deco: number): Uint32Array {
    const { cellWidth, cellHeight, underlineTop, underlineHeight, strikeTop, strikeHeight } = this.layout.metrics;
    const w = glyph.cells * cellWidth;
    const n = w * cellHeight;
    const tile = new Uint32Array(n);
    const out = new Uint8Array(tile.buffer);
    const fr = (fg >> 16) & 255;
    const fgG = (fg >> 8) & 255;
    const fb = fg & 255;
    const br = (bg >> 16) & 255;
    const bgG = (bg >> 8) & 255;
    const bb = bg & 255;
    tile.fill(pixelWord(bg));
    // Byte order in `out` is R, G, B, A (pixelWord guarantees it on either endianness).
    if (glyph.kind === 'mask') {
      const alpha = glyph.alpha;
      for (let i = 0, o = 0; i < n; i++, o += 4) {
        const a = alpha[i]!;
        if (a === 0) continue;
        out[o] = blend(br, fr, a);
        out[o + 1] = blend(bgG, fgG, a);
        out[o + 2] = blend(bb, fb, a);
      }
    } else if (glyph.kind === 'color') {
      const rgba = glyph.rgba;
      for (let o = 0; o < n * 4; o += 4) {
        const a = rgba[o + 3]!;
        if (a === 0) continue;
        out[o] = blend(br, rgba[o]!, a);
        out[o + 1] = blend(bgG, rgba[o + 1]!, a);
        out[o + 2] = blend(bb, rgba[o + 2]!, a);
      }
    }
    const fgWord = pixelWord(fg);
    const line = (top: number, height: number) => {
      for (let y = Math.max(0, top); y < Math.min(cellHeight, top + height); y++) tile.fill(fgWord, y * w, (y + 1) * w);
    };
    if (deco & DECO_UNDERLINE) line(underlineTop, underlineHeight);
    if (deco & DECO_STRIKE) line(strikeTop, strikeHeight);
    if (deco & DECO_OVERLINE) line(0, underlineHeight);
    return tile;
  }
}

type RowCopier = (dst: Words, dstStart: number, dstStride: number, src: Words, srcStride: number, count: number, rows: number) => void;

/*
 * Copy `rows` rows of `count` words from a tile (rows `srcStride` apart)
 * into a plane (rows `dstStride` apart). One function per word size: a copy
 * loop that sees two array types runs several times slower.
 */
function copyRows8(dst: Uint8Array, dstStart: number, dstStride: number, src: Uint8Array, srcStride: number, count: number, rows: number): void {
  for (let r = 0, d = dstStart, s = 0; r < rows; r++, d += dstStride, s += srcStride) {
    for (let k = 0; k < count; k++) dst[d + k] = src[s + k]!;
  }
}
function copyRows16(dst: Uint16Array, dstStart: number, dstStride: number, src: Uint16Array, srcStride: number, count: number, rows: number): void {
  for (let r = 0, d = dstStart, s = 0; r < rows; r++, d += dstStride, s += srcStride) {
    for (let k = 0; k < count; k++) dst[d + k] = src[s + k]!;
  }
}
function copyRows32(dst: Uint32Array, dstStart: number, dstStride: number, src: Uint32Array, srcStride: number, count: number, rows: number): void {
  for (let r = 0, d = dstStart, s = 0; r < rows; r++, d += dstStride, s += srcStride) {
    for (let k = 0; k < count; k++) dst[d + k] = src[s + k]!;
  }
}

const COPIERS: Record<number, RowCopier> = { 1: copyRows8 as RowCopier, 2: copyRows16 as RowCopier, 4: copyRows32 as RowCopier };
