/**
 * What ffmpeg alone needs to encode a set of frames. The frames are
 * rendered beforehand into memory (in chunks of about 2 GB, so a long
 * recording fits), then fed to one ffmpeg the way the renderer feeds it
 * (the same sink: the same arguments, the same named pipe, the same
 * blocking writes), with nothing else running. Only the feeding and the
 * final flush are timed, so the comparison isolates what rendering adds on
 * top of the unavoidable encode. (Between chunks the clock stops while
 * ffmpeg may still finish queued frames: if anything, that flatters ffmpeg.)
 */
import type { EncodeSettings, RawPixelFormat } from '../src/render/encode/ffmpeg-args.js';
import { inputPixelFormat } from '../src/render/encode/ffmpeg-args.js';
import { createFfmpegSink } from '../src/render/encode/encoder.js';
import type { FrameSink } from '../src/render/encode/sink.js';

const CHUNK_BYTES = 2e9;

export class FfmpegBaselineSink implements FrameSink {
  readonly pixelFormat: RawPixelFormat;
  frames = 0;
  chunks = 0;
  encodeMs = 0;
  private pending: Array<{ data: Uint8Array; timeMs: number }> = [];
  private pendingBytes = 0;
  private sink: FrameSink | undefined;

  constructor(
    private readonly settings: EncodeSettings,
    private readonly width: number,
    private readonly height: number,
  ) {
    this.pixelFormat = inputPixelFormat(settings.format);
  }

  async sendFrame(frame: Uint8Array, timeMs: number): Promise<void> {
    this.pending.push({ data: Uint8Array.from(frame), timeMs });
    this.pendingBytes += frame.length;
    this.frames++;
    if (this.pendingBytes >= CHUNK_BYTES) await this.feedChunk();
  }

  private async feedChunk(): Promise<void> {
    const frames = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    const started = performance.now();
    this.sink ??= createFfmpegSink(this.settings, this.width, this.height);
    for (const f of frames) await this.sink.sendFrame(f.data, f.timeMs);
    this.encodeMs += performance.now() - started;
    this.chunks++;
  }

  async finish(): Promise<void> {
    await this.feedChunk();
    const started = performance.now();
    await this.sink!.finish();
    this.encodeMs += performance.now() - started;
  }

  async abort(): Promise<void> {
    this.pending = [];
    await this.sink?.abort();
  }
}
