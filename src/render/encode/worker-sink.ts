/**
 * The portable way to feed ffmpeg (used where named pipes are missing):
 * ffmpeg is spawned and fed from a worker thread. Its event loop does
 * nothing but move bytes into the pipe, so frames keep flowing while the
 * main thread parses output and draws the next frame; fed from the main
 * thread, the pipe (64 KB) would only drain while the renderer is idle.
 * Frame buffers are transferred, not copied, and come back for reuse.
 */
import { Worker } from 'node:worker_threads';
import { TermlensError } from '../../errors/index.js';
import { buildFfmpegArgs, inputPixelFormat, type EncodeSettings, type RawPixelFormat } from './ffmpeg-args.js';
import { ffmpegPath } from '../../media/tools.js';
import { FOURCC_I420, FOURCC_RGBA, matroskaFrameHeader, matroskaHeader } from './matroska.js';
import type { FrameSink } from './sink.js';

/** Frames in flight at most: 3 MB each (YUV) or 8 MB (RGBA) at 1080p. */
const POOL_SIZE = 4;
/** Room before the pixels for the frame's Matroska header, so header and pixels travel as one message. */
const HEADER_ROOM = 64;
const STDERR_TAIL_BYTES = 4000;

/** The worker: plain JavaScript so it runs the same from sources and from a build. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const started = Date.now();
let tail = '';
const child = spawn(workerData.command, workerData.args, { stdio: ['pipe', 'ignore', 'pipe'] });
child.stderr.on('data', (d) => { tail = (tail + d.toString()).slice(-${STDERR_TAIL_BYTES}); });
child.stdin.on('error', () => {});
child.on('error', (e) => parentPort.postMessage({ type: 'spawn-error', message: e.message }));
child.on('close', (code, signal) => parentPort.postMessage({ type: 'exit', code, signal, tail, ms: Date.now() - started }));
parentPort.on('message', (m) => {
  if (m.type === 'bytes') {
    child.stdin.write(Buffer.from(m.buffer, m.offset, m.length), () => {
      if (m.recycle) parentPort.postMessage({ type: 'free', buffer: m.buffer }, [m.buffer]);
    });
  } else if (m.type === 'end') {
    child.stdin.end();
  } else if (m.type === 'kill') {
    child.kill('SIGKILL');
  }
});
`;

export class WorkerFfmpegSink implements FrameSink {
  readonly args: string[];
  readonly pixelFormat: RawPixelFormat;
  private readonly worker: Worker;
  private readonly command: string;
  private readonly free: ArrayBuffer[] = [];
  private allocated = 0;
  private waiters: Array<() => void> = [];
  private failure: unknown;
  private readonly exited: Promise<void>;
  private readonly frameBytes: number;

  constructor(settings: EncodeSettings, width: number, height: number) {
    this.pixelFormat = inputPixelFormat(settings.format);
    this.frameBytes = this.pixelFormat === 'rgba' ? width * height * 4 : (width * height * 3) / 2;
    this.args = buildFfmpegArgs(settings);
    this.command = ffmpegPath();
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { command: this.command, args: this.args } });
    this.exited = new Promise<void>((resolve, reject) => {
      this.worker.on('message', (m: { type: string; buffer?: ArrayBuffer; code?: number | null; signal?: string | null; tail?: string; ms?: number; message?: string }) => {
        if (m.type === 'free' && m.buffer) {
          // The worker hands back the frame buffer it has written, for the next frame.
          this.free.push(m.buffer);
          this.waiters.shift()?.();
        } else if (m.type === 'spawn-error') {
          this.fail(
            reject,
            new TermlensError(`could not start ffmpeg: ${m.message}`, {
              code: 'missing-tool',
              stage: 'render',
              hint: 'Reinstall dependencies with `npm install`.',
              subprocess: { command: this.command, args: this.args },
            }),
          );
        } else if (m.type === 'exit') {
          if (m.code === 0) resolve();
          else {
            this.fail(
              reject,
              new TermlensError(`ffmpeg failed (${m.signal ? `signal ${m.signal}` : `exit code ${m.code}`})`, {
                code: 'execution',
                stage: 'render',
                hint: "The lines above are ffmpeg's own message; check the output path and format.",
                subprocess: { command: this.command, args: this.args, exitCode: m.code ?? null, signal: m.signal ?? null, stderrTail: m.tail ?? '', durationMs: m.ms ?? 0 },
              }),
            );
          }
          void this.worker.terminate();
        }
      });
      this.worker.on('error', (error) => this.fail(reject, error));
    });
    // Errors surface through sendFrame/finish; never as an unhandled rejection.
    this.exited.catch(() => undefined);
    this.send(matroskaHeader({ width, height, fourcc: this.pixelFormat === 'rgba' ? FOURCC_RGBA : FOURCC_I420, fps: settings.fps }));
  }

  private fail(reject: (e: unknown) => void, error: unknown): void {
    this.failure ??= error;
    for (const w of this.waiters.splice(0)) w();
    reject(this.failure);
  }

  /** Small, one-off bytes (headers): copied into their own buffer, not recycled. */
  private send(bytes: Uint8Array): void {
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    this.worker.postMessage({ type: 'bytes', buffer: copy, offset: 0, length: copy.byteLength, recycle: false }, [copy]);
  }

  private async takeBuffer(): Promise<ArrayBuffer> {
    for (;;) {
      if (this.failure) throw this.failure;
      const buf = this.free.pop();
      if (buf) return buf;
      if (this.allocated < POOL_SIZE) {
        this.allocated++;
        return new ArrayBuffer(HEADER_ROOM + this.frameBytes);
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async sendFrame(frame: Uint8Array, timeMs: number): Promise<void> {
    const buf = await this.takeBuffer();
    const header = matroskaFrameHeader(timeMs, frame.length);
    const offset = HEADER_ROOM - header.length;
    const bytes = new Uint8Array(buf);
    bytes.set(header, offset);
    bytes.set(frame, HEADER_ROOM);
    this.worker.postMessage({ type: 'bytes', buffer: buf, offset, length: header.length + frame.length, recycle: true }, [buf]);
  }

  async finish(): Promise<void> {
    if (this.failure) throw this.failure;
    this.worker.postMessage({ type: 'end' });
    await this.exited;
  }

  async abort(): Promise<void> {
    this.worker.postMessage({ type: 'kill' });
    await this.exited.catch(() => undefined);
    await this.worker.terminate();
  }
}
