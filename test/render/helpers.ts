/** Helpers for render tests: small casts written with CastWriter, a sink that keeps frames, cell pixels. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CastWriter, type CastHeader } from '../../src/cast/index.js';
import type { FrameSink, RawPixelFormat, VideoManifest } from '../../src/render/index.js';
import { tempDir } from '../helpers/paths.js';

export { tempDir };

/** Write a cast: events are [seconds, output] pairs (or [seconds, code, data]). */
export async function writeCast(
  events: Array<[number, string] | [number, 'o' | 'm' | 'r' | 'i', string]>,
  header: Partial<Omit<CastHeader, 'version'>> = {},
): Promise<string> {
  const path = join(await tempDir(), 'test.cast');
  const w = new CastWriter(path, { width: 20, height: 5, ...header });
  for (const e of events) {
    if (e.length === 2) w.write(e[0], 'o', e[1]);
    else w.write(e[0], e[1], e[2]);
  }
  w.close();
  return path;
}

/** Keeps the last frame and a hash of every frame sent, with their times. */
export class CaptureSink implements FrameSink {
  readonly times: number[] = [];
  last: Uint8Array = new Uint8Array(0);
  private readonly hash = createHash('sha256');

  constructor(readonly pixelFormat: RawPixelFormat = 'rgba') {}

  async sendFrame(frame: Uint8Array, timeMs: number): Promise<void> {
    this.last = Uint8Array.from(frame);
    this.hash.update(frame);
    this.times.push(timeMs);
  }
  async finish(): Promise<void> {}
  async abort(): Promise<void> {}
  digest(): string {
    return this.hash.copy().digest('hex');
  }
}

export type RGB = [number, number, number];

/** Every pixel of cell (col, row) in an RGBA frame, row by row. */
export function cellPixels(frame: Uint8Array, m: VideoManifest, col: number, row: number, cells = 1): RGB[][] {
  const out: RGB[][] = [];
  for (let y = 0; y < m.cellHeight; y++) {
    const line: RGB[] = [];
    for (let x = 0; x < m.cellWidth * cells; x++) {
      const px = m.gridX + col * m.cellWidth + x;
      const py = m.gridY + row * m.cellHeight + y;
      const i = (py * m.width + px) * 4;
      line.push([frame[i]!, frame[i + 1]!, frame[i + 2]!]);
    }
    out.push(line);
  }
  return out;
}

export function pixelAt(frame: Uint8Array, m: VideoManifest, x: number, y: number): RGB {
  const i = (y * m.width + x) * 4;
  return [frame[i]!, frame[i + 1]!, frame[i + 2]!];
}

export const near = (a: readonly number[], b: readonly number[], tolerance: number): boolean => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);
export const same = (a: readonly number[], b: readonly number[]): boolean => near(a, b, 0);
