/**
 * Everything around the cells, drawn once: margin, the window (optionally
 * with rounded corners), padding in the theme's background, and VHS-style
 * window bars (three coloured dots or rings, left or right).
 */
import type { RGB } from '../../terminal/colors.js';
import { Framebuffer, packRgb } from './framebuffer.js';
import type { Layout, WindowBarStyle } from './layout.js';

export interface ChromeStyle {
  background: RGB;
  marginFill: RGB;
  barColor: RGB;
  borderRadius: number;
  windowBar?: WindowBarStyle;
}

/** Coverage (0–255) of a disc of radius r centred at (cx, cy) over pixel (x, y), 4×4 supersampled. */
function discCoverage(x: number, y: number, cx: number, cy: number, r: number): number {
  let hits = 0;
  for (let j = 0; j < 4; j++) {
    for (let i = 0; i < 4; i++) {
      const dx = x + (i + 0.5) / 4 - cx;
      const dy = y + (j + 0.5) / 4 - cy;
      if (dx * dx + dy * dy <= r * r) hits++;
    }
  }
  return Math.round((hits * 255) / 16);
}

function drawDisc(fb: Framebuffer, cx: number, cy: number, r: number, rgb: number, clipBottom = Infinity): void {
  for (let y = Math.floor(cy - r); y < Math.min(clipBottom, Math.ceil(cy + r)); y++) {
    for (let x = Math.floor(cx - r); x < Math.ceil(cx + r); x++) fb.blendPixel(x, y, rgb, discCoverage(x, y, cx, cy, r));
  }
}

export function paintChrome(fb: Framebuffer, layout: Layout, style: ChromeStyle): void {
  const bg = packRgb(style.background);
  const w = layout.window;
  fb.fillRect(0, 0, fb.width, fb.height, packRgb(style.marginFill));
  const r = Math.min(style.borderRadius, Math.floor(Math.min(w.width, w.height) / 2));
  if (r > 0) {
    // Body without the corner squares, then the four quarter discs.
    fb.fillRect(w.x + r, w.y, w.width - 2 * r, w.height, bg);
    fb.fillRect(w.x, w.y + r, w.width, w.height - 2 * r, bg);
    for (const [cx, cy] of [
      [w.x + r, w.y + r],
      [w.x + w.width - r, w.y + r],
      [w.x + r, w.y + w.height - r],
      [w.x + w.width - r, w.y + w.height - r],
    ] as Array<[number, number]>) {
      drawDisc(fb, cx, cy, r, bg);
    }
  } else {
    fb.fillRect(w.x, w.y, w.width, w.height, bg);
  }
  if (layout.bar && style.windowBar) paintBar(fb, layout.bar, style, r);
}

/** VHS's proportions: dots of radius size/6 (rings size/5), centres one diameter plus size/6 apart. */
function paintBar(fb: Framebuffer, bar: NonNullable<Layout['bar']>, style: ChromeStyle, radius: number): void {
  const size = bar.height;
  const barRgb = packRgb(style.barColor);
  if (radius > 0) {
    // Only the top corners are rounded; the discs are clipped to the bar.
    fb.fillRect(bar.x + radius, bar.y, bar.width - 2 * radius, size, barRgb);
    fb.fillRect(bar.x, bar.y + radius, bar.width, Math.max(0, size - radius), barRgb);
    drawDisc(fb, bar.x + radius, bar.y + radius, radius, barRgb, bar.y + size);
    drawDisc(fb, bar.x + bar.width - radius, bar.y + radius, radius, barRgb, bar.y + size);
  } else {
    fb.fillRect(bar.x, bar.y, bar.width, size, barRgb);
  }
  const rings = style.windowBar === 'Rings' || style.windowBar === 'RingsRight';
  const right = style.windowBar === 'ColorfulRight' || style.windowBar === 'RingsRight';
  const rad = rings ? Math.floor(size / 5) : Math.floor(size / 6);
  const gap = Math.floor((size - 2 * rad) / 2);
  const space = 2 * rad + Math.floor(size / 6);
  const colors = rings ? [0x333333, 0x333333, 0x333333] : [0xff4f4d, 0xfebb00, 0x00cc1d];
  for (let i = 0; i < 3; i++) {
    const offset = gap + rad + i * space;
    const cx = right ? bar.x + bar.width - offset : bar.x + offset;
    const cy = bar.y + gap + rad;
    drawDisc(fb, cx, cy, rad, colors[i]!);
    if (rings) drawDisc(fb, cx, cy, (4 * rad) / 5, barRgb);
  }
}
