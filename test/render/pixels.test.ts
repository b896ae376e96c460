/**
 * Pixel checks at named cells of rendered frames (RGBA, straight from the
 * rasteriser). Colours are compared with the VHS default theme.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { renderCast, type RenderOptions } from '../../src/render/index.js';
import { DEFAULT_SCHEME } from '../../src/terminal/index.js';
import { CaptureSink, cellPixels, near, same, tempDir, writeCast, type RGB } from './helpers.js';

const BG = DEFAULT_SCHEME.background as unknown as RGB;
const FG = DEFAULT_SCHEME.foreground as unknown as RGB;
const RED = DEFAULT_SCHEME.ansi[1] as unknown as RGB;

async function render(output: string, options: RenderOptions = {}, size: { width?: number; height?: number } = { width: 20, height: 5 }) {
  const cast = await writeCast([[0, output]], size);
  const sink = new CaptureSink();
  const result = await renderCast(cast, { sink, width: 640, height: 360, manifestPath: join(await tempDir(), 'video.json'), ...options });
  return { frame: sink.last, m: result.manifest };
}

const flat = (cell: RGB[][]) => cell.flat();

test('a red SGR cell’s glyph pixels are red within tolerance', async () => {
  const { frame, m } = await render('\x1b[31mM\x1b[0m\x1b[?25l');
  const pixels = flat(cellPixels(frame, m, 0, 0));
  // Every pixel of an anti-aliased glyph is a blend of background and foreground:
  // it lies on the line from BG to RED. Tolerance 2 per channel covers the
  // integer rounding of the blend (each channel is rounded on its own).
  const onLine = (p: RGB) => {
    const t = Math.max(0, Math.min(1, (p[0] - BG[0]) / (RED[0] - BG[0])));
    return near(p, [BG[0] + t * (RED[0] - BG[0]), BG[1] + t * (RED[1] - BG[1]), BG[2] + t * (RED[2] - BG[2])], 2);
  };
  assert.ok(pixels.every(onLine), 'a pixel in the red cell is not a mix of red and the background');
  // The stems of an M are wider than a pixel, so some pixels are fully covered: exactly the theme's red.
  assert.ok(pixels.some((p) => same(p, RED)), 'no pixel of the glyph is the theme red');
  // The cell next to it is untouched background (the cursor is hidden).
  assert.ok(flat(cellPixels(frame, m, 1, 0)).every((p) => same(p, BG)), 'the next cell is not background');
});

test('a truecolor foreground and background are drawn exactly', async () => {
  const { frame, m } = await render('\x1b[38;2;255;0;0;48;2;0;0;255mX\x1b[0m');
  const pixels = flat(cellPixels(frame, m, 0, 0));
  assert.ok(pixels.some((p) => same(p, [255, 0, 0])));
  assert.ok(pixels.some((p) => same(p, [0, 0, 255])));
  // Corners of the cell are background: the X does not reach them.
  assert.ok(same(cellPixels(frame, m, 0, 0)[0]![0]!, [0, 0, 255]));
});

test('a box corner ┌ meets its ─ and │ lines with no gap across cell boundaries', async () => {
  const { frame, m } = await render('┌─\r\n│');
  const corner = cellPixels(frame, m, 0, 0);
  const right = cellPixels(frame, m, 1, 0);
  const below = cellPixels(frame, m, 0, 1);
  const W = m.cellWidth;
  const H = m.cellHeight;
  // Rows where the corner's horizontal stroke leaves the cell on the right…
  const strokeRows = corner.map((row, y) => (same(row[W - 1]!, FG) ? y : -1)).filter((y) => y >= 0);
  assert.ok(strokeRows.length >= 1, 'the corner has no horizontal stroke at its right edge');
  for (const y of strokeRows) {
    // …are exactly the rows where ─ enters on the left, and ─ runs the full width.
    assert.ok(same(right[y]![0]!, FG), `row ${y}: ─ does not start where ┌ ends`);
    assert.ok(right[y]!.every((p) => same(p, FG)), `row ${y}: ─ has a gap`);
  }
  assert.deepEqual(right.map((row, y) => (same(row[0]!, FG) ? y : -1)).filter((y) => y >= 0), strokeRows);
  // Columns where the corner's vertical stroke leaves the bottom are where │ enters the top, and │ runs the full height.
  const strokeCols = corner[H - 1]!.map((p, x) => (same(p, FG) ? x : -1)).filter((x) => x >= 0);
  assert.ok(strokeCols.length >= 1, 'the corner has no vertical stroke at its bottom edge');
  for (const x of strokeCols) {
    assert.ok(below.every((row) => same(row[x]!, FG)), `column ${x}: │ has a gap`);
  }
  assert.deepEqual(below[0]!.map((p, x) => (same(p, FG) ? x : -1)).filter((x) => x >= 0), strokeCols);
  // The two strokes meet inside the corner cell: their crossing pixel is drawn.
  assert.ok(same(corner[strokeRows[0]!]![strokeCols[0]!]!, FG));
  // And the corner draws nothing above or left of the crossing.
  assert.ok(same(corner[0]![0]!, BG));
});

test('double and heavy lines also continue into the next cell', async () => {
  const { frame, m } = await render('╔═\r\n┏━');
  for (const row of [0, 1]) {
    const a = cellPixels(frame, m, 0, row);
    const b = cellPixels(frame, m, 1, row);
    const rowsA = a.map((r, y) => (same(r[m.cellWidth - 1]!, FG) ? y : -1)).filter((y) => y >= 0);
    const rowsB = b.map((r, y) => (same(r[0]!, FG) ? y : -1)).filter((y) => y >= 0);
    assert.ok(rowsA.length >= (row === 0 ? 2 : 1));
    assert.deepEqual(rowsA, rowsB);
  }
});

test('a full block █ fills its cell edge to edge', async () => {
  const { frame, m } = await render('\x1b[32m█\x1b[0m\x1b[?25l');
  const green = DEFAULT_SCHEME.ansi[2] as unknown as RGB;
  assert.ok(flat(cellPixels(frame, m, 0, 0)).every((p) => same(p, green)), 'the block does not fill its cell');
  assert.ok(flat(cellPixels(frame, m, 1, 0)).every((p) => same(p, BG)), 'the block spills into the next cell');
});

test('half blocks split the cell and shades are uniform', async () => {
  const { frame, m } = await render('▀▒');
  const upper = cellPixels(frame, m, 0, 0);
  assert.ok(upper.slice(0, m.cellHeight / 2).flat().every((p) => same(p, FG)));
  assert.ok(upper.slice(m.cellHeight / 2).flat().every((p) => same(p, BG)));
  const shade = flat(cellPixels(frame, m, 1, 0));
  assert.ok(shade.every((p) => same(p, shade[0]!)) && !same(shade[0]!, BG) && !same(shade[0]!, FG));
});

test('a wide emoji takes two cells, in colour, and the next character starts after it', async () => {
  const { frame, m } = await render('😀x');
  const emoji = cellPixels(frame, m, 0, 0, 2);
  const W = m.cellWidth;
  const coloured = (p: RGB) => Math.max(...p) - Math.min(...p) > 80;
  assert.ok(emoji.some((row) => row.slice(0, W).some(coloured)), 'left half has no colour');
  assert.ok(emoji.some((row) => row.slice(W).some(coloured)), 'right half has no colour');
  // Twemoji's grinning face is yellow.
  assert.ok(emoji.flat().some((p) => p[0] > 200 && p[1] > 150 && p[2] < 120));
  const x = flat(cellPixels(frame, m, 2, 0));
  assert.ok(x.some((p) => same(p, FG)), 'x is not in the third cell');
  assert.ok(!x.some(coloured));
});

test('the cursor is a block in the cursor colour, and hidden when the program hides it', async () => {
  const shown = await render('ab');
  assert.ok(flat(cellPixels(shown.frame, shown.m, 2, 0)).every((p) => same(p, DEFAULT_SCHEME.cursor as unknown as RGB)));
  const hidden = await render('ab\x1b[?25l');
  assert.ok(flat(cellPixels(hidden.frame, hidden.m, 2, 0)).every((p) => same(p, BG)));
});

test('inverse swaps colours, invisible hides text, underline and strikethrough draw lines', async () => {
  const { frame, m } = await render('\x1b[7m \x1b[0m\x1b[8mX\x1b[0m\x1b[4m \x1b[0m\x1b[9m \x1b[0m');
  assert.ok(flat(cellPixels(frame, m, 0, 0)).every((p) => same(p, FG)));
  assert.ok(flat(cellPixels(frame, m, 1, 0)).every((p) => same(p, BG)));
  const underline = cellPixels(frame, m, 2, 0);
  const underRows = underline.map((r, y) => (r.every((p) => same(p, FG)) ? y : -1)).filter((y) => y >= 0);
  assert.ok(underRows.length >= 1 && underRows[0]! > m.cellHeight / 2, 'no underline in the lower half');
  const strike = cellPixels(frame, m, 3, 0);
  const strikeRows = strike.map((r, y) => (r.every((p) => same(p, FG)) ? y : -1)).filter((y) => y >= 0);
  assert.ok(strikeRows.length >= 1 && strikeRows[0]! < underRows[0]!, 'no strikethrough above the underline');
});

test('bold text uses the bold face and the bright colour; faint text is dimmed toward the background', async () => {
  const { frame, m } = await render('\x1b[1;31mM\x1b[0m\x1b[2mM\x1b[0mM');
  const brightRed = DEFAULT_SCHEME.ansi[9] as unknown as RGB;
  assert.ok(flat(cellPixels(frame, m, 0, 0)).some((p) => same(p, brightRed)));
  const faint = flat(cellPixels(frame, m, 1, 0));
  const normal = flat(cellPixels(frame, m, 2, 0));
  const brightest = (ps: RGB[]) => Math.max(...ps.map((p) => p[0]));
  assert.ok(brightest(faint) < brightest(normal));
  // The bold M covers more pixels than the regular one.
  const ink = (ps: RGB[]) => ps.filter((p) => !same(p, BG)).length;
  assert.ok(ink(flat(cellPixels(frame, m, 0, 0))) > ink(normal));
});

test('braille dots are drawn as separate dots in their 2×4 grid', async () => {
  const { frame, m } = await render('\u28ff\u2801');
  const full = cellPixels(frame, m, 0, 0);
  const one = cellPixels(frame, m, 1, 0);
  const ink = (c: RGB[][]) => c.flat().filter((p) => !same(p, BG)).length;
  // Eight dots against one: about eight times the ink.
  assert.ok(ink(full) > 6 * ink(one) && ink(one) > 0);
  // Dot 1 is top-left: the single dot's ink is in the upper-left quarter.
  const inQuarter = one.slice(0, m.cellHeight / 4).flatMap((r) => r.slice(0, m.cellWidth / 2)).filter((p) => !same(p, BG)).length;
  assert.equal(inQuarter, ink(one));
});

test('a character no font has is drawn as a visible box, not left blank', async () => {
  const { frame, m } = await render('\u{10FFFD}');
  assert.ok(flat(cellPixels(frame, m, 0, 0)).some((p) => !same(p, BG)));
});

test('the terminal is centred in the frame and scaled to fill it', async () => {
  const { m } = await render('x', { width: 1920, height: 1080 }, { width: 120, height: 36 });
  assert.ok(m.cellWidth * 120 <= 1920 - 80 && m.cellHeight * 36 <= 1080 - 80);
  // Nearly all the height is used: one more pixel row per cell would not fit.
  assert.ok((m.cellHeight + 2) * 36 > 1080 - 80);
  const left = m.gridX;
  const right = 1920 - (m.gridX + m.cellWidth * 120);
  assert.ok(Math.abs(left - right) <= 8);
});
