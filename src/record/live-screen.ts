/**
 * The recorder's own view of the screen: a terminal emulator fed with the
 * program's output as it arrives. Wait steps read it, key steps ask it
 * whether the program switched cursor keys to application mode, and it
 * answers the program's queries (cursor position, device attributes) as a
 * real terminal would, so programs that ask do not hang.
 *
 * The emulator runs in a worker thread (screen-worker.ts): xterm.js parses
 * slower than a flood arrives, and on the main thread it would hold up
 * reading the PTY and writing the cast. Reading the screen is a snapshot the
 * worker sends on `settled()`, which every step awaits before it looks.
 *
 * When more than HIGH_WATER characters wait to be parsed the PTY is paused
 * (the program blocks on its writes, as it would on a slow terminal) and
 * resumed below LOW_WATER, so memory stays bounded. A pause never lasts
 * longer than MAX_PAUSE_MS: node-pty gives up reading 200 ms after the
 * program exits, and output still in the kernel's buffer then would be lost.
 */
import { Worker } from 'node:worker_threads';
import { TermlensError } from '../errors/index.js';

const HIGH_WATER = 4 << 20;
const LOW_WATER = 1 << 20;
const MAX_PAUSE_MS = 50;

export interface FlowControl {
  pause(): void;
  resume(): void;
}

/** What the worker sends when asked to settle: the screen as it is after everything fed so far. */
export interface ScreenSnapshot {
  /** Every row, as the program wrote it (trailing blanks kept). */
  text: string;
  cursorLine: string;
  applicationCursorKeys: boolean;
}

/** Messages to the worker. */
export type ToScreen = { kind: 'feed'; data: string } | { kind: 'resize'; cols: number; rows: number } | { kind: 'settle'; id: number };

/** Messages from the worker. */
type FromScreen = { kind: 'reply'; data: string } | { kind: 'parsed'; chars: number } | { kind: 'snapshot'; id: number; screen: ScreenSnapshot };

/**
 * The compiled worker beside this file; from the sources (tsx), the .ts file,
 * loaded through tsx registered in the worker (Node 20 does not pass the main
 * thread's module hooks on to workers).
 */
function startWorker(workerData: { cols: number; rows: number }): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./screen-worker.js', import.meta.url), { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = new URL('./screen-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`, { eval: true, workerData });
}

export class LiveScreen {
  private readonly worker: Worker;
  private screen: ScreenSnapshot = { text: '', cursorLine: '', applicationCursorKeys: false };
  private pendingChars = 0;
  private unsent: string[] = [];
  private paused = false;
  private pauseTimer: NodeJS.Timeout | undefined;
  private listeners = new Set<() => void>();
  private settles = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;
  private disposed = false;

  constructor(
    cols: number,
    rows: number,
    private readonly flow: FlowControl,
    reply: (data: string) => void,
  ) {
    this.worker = startWorker({ cols, rows });
    // The PTY and the steps keep the process alive; the worker alone never should.
    this.worker.unref();
    this.worker.on('message', (message: FromScreen) => {
      if (message.kind === 'reply') reply(message.data);
      else if (message.kind === 'parsed') this.parsed(message.chars);
      else {
        this.screen = message.screen;
        this.settles.get(message.id)?.resolve();
        this.settles.delete(message.id);
      }
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.disposed && !this.failure) this.fail(new Error(`its worker exited with code ${code}`));
    });
  }

  feed(data: string): void {
    if (this.disposed || this.failure) return;
    this.pendingChars += data.length;
    // Chunks read in one turn of the event loop go over as one message: a flood is thousands of reads.
    if (this.unsent.length === 0) setImmediate(() => this.send());
    this.unsent.push(data);
    if (!this.paused && this.pendingChars > HIGH_WATER) this.pauseFlow();
  }

  private send(): void {
    if (this.unsent.length === 0 || this.disposed) return;
    const data = this.unsent.length === 1 ? this.unsent[0]! : this.unsent.join('');
    this.unsent = [];
    this.worker.postMessage({ kind: 'feed', data } satisfies ToScreen);
  }

  /** Resolves once everything fed so far is on the screen (and the screen read from it is current). */
  settled(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.disposed) return Promise.resolve();
    const id = this.nextId++;
    this.send();
    return new Promise((resolve, reject) => {
      this.settles.set(id, { resolve, reject });
      this.worker.postMessage({ kind: 'settle', id } satisfies ToScreen);
    });
  }

  /** Resolves at the next parsed chunk of output (or resize), or after `ms`. */
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

  resize(cols: number, rows: number): void {
    this.send();
    if (!this.disposed) this.worker.postMessage({ kind: 'resize', cols, rows } satisfies ToScreen);
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

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.resumeFlow();
    this.notify();
    for (const settle of this.settles.values()) settle.resolve();
    this.settles.clear();
    void this.worker.terminate();
  }

  private parsed(chars: number): void {
    this.pendingChars -= chars;
    if (this.paused && this.pendingChars <= LOW_WATER) this.resumeFlow();
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private fail(cause: Error): void {
    this.failure = new TermlensError(`the recorder's terminal emulator stopped: ${cause.message}`, { code: 'execution', stage: 'record', cause });
    this.resumeFlow();
    for (const settle of this.settles.values()) settle.reject(this.failure);
    this.settles.clear();
    this.notify();
  }

  private pauseFlow(): void {
    this.paused = true;
    this.flow.pause();
    this.pauseTimer = setTimeout(() => this.resumeFlow(), MAX_PAUSE_MS);
  }

  private resumeFlow(): void {
    clearTimeout(this.pauseTimer);
    this.pauseTimer = undefined;
    if (!this.paused) return;
    this.paused = false;
    this.flow.resume();
  }
}
