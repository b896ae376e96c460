/**
 * Streaming asciicast reader: v2 (absolute times) and v3 (intervals, `#`
 * comments, `x` exit events). Lines are read one at a time so a 1 GB cast
 * never sits in memory whole.
 */
import { once } from 'node:events';
import { createReadStream, type ReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInterface, type Interface } from 'node:readline';
import { TermlensError, quote } from '../errors/index.js';
import type { CastEvent, CastEventCode, CastHeader } from './types.js';

const KNOWN_CODES = new Set<CastEventCode>(['o', 'i', 'm', 'r', 'x']);

export interface CastFile {
  header: CastHeader;
  /** Events in order, times absolute seconds. Iterate once. */
  events: AsyncIterable<CastEvent>;
}

/**
 * The largest terminal a cast may declare (in its header or a resize event),
 * the same bounds as `record --cols/--rows`: a 97-byte file claiming
 * 100000×2000 would otherwise allocate gigabytes of screen before reading a
 * single event.
 */
export const MAX_CAST_COLS = 1000;
export const MAX_CAST_ROWS = 500;

/** The column of a JSON syntax error, when V8 says where it is. */
function jsonColumn(error: unknown): number {
  const m = /position (\d+)/.exec((error as Error)?.message ?? '');
  return m ? Number(m[1]) + 1 : 1;
}

function sizeProblem(cols: number, rows: number): string | undefined {
  if (cols <= MAX_CAST_COLS && rows <= MAX_CAST_ROWS) return undefined;
  return `declares a ${cols}×${rows} terminal; termlens reads casts up to ${MAX_CAST_COLS}×${MAX_CAST_ROWS}`;
}

