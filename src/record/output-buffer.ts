/**
 * Coalesces the program's output into cast events. A flood arrives as
 * thousands of small PTY reads a second; writing each as its own event
 * would bloat the cast and the time spent encoding JSON. Chunks that arrive
 * within a few milliseconds of the first become one `o` event stamped with
 * the first chunk's time, which is finer than any frame rate a video uses.
 * The writer is synchronous, so while it writes, node reads nothing more
 * from the PTY: the disk, not memory, absorbs a flood.
 */
import type { CastWriter } from '../cast/index.js';

export interface OutputBufferOptions {
  /** Chunks arriving within this many ms of the first form one event. @default 5 */
  windowMs?: number;
  /** An event is written at once when it reaches this many characters. @default 262144 */
  maxChars?: number;
}

export class OutputBuffer {
  private chunks: string[] = [];
  private chars = 0;
  private firstTime = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly windowMs: number;
  private readonly maxChars: number;
  /** UTF-8 bytes of output seen so far. */
  bytes = 0;
  /** `o` events written so far. */
  events = 0;

  constructor(
    private readonly writer: CastWriter,
    private readonly clock: () => number,
    options: OutputBufferOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 5;
    this.maxChars = options.maxChars ?? 256 * 1024;
  }

  push(data: string): void {
    if (data.length === 0) return;
    if (this.chunks.length === 0) this.firstTime = this.clock();
    this.chunks.push(data);
    this.chars += data.length;
    this.bytes += Buffer.byteLength(data, 'utf8');
    if (this.chars >= this.maxChars) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /** Write what is pending now; called before every input, marker and resize event so events stay in order. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.chunks.length === 0) return;
    const data = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
    this.chunks = [];
    this.chars = 0;
    this.writer.write(this.firstTime, 'o', data);
    this.events++;
  }
}
