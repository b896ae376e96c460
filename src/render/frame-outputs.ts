/**
 * Where drawn frames go: the video encoder (ffmpeg, or the caller's sink)
 * and/or numbered PNG files. The video is written under a temporary name and
 * renamed once whole, so a render cut short never passes for a good one.
 */
import { rename, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { createFfmpegSink, type FrameSink } from './encode/encoder.js';
import { PngFrameWriter } from './encode/png-frames.js';
import { ThumbnailFile } from './encode/thumbnail-file.js';
import type { Framebuffer } from './raster/framebuffer.js';
import type { YuvImage } from './raster/yuv.js';
import type { ResolvedOptions } from './options.js';
import type { RenderOptions, VideoManifest } from './types.js';

export class FrameOutputs {
  private sink: FrameSink | undefined;
  private pngs: PngFrameWriter | undefined;
  private thumbs: ThumbnailFile | undefined;
  /** What video.json says of the thumbnails, once they are whole. */
  thumbnails: VideoManifest['thumbnails'];
  /** The temporary name of the video while it is written. */
  private readonly partial: string | undefined;
  /** The bytes the sink takes: YUV for video encoders, else RGBA. */
  private readonly frameBytes: Uint8Array;
  /** Whether frameBytes is YUV (the luma plane first). */
  private readonly yuv: boolean;

  constructor(
    private readonly o: ResolvedOptions,
    private readonly options: RenderOptions,
    private readonly fb: Framebuffer,
    yuv: YuvImage | undefined,
  ) {
    this.sink = options.sink;
    this.partial = o.output && !options.sink ? `${o.output}.${process.pid}.tmp${extname(o.output)}` : undefined;
    this.frameBytes = yuv ? yuv.data : fb.data;
    this.yuv = yuv !== undefined;
  }

  /** Start the encoder and create the PNG folder. */
  async open(): Promise<void> {
    const { o, options } = this;
    if (o.framesDir) this.pngs = await PngFrameWriter.open(o.framesDir, o.width, o.height);
    if (!this.sink && o.output && o.format) {
      const settings = { format: o.format, output: this.partial ?? o.output, fps: o.fps, ...(options.crf !== undefined ? { crf: options.crf } : {}), ...(options.preset ? { preset: options.preset } : {}) };
      this.sink = createFfmpegSink(settings, o.width, o.height);
    }
    if (options.thumbnails && this.partial && o.output) {
      this.thumbs = new ThumbnailFile(`${this.partial}.thumbs`, `${o.output}.thumbs`, o.width, o.height, this.yuv);
    }
  }

  /** Send the canvas as the frame shown from `slot`; returns the PNG's file name when PNGs are written. */
  async send(slot: number, frameNumber: number): Promise<string | undefined> {
    if (this.sink) await this.sink.sendFrame(this.frameBytes, (slot * 1000) / this.o.fps);
    this.thumbs?.add(this.frameBytes);
    return this.pngs ? this.pngs.write(this.fb.data, frameNumber) : undefined;
  }

  /** Hold the last frame until `endSlot` (a repeat at the last slot sets the video's length), then close everything. */
  async finish(lastSlot: number, endSlot: number): Promise<void> {
    if (this.sink && endSlot - 1 > lastSlot) {
      await this.sink.sendFrame(this.frameBytes, ((endSlot - 1) * 1000) / this.o.fps);
      this.thumbs?.repeatLast();
    }
    await this.sink?.finish();
    if (this.partial && this.o.output) await rename(this.partial, this.o.output);
    // After the video: a thumbnail file older than its video is not taken for it (frames/thumbnails.ts).
    this.thumbnails = this.thumbs?.finish();
    // An earlier render's thumbnails would sit beside a video they do not describe.
    if (!this.thumbs && this.o.output && !this.options.sink) await rm(`${this.o.output}.thumbs`, { force: true });
    await this.pngs?.finish();
  }

  /** After a failure: stop the encoder and leave no half-written video behind. */
  async abort(): Promise<void> {
    await this.sink?.abort().catch(() => undefined);
    this.thumbs?.abort();
    await this.pngs?.finish().catch(() => undefined);
    if (this.partial) await rm(this.partial, { force: true }).catch(() => undefined);
    if (this.o.output && !this.options.sink) await rm(this.o.output, { force: true }).catch(() => undefined);
  }
}
