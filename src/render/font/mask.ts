/** An 8-bit coverage mask the size of a glyph box, with the few drawing operations shapes need. */
export class Mask {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height);
  }

  /** Set [x0, x1) × [y0, y1) to `value` (clipped to the mask). */
  fill(x0: number, y0: number, x1: number, y1: number, value = 255): void {
    const xa = Math.max(0, Math.floor(x0));
    const xb = Math.min(this.width, Math.ceil(x1));
    const ya = Math.max(0, Math.floor(y0));
    const yb = Math.min(this.height, Math.ceil(y1));
    for (let y = ya; y < yb; y++) this.data.fill(value, y * this.width + xa, y * this.width + Math.max(xa, xb));
  }

  clear(x0: number, y0: number, x1: number, y1: number): void {
    this.fill(x0, y0, x1, y1, 0);
  }

  /** Raise one pixel to at least `value`. */
  max(x: number, y: number, value: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = y * this.width + x;
    if (this.data[i]! < value) this.data[i] = value;
  }

  /** Anti-aliased filled ellipse, 4×4 supersampled. */
  ellipse(cx: number, cy: number, rx: number, ry: number): void {
    const x0 = Math.floor(cx - rx);
    const x1 = Math.ceil(cx + rx);
    const y0 = Math.floor(cy - ry);
    const y1 = Math.ceil(cy + ry);
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        let hits = 0;
        for (let j = 0; j < 4; j++) {
          for (let i = 0; i < 4; i++) {
            const dx = (x + (i + 0.5) / 4 - cx) / rx;
            const dy = (y + (j + 0.5) / 4 - cy) / ry;
            if (dx * dx + dy * dy <= 1) hits++;
          }
        }
        if (hits) this.max(x, y, Math.round((hits * 255) / 16));
      }
    }
  }
}
