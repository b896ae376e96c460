/**
 * The recorder's own view of the screen: a terminal emulator that reads the
 * cast as it is written. Wait steps read it, key steps ask it whether the
 * program switched cursor keys to application mode, and it answers the
 * program's queries (cursor position, device attributes) as a real terminal
 * would, so programs that ask do not hang.
 *
 * Parsing is the dearest part of recording (xterm.js parses a flood several
 * times slower than a PTY delivers it, and on a busy machine the cores it
 * takes are the ones the program and the cast writer need), so the emulator
 * lags behind and only catches up when something needs the screen:
 * - a query appears in the output (QUERY below, every kind xterm.js
 *   answers): the answer depends on the screen as it is right there, so the
 *   emulator catches up at once, and the program, which waits for it,
 *   writes nothing meanwhile;
 * - a step looks at the screen (`settled()`).
 * A flood that asks nothing is never parsed while it runs, and nothing holds
 * the PTY back: the program writes at the speed the cast is written.
 *
 * The emulator runs in a worker thread (screen-worker.ts) and reads what it
 * lags behind from the cast file itself, so the lag costs disk, not memory.
 */
import { Worker } from 'node:worker_threads';
import { TermlensError } from '../errors/index.js';

/**
 * Sequences a terminal answers: CSI … c (device attributes), n (status
 * reports, cursor position), $p (mode reports), q (version), t (window
 * reports), u (keyboard flags); DCS (status strings); OSC … ? (colour
 * queries). 7- and 8-bit forms. A false match only costs a catch-up.
 */
const QUERY = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[cnpqtu]|\x1bP|\x90|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*\?/;
/** The longest tail of one read kept to find a query split across two reads. */
const QUERY_TAIL = 64;

/** Where the emulator reads: the cast being written. */
export interface CastSource {
  path: string;
  /** Write out the output held back for coalescing; returns the cast's length in bytes. */
  flush(): number;
}

/** What the worker sends once it has caught up: the screen as it is after everything read so far. */
export interface ScreenSnapshot {
  /** Every row, as the program wrote it (trailing blanks kept). */
  text: string;
  cursorLine: string;
  applicationCursorKeys: boolean;
}

/** What the worker needs to start: the cast and where its events begin. */
export interface ScreenWorkerData {
  castPath: string;
  /** Byte offset of the first event line (just after the header). */
  start: number;
  cols: number;
  rows: number;
}

/** Messages to the worker: read the cast up to byte `upTo`, then answer with the screen. */
export type ToScreen = { kind: 'catch-up'; id: number; upTo: number };

/** Messages from the worker. */
type FromScreen = { kind: 'reply'; data: string } | { kind: 'caught-up'; id: number; screen: ScreenSnapshot };

/**
 * The compiled worker beside this file; from the sources (tsx), the .ts file,
 * loaded through tsx registered in the worker (Node 20 does not pass the main
 * thread's module hooks on to workers).
 */
