/**
 * An anti-aliased scanline rasteriser for glyph outlines: exact signed-area
 * coverage accumulated per pixel (the technique of font-rs / stb_truetype
 * v2). Pure arithmetic on typed arrays, so the same outline gives the same
 * bytes on every machine, with no dependency on a system rasteriser.
 */

/** One outline command in pixel space, y pointing down (opentype.js `Path.commands`). */
export type PathCommand =
  | { type: 'M'; x: number; y: number }
  | { type: 'L'; x: number; y: number }
  | { type: 'Q'; x1: number; y1: number; x: number; y: number }
  | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { type: 'Z' };

export class Coverage {
  readonly acc: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    // Two spare cells: a segment ending at the right edge writes one past its row.
    this.acc = new Float32Array(width * height + 2);
  }

  line(x0: number, y0: number, x1: number, y1: number): void {
    if (y0 === y1) return;
    const w = this.width;
    const acc = this.acc;
    let dir = 1;
    if (y0 > y1) {
      dir = -1;
      [x0, y0, x1, y1] = [x1, y1, x0, y0];
    }
    const dxdy = (x1 - x0) / (y1 - y0);
    let x = x0;
    if (y0 < 0) {
      x -= y0 * dxdy;
      y0 = 0;
    }
    const yEnd = Math.min(y1, this.height);
    for (let y = Math.floor(y0); y < yEnd; y++) {
      const rowStart = y * w;
      const dy = Math.min(y + 1, yEnd) - Math.max(y, y0);
      const xNext = x + dxdy * dy;
      const d = dy * dir;
      let xa = x < xNext ? x : xNext;
      let xb = x < xNext ? xNext : x;
      // Outlines are clipped to the canvas horizontally by clamping (callers add a margin).
      // So every index below is in range: y < height, xa and xb in [0, w), and the two
      // spare cells take the write one past the row's end (hence the `!`s: a hot loop).
      xa = Math.min(Math.max(xa, 0), w - 1e-6);
      xb = Math.min(Math.max(xb, 0), w - 1e-6);
      const xaFloor = Math.floor(xa);
      const xbCeil = Math.ceil(xb);
      if (xbCeil <= xaFloor + 1) {
        const xMid = 0.5 * (xa + xb) - xaFloor;
        acc[rowStart + xaFloor]! += d - d * xMid;
        acc[rowStart + xaFloor + 1]! += d * xMid;
      } else {
        const s = 1 / (xb - xa);
        const xaFrac = xa - xaFloor;
        const a0 = 0.5 * s * (1 - xaFrac) * (1 - xaFrac);
        const xbFrac = xb - xbCeil + 1;
        const am = 0.5 * s * xbFrac * xbFrac;
        acc[rowStart + xaFloor]! += d * a0;
        if (xbCeil === xaFloor + 2) {
          acc[rowStart + xaFloor + 1]! += d * (1 - a0 - am);
        } else {
          const a1 = s * (1.5 - xaFrac);
          acc[rowStart + xaFloor + 1]! += d * (a1 - a0);
          for (let xi = xaFloor + 2; xi < xbCeil - 1; xi++) acc[rowStart + xi]! += d * s;
          const a2 = a1 + (xbCeil - xaFloor - 3) * s;
          acc[rowStart + xbCeil - 1]! += d * (1 - a2 - am);
        }
        acc[rowStart + xbCeil]! += d * am;
      }
      x = xNext;
    }
  }

  quad(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number): void {
    const ddx = x0 - 2 * x1 + x2;
    const ddy = y0 - 2 * y1 + y2;
    // Flattening error of n chords is |second difference| / (8 n²); keep it under 1/20 px.
    const n = Math.min(32, Math.max(1, Math.ceil(Math.sqrt(Math.sqrt(ddx * ddx + ddy * ddy) * 2.5))));
    let px = x0;
    let py = y0;
    for (let i = 1; i <= n; i++) {
      const t = i / n;
      const mt = 1 - t;
      const qx = mt * mt * x0 + 2 * mt * t * x1 + t * t * x2;
      const qy = mt * mt * y0 + 2 * mt * t * y1 + t * t * y2;
      this.line(px, py, qx, qy);
      px = qx;
      py = qy;
    }
  }

  cubic(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number, x3: number, y3: number): void {
    const d1 = Math.hypot(x0 - 2 * x1 + x2, y0 - 2 * y1 + y2);
    const d2 = Math.hypot(x1 - 2 * x2 + x3, y1 - 2 * y2 + y3);
    const n = Math.min(48, Math.max(1, Math.ceil(Math.sqrt(Math.max(d1, d2) * 3.75))));
    let px = x0;
    let py = y0;
    for (let i = 1; i <= n; i++) {
      const t = i / n;
      const mt = 1 - t;
      const a = mt * mt * mt;
      const b = 3 * mt * mt * t;
      const c = 3 * mt * t * t;
      const e = t * t * t;
      const qx = a * x0 + b * x1 + c * x2 + e * x3;
      const qy = a * y0 + b * y1 + c * y2 + e * y3;
      this.line(px, py, qx, qy);
      px = qx;
      py = qy;
    }
  }

  /** Trace a path, offset by (dx, dy). Open contours are closed, as fonts expect. */
  path(commands: readonly PathCommand[], dx = 0, dy = 0): void {
    let sx = 0;
    let sy = 0;
    let cx = 0;
    let cy = 0;
    let open = false;
    const close = () => {
      if (open && (cx !== sx || cy !== sy)) this.line(cx, cy, sx, sy);
      cx = sx;
      cy = sy;
      open = false;
    };
    for (const c of commands) {
      switch (c.type) {
        case 'M':
          close();
          sx = cx = c.x + dx;
          sy = cy = c.y + dy;
          open = true;
          break;
        case 'L':
          this.line(cx, cy, c.x + dx, c.y + dy);
          cx = c.x + dx;
          cy = c.y + dy;
          break;
        case 'Q':
          this.quad(cx, cy, c.x1 + dx, c.y1 + dy, c.x + dx, c.y + dy);
          cx = c.x + dx;
          cy = c.y + dy;
          break;
        case 'C':
          this.cubic(cx, cy, c.x1 + dx, c.y1 + dy, c.x2 + dx, c.y2 + dy, c.x + dx, c.y + dy);
          cx = c.x + dx;
          cy = c.y + dy;
          break;
        case 'Z':
          close();
          break;
      }
    }
    close();
  }

  /** Coverage as 0–255 alpha, after an optional tone curve (a 256-entry lookup table). */
  toAlpha(curve?: Uint8Array): Uint8Array {
    const n = this.width * this.height;
    const out = new Uint8Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += this.acc[i]!;
      const a = Math.min(1, Math.abs(sum));
      const v = Math.round(a * 255);
      out[i] = curve ? curve[v]! : v;
    }
    return out;
  }
}

/**
 * A tone curve that darkens thin anti-aliased stems slightly, so small text
 * reads as crisp on video (after chroma subsampling) instead of washed out.
 */
export function makeToneCurve(gamma: number): Uint8Array {
  const lut = new Uint8Array(256);
  for (let i = 0; i < 256; i++) lut[i] = Math.round(255 * Math.pow(i / 255, 1 / gamma));
  return lut;
}
