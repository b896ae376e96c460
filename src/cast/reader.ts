/**
 * Streaming asciicast reader: v2 (absolute times) and v3 (intervals, `#`
 * comments, `x` exit events). Lines are read one at a time so a 1 GB cast
 * never sits in memory whole.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { TermlensError, quote } from '../errors/index.js';
import type { CastEvent, CastEventCode, CastHeader } from './types.js';

const KNOWN_CODES = new Set<CastEventCode>(['o', 'i', 'm', 'r', 'x']);

export interface CastFile {
  header: CastHeader;
  /** Events in order, times absolute seconds. Iterate once. */
  events: AsyncIterable<CastEvent>;
}

function malformed(path: string, line: number, what: string): TermlensError {
  return new TermlensError(`${path}:${line}: ${what}`, {
    code: 'bad-input',
    stage: 'cast',
    hint: 'Give an asciicast v2 or v3 file (newline-delimited JSON, as written by termlens record or asciinema rec).',
  });
}

/** Parse and normalise the first line of a cast. */
export function parseHeader(text: string, path: string, lineNo = 1): CastHeader {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw malformed(path, lineNo, `the header is not JSON: ${quote(text.slice(0, 80))}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw malformed(path, lineNo, 'the header must be a JSON object with "version", "width" and "height"');
  }
  const h = raw as Record<string, unknown>;
  if (h.version === 2) {
    if (!isPositiveInt(h.width) || !isPositiveInt(h.height)) {
      throw malformed(path, lineNo, `the v2 header needs positive integer "width" and "height", got ${quote(`${h.width}x${h.height}`)}`);
    }
    return { ...h, version: 2, width: h.width, height: h.height } as CastHeader;
  }
  if (h.version === 3) {
    const term = (h.term ?? {}) as Record<string, unknown>;
    if (!isPositiveInt(term.cols) || !isPositiveInt(term.rows)) {
      throw malformed(path, lineNo, 'the v3 header needs "term": {"cols", "rows"} as positive integers');
    }
    const { term: _term, ...rest } = h;
    return {
      ...rest,
      version: 3,
      width: term.cols,
      height: term.rows,
      ...(term.theme ? { theme: term.theme } : {}),
      ...(term.type ? { env: { ...((h.env as Record<string, string>) ?? {}), TERM: String(term.type) } } : {}),
    } as CastHeader;
  }
  throw malformed(path, lineNo, `unsupported asciicast version ${quote(h.version)}; termlens reads versions 2 and 3`);
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** Parse one event line. `code` is undefined for codes termlens does not know, which the format says to ignore. */
export function parseEventLine(text: string, path: string, lineNo: number): { t: number; code: CastEventCode | undefined; data: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw malformed(path, lineNo, `not valid JSON: ${quote(text.slice(0, 80))}`);
  }
  if (!Array.isArray(raw) || raw.length < 3) {
    throw malformed(path, lineNo, `an event must be [time, code, data], got ${quote(text.slice(0, 80))}`);
  }
  const [t, code, data] = raw;
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
    throw malformed(path, lineNo, `the event time must be a non-negative number, got ${quote(t)}`);
  }
  if (typeof code !== 'string') throw malformed(path, lineNo, `the event code must be a string, got ${quote(code)}`);
  const known = KNOWN_CODES.has(code as CastEventCode) ? (code as CastEventCode) : undefined;
  return { t, code: known, data: typeof data === 'string' ? data : JSON.stringify(data) };
}

/** Open a cast: reads the header now, streams events lazily. */
export async function openCast(path: string): Promise<CastFile> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error('not a file');
  } catch {
    throw new TermlensError(`cast file ${quote(path)} does not exist or is not a file`, {
      code: 'not-found',
      stage: 'cast',
      hint: 'Check the path; record one with `termlens record -o session.cast -- CMD`.',
    });
  }
  const lines = readLines(path);
  const iterator = lines[Symbol.asyncIterator]();
  let lineNo = 0;
  let first: IteratorResult<string>;
  do {
    first = await iterator.next();
    lineNo++;
  } while (!first.done && first.value.trim() === '');
  if (first.done) {
    throw malformed(path, 1, 'the file is empty');
  }
  const header = parseHeader(first.value, path, lineNo);
  const events = eventsFrom(iterator, header, path, lineNo);
  return { header, events };
}

async function* eventsFrom(
  iterator: AsyncIterator<string>,
  header: CastHeader,
  path: string,
  startLine: number,
): AsyncGenerator<CastEvent> {
  let lineNo = startLine;
  let clock = 0;
  let lastTime = 0;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      lineNo++;
      const text = next.value;
      if (text.trim() === '') continue;
      if (header.version === 3 && text.startsWith('#')) continue;
      const ev = parseEventLine(text, path, lineNo);
      // v3 stores intervals (an ignored event's interval still counts); v2 absolute times,
      // clamped when out of order, as players do.
      clock = header.version === 3 ? clock + ev.t : Math.max(lastTime, ev.t);
      lastTime = clock;
      if (ev.code) yield { time: clock, code: ev.code, data: ev.data };
    }
  } finally {
    await iterator.return?.();
  }
}

function readLines(path: string): AsyncIterable<string> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  return createInterface({ input: stream, crlfDelay: Infinity });
}

/** Read a whole cast into memory; for small casts and tests. */
export async function readCast(path: string): Promise<{ header: CastHeader; events: CastEvent[] }> {
  const { header, events } = await openCast(path);
  const all: CastEvent[] = [];
  for await (const e of events) all.push(e);
  return { header, events: all };
}