function malformed(path: string, line: number, what: string, column = 1): TermlensError {
  return new TermlensError(`${path}:${line}:${column}: ${what}`, {
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
  } catch (e) {
    throw malformed(path, lineNo, `the header is not JSON: ${quote(text.slice(0, 80))}`, jsonColumn(e));
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw malformed(path, lineNo, 'the header must be a JSON object with "version", "width" and "height"');
  }
  const h = raw as Record<string, unknown>;
  if (h.version === 2) {
    if (!isPositiveInt(h.width) || !isPositiveInt(h.height)) {
      throw malformed(path, lineNo, `the v2 header needs positive integer "width" and "height", got ${quote(`${h.width}x${h.height}`)}`);
    }
    const tooBig = sizeProblem(h.width, h.height);
    if (tooBig) throw malformed(path, lineNo, `the header ${tooBig}`);
    return { ...h, version: 2, width: h.width, height: h.height } as CastHeader;
  }
  if (h.version === 3) {
    const term = (h.term ?? {}) as Record<string, unknown>;
    if (!isPositiveInt(term.cols) || !isPositiveInt(term.rows)) {
      throw malformed(path, lineNo, 'the v3 header needs "term": {"cols", "rows"} as positive integers');
    }
    const tooBig = sizeProblem(term.cols, term.rows);
    if (tooBig) throw malformed(path, lineNo, `the header ${tooBig}`);
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
  } catch (e) {
    throw malformed(path, lineNo, `not valid JSON: ${quote(text.slice(0, 80))}`, jsonColumn(e));
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

/** A cast opened by `openCast`, with a way to let go of it early. */
export interface OpenedCast extends CastFile {
  /**
   * Stop reading events and close the file. Only needed when `events` was
   * started but neither finished nor left with `break`/`return`/`throw`
   * (a `for await` loop closes it by itself); safe to call more than once.
   */
  close(): Promise<void>;
}

/** The longest header line read before the file is judged not to be a cast. */
const MAX_HEADER_BYTES = 4 << 20;

/**
 * Open a cast: reads the header now; the events are read lazily, and the
 * file is open only while they are being iterated, so reading just the
 * header holds no file descriptor.
 */
export async function openCast(path: string): Promise<OpenedCast> {
  const { text, lineNo, offset } = await readHeaderLine(path);
  const header = parseHeader(text, path, lineNo);
  let stream: ReadStream | undefined;
  let lines: Interface | undefined;
  let closed = false;

  async function* events(): AsyncGenerator<CastEvent> {
    if (closed) return;
    stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20, start: offset });
    lines = createInterface({ input: stream, crlfDelay: Infinity });
    try {
      for await (const event of eventsFrom(lines, header, path, lineNo)) {
        // readline may still hold lines it read before close(): drop them.
        if (closed) return;
        yield event;
      }
    } finally {
      release();
    }
  }

  // readline's close() leaves its input open; the stream has to be destroyed to close the file.
  const release = () => {
    lines?.close();
    stream?.destroy();
  };

  return {
    header,
    events: events(),
    async close() {
      closed = true;
      const s = stream;
      release();
      if (s && !s.closed) await once(s, 'close');
    },
  };
}

/**
 * The first non-blank line of the file, its 1-based line number and the
 * byte offset where the next line starts. The file is closed before this
 * returns.
 */
export async function readHeaderLine(path: string): Promise<{ text: string; lineNo: number; offset: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw new Error('not a file');
    }
  } catch {
    throw new TermlensError(`cast file ${quote(path)} does not exist or is not a file`, {
      code: 'not-found',
      stage: 'cast',
      hint: 'Check the path; record one with `termlens record -o session.cast -- CMD`.',
    });
  }
  try {
    const chunk = Buffer.alloc(64 * 1024);
    let buf = Buffer.alloc(0);
    let base = 0; // file offset of buf[0]
    let eof = false;
    let lineNo = 1;
    let scanned = 0; // bytes of buf already searched for a line end
    for (;;) {
      // Line ends as readline sees them: \n, \r\n or a lone \r.
      let end = -1;
      for (let i = scanned; i < buf.length; i++) {
        if (buf[i] === 0x0a || buf[i] === 0x0d) {
          end = i;
          break;
        }
      }
      const needMore = end < 0 || (buf[end] === 0x0d && end === buf.length - 1);
      if (needMore && !eof) {
        scanned = end < 0 ? buf.length : end;
        if (buf.length > MAX_HEADER_BYTES) throw malformed(path, lineNo, `the first line is longer than ${MAX_HEADER_BYTES >> 20} MiB; this is not an asciicast header`);
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, base + buf.length);
        if (bytesRead === 0) eof = true;
        else buf = Buffer.concat([buf, chunk.subarray(0, bytesRead)]);
        continue;
      }
      const lineEnd = end < 0 ? buf.length : end;
      const next = end < 0 ? buf.length : end + (buf[end] === 0x0d && buf[end + 1] === 0x0a ? 2 : 1);
      const text = buf.subarray(0, lineEnd).toString('utf8');
      if (text.trim() !== '') return { text, lineNo, offset: base + next };
      if (end < 0) throw malformed(path, 1, 'the file is empty');
      buf = buf.subarray(next);
      base += next;
      scanned = 0;
      lineNo++;
    }
  } finally {
    await handle.close();
  }
}

export async function* eventsFrom(lines: AsyncIterable<string>, header: CastHeader, path: string, startLine: number): AsyncGenerator<CastEvent> {
  let lineNo = startLine;
  let clock = 0;
  let lastTime = 0;
  for await (const text of lines) {
    lineNo++;
    if (text.trim() === '') continue;
    if (header.version === 3 && text.startsWith('#')) continue;
    const ev = parseEventLine(text, path, lineNo);
    if (ev.code === 'r') {
      const size = /^\s*(\d+)x(\d+)\s*$/.exec(ev.data);
      const tooBig = size && sizeProblem(Number(size[1]), Number(size[2]));
      if (tooBig) throw malformed(path, lineNo, `the resize event ${tooBig}`);
    }
    // v3 stores intervals (an ignored event's interval still counts); v2 absolute times,
    // clamped when out of order, as players do.
    clock = header.version === 3 ? clock + ev.t : Math.max(lastTime, ev.t);
    lastTime = clock;
    if (ev.code) yield { time: clock, code: ev.code, data: ev.data };
  }
}

/** Read a whole cast into memory; for small casts and tests. */
export async function readCast(path: string): Promise<{ header: CastHeader; events: CastEvent[] }> {
  const { header, events } = await openCast(path);
  const all: CastEvent[] = [];
  for await (const e of events) all.push(e);
  return { header, events: all };
}
