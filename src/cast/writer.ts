/**
 * asciicast v2 writer. Every event is written to the file descriptor as soon
 * as it happens (a synchronous write to the kernel), so a crash, a timeout or
 * Ctrl+C leaves a valid cast with everything up to that moment, and a flood
 * is throttled by the disk rather than buffered in memory.
 *
 * A write that fails (a full disk) never throws into the PTY's data handler:
 * the file is cut back to the end of its last whole event line, so it still
 * reads back, further writes are dropped, and `onFailure` tells the recorder
 * to stop the program.
 */
import { closeSync, ftruncateSync, openSync, rmSync, writeSync } from 'node:fs';
import { diskFullError, isNoRoom } from '../errors/disk.js';
import { TermlensError, quote } from '../errors/index.js';
import type { CastEventCode, CastHeader } from './types.js';

export interface CastWriteFailure {
  /** The error to report: `disk-full` for lack of room, else `execution`. */
  error: TermlensError;
  /** Bytes of whole lines kept in the cast. */
  bytesKept: number;
}

export class CastWriter {
  private fd: number | undefined;
  private lastTime = 0;
  /** Bytes of whole lines on disk. */
  private bytes = 0;
  /** Set by the first failed write; nothing more is written after it. */
  failure: CastWriteFailure | undefined;
  /** Called once, at the first failed write. */
  onFailure: ((failure: CastWriteFailure) => void) | undefined;

  constructor(readonly path: string, header: Omit<CastHeader, 'version'> & { version?: 2 }) {
    try {
      this.fd = openSync(path, 'w');
    } catch (cause) {
      throw new TermlensError(`cannot write the cast to ${quote(path)}: ${(cause as Error).message}`, {
        code: 'unwritable',
        stage: 'record',
        hint: 'Choose an output path in a folder that exists and that you can write to.',
        cause,
      });
    }
    this.writeLine(JSON.stringify({ ...header, version: 2 }));
    if (this.failure) {
      // Not even the header fits: nothing was recorded, so nothing is left behind.
      this.close();
      rmSync(path, { force: true });
      throw this.failure.error;
    }
  }

  /** Append one event; `time` is seconds since the start, kept monotonic. */
  write(time: number, code: CastEventCode, data: string): void {
    const t = Math.max(this.lastTime, time);
    this.lastTime = t;
    this.writeLine(JSON.stringify([Math.round(t * 1e6) / 1e6, code, data]));
  }

  /** Bytes of whole event lines on disk so far (the header included): a reader following the file may read this far. */
  get bytesWritten(): number {
    return this.bytes;
  }

  get closed(): boolean {
    return this.fd === undefined;
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  private writeLine(line: string): void {
    if (this.fd === undefined || this.failure) return;
    const buf = Buffer.from(line + '\n', 'utf8');
    let done = 0;
    try {
      // writeSync may write part of a buffer (a disk filling up); the rest follows or fails.
      while (done < buf.length) done += writeSync(this.fd, buf, done);
      this.bytes += buf.length;
    } catch (cause) {
      this.fail(cause);
    }
  }

  private fail(cause: unknown): void {
    try {
      // Drop the part of a line that did fit, so the cast ends on a whole event.
      ftruncateSync(this.fd!, this.bytes);
    } catch {
      // The file cannot even be cut; the error below still says what happened.
    }
    const error = isNoRoom(cause)
      ? diskFullError(this.path, { stage: 'record', written: this.bytes, cause })
      : new TermlensError(`cannot write the cast ${quote(this.path)}: ${(cause as Error).message}`, { code: 'execution', stage: 'record', cause });
    this.failure = { error, bytesKept: this.bytes };
    this.onFailure?.(this.failure);
  }
}