function startWorker(workerData: ScreenWorkerData): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./screen-worker.js', import.meta.url), { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = new URL('./screen-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`, { eval: true, workerData });
}

export class LiveScreen {
  private readonly worker: Worker;
  private screen: ScreenSnapshot = { text: '', cursorLine: '', applicationCursorKeys: false };
  private tail = '';
  private listeners = new Set<() => void>();
  private catchUps = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private nextId = 0;
  /** The cast's length the worker was last asked to reach: asking again for the same adds nothing. */
  private askedUpTo = -1;
  private failure: Error | undefined;
  private disposed = false;
  /** Outputs fed so far, and how many there were when the program was last sent input. */
  private outputs = 0;
  private outputsAtInput: number | undefined;

  constructor(
    cols: number,
    rows: number,
    private readonly source: CastSource,
    reply: (data: string) => void,
  ) {
    this.worker = startWorker({ castPath: source.path, start: source.flush(), cols, rows });
    // The PTY and the steps keep the process alive; the worker alone never should.
    this.worker.unref();
    this.worker.on('message', (message: FromScreen) => {
      if (message.kind === 'reply') reply(message.data);
      else {
        this.screen = message.screen;
        this.catchUps.get(message.id)?.resolve();
        this.catchUps.delete(message.id);
        this.notify();
      }
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.disposed && !this.failure) this.fail(new Error(`its worker exited with code ${code}`));
    });
  }

  /** The program wrote `data` (on its way to the cast): catch up now if it asks something. */
  feed(data: string): void {
    if (this.disposed || this.failure) return;
    this.outputs++;
    const seen = this.tail + data;
    this.tail = seen.length > QUERY_TAIL ? seen.slice(-QUERY_TAIL) : seen;
    if (QUERY.test(seen)) {
      // The query is answered once; later reads must not find it again in the tail.
      this.tail = '';
      this.catchUpInBackground();
    }
    this.notify();
  }

  /** The program was sent input: until it writes something, the screen does not show its answer yet. */
  inputSent(): void {
    this.outputsAtInput = this.outputs;
  }

  /** Whether the program has written anything since the last input it was sent (true before any input). */
  get answeredInput(): boolean {
    return this.outputsAtInput === undefined || this.outputs > this.outputsAtInput;
  }

  /** Resolves once everything written so far is on the screen (and the screen read from it is current). */
  settled(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.disposed) return Promise.resolve();
    return this.catchUp(true);
  }

  /** Resolves at the next output, resize or caught-up screen, or after `ms`. */
  changed(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.listeners.add(done);
    });
  }

  /** The terminal was resized; the emulator reads the resize from the cast, in order with the output. */
  resize(): void {
    this.notify();
  }

  /** The screen's text, rows joined by newlines, trailing blanks and blank rows dropped. */
  text(): string {
    return this.screen.text
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/\n+$/, '');
  }

  /** The cursor's line without trailing blanks. */
  cursorLine(): string {
    return this.screen.cursorLine.trimEnd();
  }

  /**
   * Whether a wait's pattern matches, with trailing blanks trimmed (so /> $/
   * is not needed for a "> " prompt, as in VHS) or as the program wrote them
   * (so /\$ $/ also finds "$ ").
   */
  matches(regex: RegExp, scope: 'screen' | 'line'): boolean {
    const raw = scope === 'line' ? this.screen.cursorLine : this.screen.text;
    const trimmed = scope === 'line' ? this.cursorLine() : this.text();
    return regex.test(trimmed) || regex.test(raw);
  }

  get applicationCursorKeys(): boolean {
    return this.screen.applicationCursorKeys;
  }

  /** Stop the emulator, wherever it is: after the recording nothing reads the screen or takes an answer. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.notify();
    for (const pending of this.catchUps.values()) pending.resolve();
    this.catchUps.clear();
    void this.worker.terminate();
  }

  /**
   * Ask the worker to read the cast up to its current end. `always` asks
   * even when it was already asked for that much, for a caller that waits
   * on this very request (a step); a query only needs the emulator to get
   * there once.
   */
  private catchUp(always = false): Promise<void> {
    if (this.disposed || this.failure) return Promise.resolve();
    const upTo = this.source.flush();
    if (!always && upTo === this.askedUpTo) return Promise.resolve();
    this.askedUpTo = upTo;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.catchUps.set(id, { resolve, reject });
      this.worker.postMessage({ kind: 'catch-up', id, upTo } satisfies ToScreen);
    });
  }

  /** A catch-up no one waits for: a failure shows at the next `settled()`. */
  private catchUpInBackground(): void {
    this.catchUp().catch(() => undefined);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private fail(cause: Error): void {
    this.failure = new TermlensError(`the recorder's terminal emulator stopped: ${cause.message}`, { code: 'execution', stage: 'record', cause });
    for (const pending of this.catchUps.values()) pending.reject(this.failure);
    this.catchUps.clear();
    this.notify();
  }
}
