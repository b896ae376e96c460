/**
 * Feeds ffmpeg through a named pipe with blocking writes. Each frame (a
 * Matroska cluster header and the raw pixels) is handed over with one
 * write call that returns once ffmpeg has taken the bytes: no copy of the
 * frame, no event-loop round trip per 64 KB of pipe, and the frame buffer
 * is free to be drawn on again as soon as the call returns. ffmpeg's
 * encoder threads keep working on earlier frames meanwhile.
 *
 * ffmpeg's stdin is the pipe's read end, so its arguments stay `-i pipe:0`;
 * its stderr goes to a file, so a chatty ffmpeg can never block on it while
 * this side is inside a write.
 */
import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import { closeSync, constants, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ffmpegPath } from '../../media/tools.js';
import { TermlensError } from '../../errors/index.js';
import { buildFfmpegArgs, inputPixelFormat, type EncodeSettings, type RawPixelFormat } from './ffmpeg-args.js';
import { FOURCC_I420, FOURCC_RGBA, matroskaFrameHeader, matroskaHeader } from './matroska.js';
import type { FrameSink } from './sink.js';

const STDERR_TAIL_CHARS = 4000;

/** Make a named pipe, or return undefined where there is no mkfifo (then the worker sink is used). */
export function makeFifo(): { dir: string; path: string } | undefined {
  if (process.platform === 'win32' || process.env.TERMLENS_NO_FIFO === '1') return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'termlens-ffmpeg-'));
  const path = join(dir, 'frames.mkv');
  try {
    execFileSync('mkfifo', [path], { stdio: 'ignore' });
    return { dir, path };
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}

/** Linux's F_SETPIPE_SZ, and the largest size an unprivileged process may ask for by default. */
const F_SETPIPE_SZ = 1031;
const PIPE_BYTES = 1 << 20;

/** Arguments for the one-line helper that enlarges a pipe given as its stdin (Node has no fcntl). */
export function pipeSizeHelperArgs(bytes: number): string[] {
  return ['-e', `fcntl(STDIN, ${F_SETPIPE_SZ}, ${bytes}) or exit 1`];
}

/**
 * Grow the pipe from 64 KB to 1 MB: a 3 MB frame then crosses in a few
 * wake-ups instead of fifty, which roughly halves the kernel time spent
 * on both sides and the time each frame takes to hand over. Best effort:
 * without Linux or perl the pipe keeps its default size.
 */
function enlargePipe(fd: number): void {
  if (process.platform !== 'linux') return;
  spawnSync('perl', pipeSizeHelperArgs(PIPE_BYTES), { stdio: [fd, 'ignore', 'ignore'], timeout: 5000 });
}

export class FifoFfmpegSink implements FrameSink {
  readonly args: string[];
  readonly pixelFormat: RawPixelFormat;
  private readonly command: string;
  private readonly child: ChildProcess;
  private writeFd: number | undefined;
  /** Our own read handle on ffmpeg's stderr file, whose folder is already gone. */
  private stderrFd: number | undefined;
  private readonly started = Date.now();
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private failure: unknown;

  constructor(settings: EncodeSettings, width: number, height: number, fifo: { dir: string; path: string }) {
    this.pixelFormat = inputPixelFormat(settings.format);
    this.args = buildFfmpegArgs(settings);
    this.command = ffmpegPath();
    const stderrPath = join(fifo.dir, 'stderr.txt');
    // Opening order matters for a FIFO: a non-blocking read end lets the write end open at once,
    // which in turn lets a blocking read end (ffmpeg's stdin) open at once.
    const probe = openSync(fifo.path, constants.O_RDONLY | constants.O_NONBLOCK);
    this.writeFd = openSync(fifo.path, constants.O_WRONLY);
    const readFd = openSync(fifo.path, constants.O_RDONLY);
    closeSync(probe);
    enlargePipe(readFd);
    const stderrFd = openSync(stderrPath, 'w');
    this.stderrFd = openSync(stderrPath, 'r');
    try {
      this.child = spawn(this.command, this.args, { stdio: [readFd, 'ignore', stderrFd] });
    } finally {
      // Only ffmpeg keeps a read end: if it dies, writes fail with EPIPE instead of blocking.
      closeSync(readFd);
      closeSync(stderrFd);
      // Both ends hold open files now; with the folder gone at once, even a killed termlens leaves nothing in /tmp.
      rmSync(fifo.dir, { recursive: true, force: true });
    }
    this.exited = new Promise((resolve) => {
      this.child.on('error', (cause) => {
        this.failure ??= new TermlensError(`could not start ffmpeg: ${cause.message}`, {
          code: 'missing-tool',
          stage: 'render',
          hint: 'Reinstall dependencies with `npm install`.',
          cause,
          subprocess: { command: this.command, args: this.args },
        });
      });
      this.child.on('close', (code, signal) => resolve({ code, signal }));
    });
    this.write(matroskaHeader({ width, height, fourcc: this.pixelFormat === 'rgba' ? FOURCC_RGBA : FOURCC_I420, fps: settings.fps }));
  }

  /** Write every byte (a blocking pipe may still return short counts after a signal). */
  private write(bytes: Uint8Array): void {
    if (this.writeFd === undefined) return;
    let off = 0;
    try {
      while (off < bytes.length) off += writeSync(this.writeFd, bytes, off, bytes.length - off);
    } catch (cause) {
      // EPIPE: ffmpeg has gone. Its exit status and stderr explain why (see check()).
      this.failure ??= cause;
      this.closeWrite();
    }
  }

  private closeWrite(): void {
    if (this.writeFd !== undefined) closeSync(this.writeFd);
    this.writeFd = undefined;
  }

  private async check(): Promise<void> {
    if (!this.failure) return;
    const { code, signal } = await this.exited;
    throw this.failure instanceof TermlensError && this.failure.code === 'missing-tool' ? this.failure : this.exitError(code, signal);
  }

  private exitError(code: number | null, signal: NodeJS.Signals | null): TermlensError {
    let tail = '';
    try {
      if (this.stderrFd !== undefined) {
        const size = fstatSync(this.stderrFd).size;
        const bytes = Buffer.alloc(Math.min(size, STDERR_TAIL_CHARS * 4));
        readSync(this.stderrFd, bytes, 0, bytes.length, size - bytes.length);
        tail = bytes.toString('utf8').slice(-STDERR_TAIL_CHARS);
      }
    } catch {
      tail = '';
    }
    return new TermlensError(`ffmpeg failed (${signal ? `signal ${signal}` : `exit code ${code}`})`, {
      code: 'execution',
      stage: 'render',
      hint: "The lines above are ffmpeg's own message; check the output path and format.",
      subprocess: { command: this.command, args: this.args, exitCode: code, signal, stderrTail: tail, durationMs: Date.now() - this.started },
    });
  }

  async sendFrame(frame: Uint8Array, timeMs: number): Promise<void> {
    await this.check();
    this.write(matroskaFrameHeader(timeMs, frame.length));
    this.write(frame);
    await this.check();
  }

  async finish(): Promise<void> {
    await this.check();
    this.closeWrite();
    const { code, signal } = await this.exited;
    if (code !== 0 || this.failure) {
      const error = this.failure instanceof TermlensError ? this.failure : this.exitError(code, signal);
      this.cleanup();
      throw error;
    }
    this.cleanup();
  }

  async abort(): Promise<void> {
    this.closeWrite();
    this.child.kill('SIGKILL');
    await this.exited;
    this.cleanup();
  }

  private cleanup(): void {
    if (this.stderrFd !== undefined) closeSync(this.stderrFd);
    this.stderrFd = undefined;
  }
}
