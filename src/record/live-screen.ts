/**
 * The recorder's own view of the screen: a VirtualTerminal fed with the
 * program's output as it arrives. Wait steps read it, key steps ask it
 * whether the program switched cursor keys to application mode, and it
 * answers the program's queries (cursor position, device attributes) as a
 * real terminal would, so programs that ask do not hang.
 *
 * xterm.js parses roughly 20 MB/s, slower than a flood arrives. When more
 * than HIGH_WATER characters wait to be parsed the PTY is paused (the
 * program blocks on its writes, as it would on a slow terminal) and resumed
 * below LOW_WATER, so memory stays bounded. A pause never lasts longer than
 * MAX_PAUSE_MS: node-pty gives up reading 200 ms after the program exits,
 * and output still in the kernel's buffer then would be lost.
 */
import { VirtualTerminal } from '../terminal/index.js';

const HIGH_WATER = 1 << 20;
const LOW_WATER = 256 << 10;
const MAX_PAUSE_MS = 50;

export interface FlowControl {
  pause(): void;
  resume(): void;
}

export class LiveScreen {
  readonly terminal: VirtualTerminal;
  private pendingChars = 0;
  private paused = false;
  private pauseTimer: NodeJS.Timeout | undefined;
  private listeners = new Set<() => void>();
  private disposed = false;

  constructor(
    cols: number,
    rows: number,
    private readonly flow: FlowControl,
    reply: (data: string) => void,
  ) {
    // No scrollback: only the visible screen matters here, and floods scroll a lot.
    this.terminal = new VirtualTerminal({ cols, rows, scrollback: 0 });
    this.terminal.xterm.onData((data) => reply(data));
  }

  feed(data: string): void {
    if (this.disposed) return;
    this.pendingChars += data.length;
    this.terminal.xterm.write(data, () => {
      this.pendingChars -= data.length;
      if (this.paused && this.pendingChars <= LOW_WATER) this.resumeFlow();
      for (const listener of [...this.listeners]) listener();
    });
    if (!this.paused && this.pendingChars > HIGH_WATER) this.pauseFlow();
  }

  /** Resolves once everything fed so far is on the screen. */
  settled(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    return this.terminal.write('');
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
    this.terminal.resize(cols, rows);
    for (const listener of [...this.listeners]) listener();
  }

  /** The screen's text, rows joined by newlines, trailing blanks and blank rows dropped. */
  text(): string {
    return this.terminal
      .text()
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/\n+$/, '');
  }

  /** The cursor's line without trailing blanks. */
  cursorLine(): string {
    return this.terminal.cursorLine().trimEnd();
  }

  /**
   * Whether a wait's pattern matches, with trailing blanks trimmed (so /> $/
   * is not needed for a "> " prompt, as in VHS) or as the program wrote them
   * (so /\$ $/ also finds "$ ").
   */
  matches(regex: RegExp, scope: 'screen' | 'line'): boolean {
    if (scope === 'line') {
      const raw = this.terminal.cursorLine({ trimEnd: false });
      return regex.test(raw.trimEnd()) || regex.test(raw);
    }
    const raw = this.terminal.text({ trimEnd: false });
    return regex.test(this.text()) || regex.test(raw);
  }

  get applicationCursorKeys(): boolean {
    return this.terminal.xterm.modes.applicationCursorKeysMode;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.resumeFlow();
    for (const listener of [...this.listeners]) listener();
    this.terminal.dispose();
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
