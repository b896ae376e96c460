/**
 * The one place that reaches past xterm.js's public API. Everything else in
 * termlens goes through VirtualTerminal, the replay loop and CellReader, and
 * only src/terminal/ imports @xterm/* at all (.dependency-cruiser.cjs).
 *
 * Two private paths, both for the renderer's speed, each checked once per
 * process against the public API before it is trusted:
 *
 * 1. Synchronous parsing (`Terminal._core.writeSync`). The public `write`
 *    parses in a timer turn and reports through a callback: waiting for it
 *    costs about a millisecond per video frame, a large share of a busy
 *    render. A replay has nobody to answer and nothing interactive, which is
 *    the case xterm.js's "unreliable" warning is about.
 * 2. Raw cell words. xterm.js keeps each line as a Uint32Array of three
 *    words per cell (content: code point, "combined" flag and width; fg and
 *    bg: colours and attribute bits), and its scratch cell (CellData) carries
 *    the same three words. Comparing a whole screen then costs a few thousand
 *    integer compares instead of a dozen method calls per cell.
 *
 * When a future xterm.js renames or reshapes either, the check fails and the
 * public API is used instead: asynchronous writes, and cell words built from
 * the public cell methods (same layout of the content word, see
 * `copyWordsFromApi`). Slower, never wrong.
 */
import xtermHeadless from '@xterm/headless';
import type { Terminal as XTerminal, IBufferCell, IBufferLine } from '@xterm/headless';

const { Terminal } = xtermHeadless as unknown as { Terminal: typeof XTerminal };

/** Layout of a cell's content word, as xterm.js packs it (and `copyWordsFromApi` mirrors). */
export const CONTENT_CODEPOINT_MASK = 0x1fffff;
export const CONTENT_COMBINED_FLAG = 0x200000;
export const CONTENT_WIDTH_SHIFT = 22;

interface PrivateCore {
  _core?: { writeSync?: (data: string) => void };
}
interface PrivateLine {
  _line?: { _data?: unknown };
}
interface PrivateCell {
  content?: unknown;
  fg?: unknown;
  bg?: unknown;
}

/** Which private paths this process's xterm.js has, as checked by `probe`. */
export interface PrivateAccess {
  writeSync: boolean;
  rawWords: boolean;
}

let checked: PrivateAccess | undefined;

/** Checked on first use, once per process: a small terminal written both ways and read both ways. */
export function privateAccess(): PrivateAccess {
  checked ??= probe();
  return checked;
}

/**
 * Use the public API alone from now on, in this process: for tests that hold
 * the fast paths to the public one, and for ruling the private paths out when
 * a screen looks wrong after an xterm.js upgrade. Terminals made before keep
 * the writer they have.
 */
export function usePublicApiOnly(): void {
  checked = { writeSync: false, rawWords: false };
}

function probe(): PrivateAccess {
  const xterm = new Terminal({ cols: 4, rows: 1, allowProposedApi: true, logLevel: 'off' });
  try {
    const writeSync = (xterm as unknown as PrivateCore)._core?.writeSync;
    if (typeof writeSync !== 'function') return { writeSync: false, rawWords: false };
    // Bold red "A", then a wide character: the words must agree with what the public API says.
    writeSync.call((xterm as unknown as Required<PrivateCore>)._core, '\x1b[1;31mA\x1b[0m界');
    const line = xterm.buffer.active.getLine(0);
    const cell = xterm.buffer.active.getNullCell();
    const parsed = line?.getCell(0, cell)?.getChars() === 'A' && cell.isBold() !== 0 && cell.getFgColor() === 1;
    if (!line || !parsed) return { writeSync: false, rawWords: false };
    const words = lineWords(line, 4);
    const a: CellWords = { content: 0, fg: 0, bg: 0 };
    const rawWords =
      !!words &&
      copyCellWords(cell, a) &&
      words[0] === a.content &&
      words[1] === a.fg &&
      words[2] === a.bg &&
      (a.content & CONTENT_CODEPOINT_MASK) === 0x41 &&
      (a.content >>> CONTENT_WIDTH_SHIFT) === 1 &&
      ((words[3] ?? 0) & CONTENT_CODEPOINT_MASK) === 0x754c &&
      ((words[3] ?? 0) >>> CONTENT_WIDTH_SHIFT) === 2;
    return { writeSync: true, rawWords };
  } catch {
    return { writeSync: false, rawWords: false };
  } finally {
    xterm.dispose();
  }
}

/**
 * A function that parses output before it returns, or undefined when this
 * xterm.js has no such path (callers then use the public `write`).
 */
export function synchronousWriter(xterm: XTerminal): ((data: string) => void) | undefined {
  if (!privateAccess().writeSync) return undefined;
  const core = (xterm as unknown as Required<PrivateCore>)._core as { writeSync: (data: string) => void };
  let warned = false;
  return (data) => {
    if (!warned) {
      // xterm.js warns once, on the console, that writeSync is unreliable for interactive use; a
      // replay is not interactive. A logger installed by the caller (unknown-sequence reports) gets
      // the warning instead, and ignores it.
      if (!xterm.options.logger) xterm.options.logLevel = 'off';
      warned = true;
    }
    core.writeSync(data);
  };
}

/** The raw words of a line (three per cell), or undefined when xterm.js does not expose them. */
export function lineWords(line: IBufferLine, cols: number): Uint32Array | undefined {
  if (checked && !checked.rawWords) return undefined;
  const data = (line as unknown as PrivateLine)._line?._data;
  return data instanceof Uint32Array && data.length >= cols * 3 ? data : undefined;
}

/** A cell's three words. */
export interface CellWords {
  content: number;
  fg: number;
  bg: number;
}

/**
 * Copy the raw words of a loaded scratch cell into `into` (no allocation: this runs for every
 * changed cell of every frame); false when xterm.js does not expose them.
 */
export function copyCellWords(cell: IBufferCell, into: CellWords): boolean {
  if (checked && !checked.rawWords) return false;
  const { content, fg, bg } = cell as unknown as PrivateCell;
  if (typeof content !== 'number' || typeof fg !== 'number' || typeof bg !== 'number') return false;
  into.content = content;
  into.fg = fg;
  into.bg = bg;
  return true;
}

/**
 * Words equivalent to the raw ones, from the public API alone: the content
 * word in xterm.js's layout, fg and bg as distinct keys (not xterm.js's bit
 * layout: they are only compared with each other, never decoded).
 */
export function copyWordsFromApi(c: IBufferCell, into: CellWords): void {
  const combined = [...c.getChars()].length > 1;
  const content = (c.getCode() & CONTENT_CODEPOINT_MASK) | (combined ? CONTENT_COMBINED_FLAG : 0) | (c.getWidth() << CONTENT_WIDTH_SHIFT);
  const attrBits =
    (c.isBold() ? 1 : 0) | (c.isItalic() ? 2 : 0) | (c.isDim() ? 4 : 0) | (c.isUnderline() ? 8 : 0) | (c.isInverse() ? 16 : 0) |
    (c.isInvisible() ? 32 : 0) | (c.isStrikethrough() ? 64 : 0) | (c.isOverline() ? 128 : 0);
  into.content = content;
  into.fg = (c.isFgDefault() ? 0 : c.isFgRGB() ? 2 : 1) * 2 ** 40 + c.getFgColor() * 256 + attrBits;
  into.bg = (c.isBgDefault() ? 0 : c.isBgRGB() ? 2 : 1) * 2 ** 40 + c.getBgColor();
}
