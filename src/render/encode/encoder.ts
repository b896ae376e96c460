/**
 * Streams frames into ffmpeg: a Matroska header, then per frame a small
 * cluster header and the raw pixels (YUV 4:2:0, or RGBA for GIF). A named
 * pipe with blocking writes where the system has one (cheapest), a worker
 * thread feeding ffmpeg's stdin elsewhere.
 */
import type { EncodeSettings } from './ffmpeg-args.js';
import { FifoFfmpegSink, makeFifo } from './fifo-sink.js';
import type { FrameSink } from './sink.js';
import { WorkerFfmpegSink } from './worker-sink.js';

export type { FrameSink } from './sink.js';

export function createFfmpegSink(settings: EncodeSettings, width: number, height: number): FrameSink & { readonly args: string[] } {
  const fifo = makeFifo();
  return fifo ? new FifoFfmpegSink(settings, width, height, fifo) : new WorkerFfmpegSink(settings, width, height);
}
