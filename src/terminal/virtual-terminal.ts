/**
 * A headless terminal emulator (xterm.js) with Unicode 11 widths, wrapped so
 * the rest of termlens sees cells, not xterm's API: only src/terminal/
 * imports xterm.js (.dependency-cruiser.cjs). Used live by the recorder (to
 * wait for text on the screen and answer the program's queries) and offline
 * by the replay loop (replay.ts).
 */
import xtermHeadless from '@xterm/headless';
import unicode11 from '@xterm/addon-unicode11';
import type { Terminal as XTerminal, IBufferLine } from '@xterm/headless';
import { CellReader } from './cell-reader.js';
import { blankCell, toCell } from './cell-decode.js';
import type { Cell, Snapshot } from './types.js';
import { unknownSequenceLogger, type UnknownSequenceReport } from './unknown-sequences.js';
import { synchronousWriter } from './xterm-adapter.js';

const { Terminal } = xtermHeadless as unknown as { Terminal: typeof XTerminal };
const { Unicode11Addon } = unicode11 as unknown as typeof import('@xterm/addon-unicode11');

export interface VirtualTerminalOptions {
  cols: number;
  rows: number;
  /** Lines kept above the screen. @default 1000 */
  scrollback?: number;
}

/** How screen text is read. */
export interface ScreenTextOptions {
  /**
   * Drop trailing whitespace on every line, spaces the program wrote
   * included (as `tmux capture-pane` and VHS do). Off, lines keep what the
   * program wrote and only never-written cells are dropped.
   * @default true
   */
  trimEnd?: boolean;
}

export class VirtualTerminal {
  private readonly xterm: XTerminal;
  private cursorShown = true;
  private title: string | undefined;
  private syncWriter: ((data: string) => void) | undefined | null = null;

