/**
 * How the multi-agent CLI's automation output reaches a reader: Python
 * block-buffers stdout on a pipe, so unless PYTHONUNBUFFERED is set its
 * lines arrive at exit (a `print(..., flush=True)` sends everything so far),
 * and are lost when a signal kills it. Its log lines go to stderr in
 * loguru's coloured console format, and to massgen.log without colour.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export class BufferedStdout {
  private pending: string[] = [];

  constructor(
    private readonly write: (text: string) => void,
    private readonly unbuffered: boolean,
  ) {}

  /** print(line) — or print(line, flush=True). */
  print(line = '', flush = false): void {
    this.pending.push(line + '\n');
    if (this.unbuffered || flush) this.flush();
  }

  /** What a normal exit does: everything printed reaches the reader. */
  flush(): void {
    if (this.pending.length) this.write(this.pending.join(''));
    this.pending = [];
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');
const clock = (d: Date): string => `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

/** loguru's colours for the console format of massgen/logger_config.py:318. */
const LEVEL_COLOUR: Record<string, string> = { INFO: '\x1b[1m', WARNING: '\x1b[33m\x1b[1m', ERROR: '\x1b[31m\x1b[1m' };

/** "\x1b[32m12:00:01\x1b[0m | \x1b[31m\x1b[1mERROR   \x1b[0m | \x1b[31m\x1b[1mStreaming error: …\x1b[0m" */
export function loguruConsoleLine(level: 'INFO' | 'WARNING' | 'ERROR', message: string, now = new Date()): string {
  const c = LEVEL_COLOUR[level]!;
  return `\x1b[32m${clock(now)}\x1b[0m | ${c}${level.padEnd(8)}\x1b[0m | ${c}${message}\x1b[0m`;
}

/** massgen.log, held open for the run as loguru holds its file sink open. */
export class RunLog {
  private fd: number | undefined;

  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }

  line(level: 'INFO' | 'WARNING' | 'ERROR', message: string): void {
    if (this.fd !== undefined) writeSync(this.fd, `${clock(new Date())} | ${level.padEnd(8)} | ${message}\n`);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
