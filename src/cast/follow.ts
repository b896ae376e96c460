/**
 * Reading a cast while it is still being written: the header once its line
 * is whole, then events as their lines arrive, until the writer says it has
 * ended and everything it wrote has been read. Events are the ones
 * `openCast` yields for the finished file (same parser, same times).
 */
import { open, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';
import { TermlensError, quote } from '../errors/index.js';
import { eventsFrom, parseHeader, readHeaderLine } from './reader.js';
import type { CastFile } from './reader.js';

/** How long to wait for more of the file when the last read found nothing new. */
const POLL_MS = 50;

export interface FollowOptions {
  /** True once the writer has closed the file: what is on disk then is the whole cast. */
  ended(): boolean;
  signal?: AbortSignal;
}

/** Lines appended to `path` from byte `start` on, as they become whole; the last, unterminated one once the writer has ended. */
async function* tailLines(path: string, start: number, options: FollowOptions): AsyncGenerator<string> {
  const handle = await open(path, 'r');
  const chunk = Buffer.alloc(1 << 20);
  const decoder = new StringDecoder('utf8');
  let position = start;
  let rest = '';
  try {
    for (;;) {
      if (options.signal?.aborted) return;
      // Asked before reading: a read after the writer ended sees everything it wrote.
      const finished = options.ended();
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead > 0) {
        position += bytesRead;
        const lines = (rest + decoder.write(chunk.subarray(0, bytesRead))).split('\n');
        // split always gives at least one piece: the unfinished line after the last newline.
        rest = lines.pop() ?? '';
        for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
        continue;
      }
      if (finished) {
        rest += decoder.end();
        if (rest !== '') yield rest;
        return;
      }
      await sleep(POLL_MS);
    }
  } finally {
    await handle.close();
  }
}

/** True once the file exists and holds a whole first line (the header). */
async function headerWritten(path: string): Promise<boolean> {
  try {
    if ((await stat(path)).size === 0) return false;
    const handle = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
      return buffer.subarray(0, bytesRead).includes(0x0a);
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

/** Follow a cast that a recorder is writing; the header is read as soon as it is on disk. */
export async function followCast(path: string, options: FollowOptions): Promise<CastFile> {
  for (;;) {
    if (options.signal?.aborted) throw new TermlensError('following the cast was interrupted', { code: 'interrupted', stage: 'cast' });
    const finished = options.ended();
    if (await headerWritten(path)) break;
    if (finished) {
      throw new TermlensError(`the recording ended without writing a cast header to ${quote(path)}`, {
        code: 'bad-input',
        stage: 'cast',
        hint: 'See the record stage for why the recording stopped.',
      });
    }
    await sleep(POLL_MS);
  }
  const { text, lineNo, offset } = await readHeaderLine(path);
  const header = parseHeader(text, path, lineNo);
  return { header, events: eventsFrom(tailLines(path, offset, options), header, path, lineNo) };
}
