/**
 * The small grey thumbnails the frames stage tells frames apart by. They are
 * made in two places that must agree: by ffmpeg decoding a finished video
 * (`scale=96:54:flags=area,format=gray`), and by the live renderer from the
 * frames it encodes, so that the frames stage need not decode the video
 * again once the program has ended. Both average each block of pixels
 * (area scaling) and give full-range grey (0–255).
 */

/** Small enough to be cheap, large enough to see a status icon change. */
export const THUMB_WIDTH = 96;
export const THUMB_HEIGHT = 54;
export const THUMB_BYTES = THUMB_WIDTH * THUMB_HEIGHT;

/** ffmpeg's filter chain giving the same thumbnails from a decoded video. */
export const THUMB_FILTER = `scale=${THUMB_WIDTH}:${THUMB_HEIGHT}:flags=area,format=gray`;

/** Where each thumbnail column (or row) starts in the picture: block i covers [edges[i], edges[i+1]). */
function blockEdges(size: number, blocks: number): Int32Array {
  const edges = new Int32Array(blocks + 1);
  for (let i = 0; i <= blocks; i++) edges[i] = Math.floor((i * size) / blocks);
  return edges;
}

/**
 * Makes thumbnails of pictures of one size. `limitedRange` is for video luma
 * (16–235, what H.264 and VP9 carry): it is stretched to full range as
 * ffmpeg's `format=gray` does, so a thumbnail drawn from the Y plane before
 * encoding matches one decoded from the video within compression noise.
 */
export class Thumbnailer {
  private readonly xs: Int32Array;
  private readonly ys: Int32Array;
  private readonly sums = new Uint32Array(THUMB_WIDTH);
  private luma: Uint8Array | undefined;

  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {
    this.xs = blockEdges(width, THUMB_WIDTH);
    this.ys = blockEdges(height, THUMB_HEIGHT);
  }

  /** The thumbnail of a luma plane (one byte a pixel, rows `width` bytes apart). */
  fromLuma(luma: Uint8Array, limitedRange: boolean): Uint8Array {
    const { xs, ys, sums, width } = this;
    const out = new Uint8Array(THUMB_BYTES);
    for (let ty = 0; ty < THUMB_HEIGHT; ty++) {
      sums.fill(0);
      for (let y = ys[ty]!; y < ys[ty + 1]!; y++) {
        const row = y * width;
        for (let tx = 0; tx < THUMB_WIDTH; tx++) {
          let s = 0;
          for (let x = row + xs[tx]!, end = row + xs[tx + 1]!; x < end; x++) s += luma[x]!;
          sums[tx]! += s;
        }
      }
      const rows = ys[ty + 1]! - ys[ty]!;
      for (let tx = 0; tx < THUMB_WIDTH; tx++) {
        const mean = sums[tx]! / Math.max(1, rows * (xs[tx + 1]! - xs[tx]!));
        const grey = limitedRange ? ((mean - 16) * 255) / 219 : mean;
        out[ty * THUMB_WIDTH + tx] = Math.max(0, Math.min(255, Math.round(grey)));
      }
    }
    return out;
  }

  /** The thumbnail of an RGBA picture: BT.601 luma, full range, as ffmpeg turns RGB into grey. */
  fromRgba(rgba: Uint8Array): Uint8Array {
    const pixels = this.width * this.height;
    const luma = (this.luma ??= new Uint8Array(pixels));
    for (let i = 0, p = 0; i < pixels; i++, p += 4) luma[i] = (rgba[p]! * 77 + rgba[p + 1]! * 150 + rgba[p + 2]! * 29 + 128) >> 8;
    return this.fromLuma(luma, false);
  }
}
