/**
 * A headless terminal emulator (xterm.js) with Unicode 11 widths, wrapped so
 * the rest of termlens sees cells, not xterm's API. Used live by the recorder
 * (to wait for text on the screen) and offline by replay.
 */
import xtermHeadless from '@xterm/headless';
import unicode11 from '@xterm/addon-unicode11';
import type { Terminal as XTerminal, IBufferCell, IBufferLine } from '@xterm/headless';
import { Attr, DEFAULT_COLOR, RGB_FLAG, type Cell, type ColorRef, type Snapshot } from './types.js';

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
  readonly xterm: XTerminal;
  private cursorShown = true;
  private title: string | undefined;
  /** Counts of control sequences xterm.js did not handle, for the inspector. */
  readonly unhandledSequences = new Map<string, number>();

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

export function blankCell(): Cell {
  return { char: ' ', width: 1, fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, attrs: 0 };
}

function colorOf(mode: 'fg' | 'bg', cell: IBufferCell): ColorRef {
  if (mode === 'fg') {
    if (cell.isFgDefault()) return DEFAULT_COLOR;
    if (cell.isFgRGB()) return RGB_FLAG | cell.getFgColor();
    return cell.getFgColor();
  }
  if (cell.isBgDefault()) return DEFAULT_COLOR;
  if (cell.isBgRGB()) return RGB_FLAG | cell.getBgColor();
  return cell.getBgColor();
}

function toCell(cell: IBufferCell): Cell {
  const width = cell.getWidth() as 0 | 1 | 2;
  const chars = cell.getChars();
  let attrs = 0;
  if (cell.isBold()) attrs |= Attr.bold;
  if (cell.isItalic()) attrs |= Attr.italic;
  if (cell.isDim()) attrs |= Attr.dim;
  if (cell.isUnderline()) attrs |= Attr.underline;
  if (cell.isBlink()) attrs |= Attr.blink;
  if (cell.isInverse()) attrs |= Attr.inverse;
  if (cell.isInvisible()) attrs |= Attr.invisible;
  if (cell.isStrikethrough()) attrs |= Attr.strikethrough;
  if (cell.isOverline()) attrs |= Attr.overline;
  return {
    char: width === 0 ? '' : chars === '' ? ' ' : chars,
    width,
    fg: colorOf('fg', cell),
    bg: colorOf('bg', cell),
    attrs,
  };
}
