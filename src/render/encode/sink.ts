/** Where rendered frames go: ffmpeg in production; tests and benchmarks may pass their own sink. */
import type { RawPixelFormat } from './ffmpeg-args.js';

export interface FrameSink {
  /** The pixel layout the sink wants: planar YUV 4:2:0 (BT.601 matrix, limited range) or RGBA bytes. */
  readonly pixelFormat: RawPixelFormat;
  /** Send one frame shown from `timeMs`. The caller may change its buffer once the promise resolves. */
  sendFrame(frame: Uint8Array, timeMs: number): Promise<void>;
  /** No more frames: wait until the output is complete. */
  finish(): Promise<void>;
  /** Stop at once (after an error or an interrupt). */
  abort(): Promise<void>;
}
