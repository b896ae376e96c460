/**
 * Limited-range YUV 4:2:0 with BT.601 matrix coefficients, the format H.264
 * and VP9 encode. BT.601 because it is what ffmpeg (and so the frames
 * stage) assumes when it turns video back into RGB, whatever the stream's
 * tags say; the stream is tagged so browsers decode it the same way. The
 * renderer converts each precomposited cell tile once (cells are an even
 * number of pixels wide and high and start on even pixels, so a tile's 2×2
 * chroma blocks are the frame's), then copies converted tiles: the frame is
 * never converted whole, and the pipe to ffmpeg carries 1.5 bytes a pixel
 * instead of 4.
 */
import type { Framebuffer } from './framebuffer.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const KR = 0.299;
const KB = 0.114;
const KG = 1 - KR - KB;

/** Fixed-point (16.16) lookup tables: Y from R, G, B; Cb and Cr from summed 2×2 R, G, B (0–1020). */
const SCALE = 1 << 16;
const Y_R = new Int32Array(256);
const Y_G = new Int32Array(256);
const Y_B = new Int32Array(256);
const CB_R = new Int32Array(1021);
const CB_G = new Int32Array(1021);
const CB_B = new Int32Array(1021);
const CR_R = new Int32Array(1021);
const CR_G = new Int32Array(1021);
const CR_B = new Int32Array(1021);
for (let v = 0; v < 256; v++) {
  const c = (219 / 255) * v;
  Y_R[v] = Math.round(KR * c * SCALE);
  Y_G[v] = Math.round(KG * c * SCALE);
  Y_B[v] = Math.round(KB * c * SCALE);
}
for (let s = 0; s <= 1020; s++) {
  // s is a sum of four samples: the 2×2 average is s/4.
  const c = (224 / 255) * (s / 4);
  CB_R[s] = Math.round((-KR / (2 * (1 - KB))) * c * SCALE);
  CB_G[s] = Math.round((-KG / (2 * (1 - KB))) * c * SCALE);
  CB_B[s] = Math.round(0.5 * c * SCALE);
  CR_R[s] = Math.round(0.5 * c * SCALE);
  CR_G[s] = Math.round((-KG / (2 * (1 - KR))) * c * SCALE);
  CR_B[s] = Math.round((-KB / (2 * (1 - KR))) * c * SCALE);
}
const Y_OFFSET = 16 * SCALE + SCALE / 2;
const C_OFFSET = 128 * SCALE + SCALE / 2;

/** A planar 4:2:0 image: Y (w×h), then U and V (w/2 × h/2), in one buffer. Width and height are even. */
export class YuvImage {
  readonly data: Uint8Array;
  readonly y: Uint8Array;
  readonly u: Uint8Array;
  readonly v: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    const ySize = width * height;
    const cSize = (width / 2) * (height / 2);
    this.data = new Uint8Array(ySize + 2 * cSize);
    this.y = this.data.subarray(0, ySize);
    this.u = this.data.subarray(ySize, ySize + cSize);
    this.v = this.data.subarray(ySize + cSize);
  }
}

const red = (w: number) => (LITTLE_ENDIAN ? w & 255 : w >>> 24);
const green = (w: number) => (LITTLE_ENDIAN ? (w >>> 8) & 255 : (w >>> 16) & 255);
const blue = (w: number) => (LITTLE_ENDIAN ? (w >>> 16) & 255 : (w >>> 8) & 255);

/**
 * Convert the rectangle [x0, x1) × [y0, y1) of RGBA pixels (32-bit words,
 * `srcWidth` per row) into `dst` at (dx, dy). All coordinates and sizes
 * must be even.
 */
export function convertRect(
  src: Uint32Array,
  srcWidth: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  dst: YuvImage,
  dx: number,
  dy: number,
): void {
  const dw = dst.width;
  const cw = dw / 2;
  const Y = dst.y;
  const U = dst.u;
  const V = dst.v;
  for (let y = y0; y < y1; y += 2) {
    const row0 = y * srcWidth;
    const row1 = row0 + srcWidth;
    const oy = (dy + y - y0) * dw + dx;
    const oc = ((dy + y - y0) / 2) * cw + dx / 2;
    for (let x = x0, i = 0; x < x1; x += 2, i++) {
      const p0 = src[row0 + x]!;
      const p1 = src[row0 + x + 1]!;
      const p2 = src[row1 + x]!;
      const p3 = src[row1 + x + 1]!;
      const r0 = red(p0), g0 = green(p0), b0 = blue(p0);
      const r1 = red(p1), g1 = green(p1), b1 = blue(p1);
      const r2 = red(p2), g2 = green(p2), b2 = blue(p2);
      const r3 = red(p3), g3 = green(p3), b3 = blue(p3);
      const o = oy + 2 * i;
      Y[o] = (Y_R[r0]! + Y_G[g0]! + Y_B[b0]! + Y_OFFSET) >> 16;
      Y[o + 1] = (Y_R[r1]! + Y_G[g1]! + Y_B[b1]! + Y_OFFSET) >> 16;
      Y[o + dw] = (Y_R[r2]! + Y_G[g2]! + Y_B[b2]! + Y_OFFSET) >> 16;
      Y[o + dw + 1] = (Y_R[r3]! + Y_G[g3]! + Y_B[b3]! + Y_OFFSET) >> 16;
      const rs = r0 + r1 + r2 + r3;
      const gs = g0 + g1 + g2 + g3;
      const bs = b0 + b1 + b2 + b3;
      U[oc + i] = (CB_R[rs]! + CB_G[gs]! + CB_B[bs]! + C_OFFSET) >> 16;
      V[oc + i] = (CR_R[rs]! + CR_G[gs]! + CR_B[bs]! + C_OFFSET) >> 16;
    }
  }
}

/** Convert a whole framebuffer (after drawing the window chrome). */
export function convertFrame(fb: Framebuffer, dst: YuvImage): void {
  convertRect(fb.pixels, fb.width, 0, 0, fb.width, fb.height, dst, 0, 0);
}

/** A cell tile in YUV: Y rows, then U rows, then V rows, for a w × h tile (both even). */
export function tileToYuv(rgba: Uint32Array, w: number, h: number): Uint8Array {
  const img = new YuvImage(w, h);
  convertRect(rgba, w, 0, 0, w, h, img, 0, 0);
  return img.data;
}
