/**
 * asciicast v2 writer. Every event is written to the file descriptor as soon
 * as it happens (a synchronous write to the kernel), so a crash, a timeout or
 * Ctrl+C leaves a valid cast with everything up to that moment, and a flood
 * is throttled by the disk rather than buffered in memory.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { TermlensError, quote } from '../errors/index.js';
import type { CastEventCode, CastHeader } from './types.js';

export class CastWriter {
  private fd: number | undefined;
  private lastTime = 0;

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
  }

  /** Append one event; `time` is seconds since the start, kept monotonic. */
  write(time: number, code: CastEventCode, data: string): void {
    const t = Math.max(this.lastTime, time);
    this.lastTime = t;
    this.writeLine(JSON.stringify([Math.round(t * 1e6) / 1e6, code, data]));
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
    if (this.fd === undefined) return;
    writeSync(this.fd, line + '\n');
  }
}