  constructor(options: VirtualTerminalOptions) {
    this.xterm = new Terminal({
      cols: options.cols,
      rows: options.rows,
      scrollback: options.scrollback ?? 1000,
      allowProposedApi: true,
      convertEol: false,
    });
    this.xterm.loadAddon(new Unicode11Addon());
    this.xterm.unicode.activeVersion = '11';
    // DECTCEM (cursor shown / hidden) is not exposed by xterm's public API: watch it, and the
    // soft reset (DECSTR) that shows the cursor again, exactly where xterm.js changes its own
    // state (its full reset, RIS, leaves the cursor as it was). Returning false lets xterm
    // process the sequence as usual.
    const parser = this.xterm.parser;
    parser.registerCsiHandler({ prefix: '?', final: 'h' }, (params) => {
      if (params.includes(25)) this.cursorShown = true;
      return false;
    });
    parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
      if (params.includes(25)) this.cursorShown = false;
      return false;
    });
    parser.registerCsiHandler({ intermediates: '!', final: 'p' }, () => {
      this.cursorShown = true;
      return false;
    });
    this.xterm.onTitleChange((t) => {
      this.title = t;
    });
  }

  get cols(): number {
    return this.xterm.cols;
  }

  get rows(): number {
    return this.xterm.rows;
  }

  /** Feed output; resolves once xterm has parsed it. */
  write(data: string): Promise<void> {
    return new Promise((resolve) => this.xterm.write(data, resolve));
  }

  /**
   * Feed output; `parsed` runs the moment xterm has parsed it, before any
   * later output is (a promise would resolve later, after xterm may have
   * parsed more: the recorder relies on this order for resizes and flow
   * control).
   */
  feed(data: string, parsed?: () => void): void {
    this.xterm.write(data, parsed);
  }

  /**
   * Whether writeSync() is available: parsing before returning saves the
   * replay loop a timer turn per frame. Decided by xterm-adapter.ts.
   */
  get parsesSynchronously(): boolean {
    if (this.syncWriter === null) this.syncWriter = synchronousWriter(this.xterm);
    return this.syncWriter !== undefined;
  }

  /** Parse output before returning. Only when `parsesSynchronously`; otherwise use write(). */
  writeSync(data: string): void {
    if (!this.parsesSynchronously || !this.syncWriter) throw new Error('this xterm.js cannot parse synchronously; use write()');
    this.syncWriter(data);
  }

  /** Data the terminal sends back to the program (answers to queries such as cursor position or device attributes). */
  onReply(listener: (data: string) => void): () => void {
    const subscription = this.xterm.onData(listener);
    return () => subscription.dispose();
  }

  /**
   * Report every control sequence xterm.js does not understand, as it
   * parses it, until the returned function is called.
   */
  onUnknownSequence(listener: (sequence: UnknownSequenceReport) => void): () => void {
    const { logger, logLevel } = this.xterm.options;
    this.xterm.options.logger = unknownSequenceLogger(listener);
    this.xterm.options.logLevel = 'debug';
    return () => {
      this.xterm.options.logLevel = logLevel ?? 'info';
      this.xterm.options.logger = logger ?? null;
    };
  }

  resize(cols: number, rows: number): void {
    this.xterm.resize(cols, rows);
  }

  /** Whether the program shows the cursor (DECTCEM, `CSI ? 25 h` / `l`), as of the output parsed so far. */
  get cursorVisible(): boolean {
    return this.cursorShown;
  }

  /** True while the program asked for synchronized output (mode 2026): the screen is mid-update. */
  get synchronizedOutput(): boolean {
    return this.xterm.modes.synchronizedOutputMode;
  }

  /** True while the program asked for application cursor keys (DECCKM): arrow keys are sent as `ESC O A`, not `ESC [ A`. */
  get applicationCursorKeys(): boolean {
    return this.xterm.modes.applicationCursorKeysMode;
  }

  /**
   * Where the cursor is drawn on the visible screen: undefined while the
   * program hides it or the view is scrolled back from the bottom.
   */
  visibleCursor(): { x: number; y: number } | undefined {
    const buffer = this.xterm.buffer.active;
    if (!this.cursorShown || buffer.viewportY !== buffer.baseY) return undefined;
    return { x: buffer.cursorX, y: buffer.cursorY };
  }

  /** `wrapped[y]`: row y of the visible screen continues row y−1 because text ran past the right edge. */
  wrappedRows(): boolean[] {
    const buffer = this.xterm.buffer.active;
    const out: boolean[] = [];
    for (let y = 0; y < this.rows; y++) out.push(buffer.getLine(buffer.viewportY + y)?.isWrapped ?? false);
    return out;
  }

  /** A reader of the visible screen's raw cell words, for comparing whole screens fast (see cell-reader.ts). */
  cellReader(): CellReader {
    return new CellReader(this.xterm);
  }

  /** The visible screen as cells. */
  snapshot(time = 0): Snapshot {
    const buffer = this.xterm.buffer.active;
    const lines: Cell[][] = [];
    const scratch = buffer.getNullCell();
    for (let y = 0; y < this.rows; y++) {
      const line = buffer.getLine(buffer.viewportY + y);
      const row: Cell[] = [];
      for (let x = 0; x < this.cols; x++) {
        const cell = line?.getCell(x, scratch);
        row.push(cell ? toCell(cell) : blankCell());
      }
      lines.push(row);
    }
    return {
      time,
      cols: this.cols,
      rows: this.rows,
      lines,
      cursor: { x: buffer.cursorX, y: buffer.cursorY, visible: this.cursorShown },
      altScreen: buffer.type === 'alternate',
      ...(this.title !== undefined ? { title: this.title } : {}),
    };
  }

  /**
   * The visible screen as plain text, one line per row (every row, blank
   * ones too), each line without trailing whitespace unless
   * `trimEnd: false`: the same lines as `snapshotLines(snapshot())`.
   */
  text(options: ScreenTextOptions = {}): string {
    const buffer = this.xterm.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < this.rows; y++) out.push(lineText(buffer.getLine(buffer.viewportY + y), options));
    return out.join('\n');
  }

  /** The line the cursor is on (VHS's `Wait+Line` scope), trimmed as `text()` trims. */
  cursorLine(options: ScreenTextOptions = {}): string {
    const buffer = this.xterm.buffer.active;
    return lineText(buffer.getLine(buffer.viewportY + buffer.cursorY), options);
  }

  dispose(): void {
    this.xterm.dispose();
  }
}

/**
 * xterm's translateToString(true) drops only cells never written; spaces a
 * program printed (a prompt's "$ ", padding) stay, so they are trimmed here.
 */
function lineText(line: IBufferLine | undefined, options: ScreenTextOptions): string {
  const text = line?.translateToString(true) ?? '';
  return options.trimEnd === false ? text : text.trimEnd();
}
