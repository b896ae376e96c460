/**
 * Status indicator measures: what a display tells about the state of things.
 * State words and icons (and check boxes), the colours that tell states
 * apart, status and mode lines (a row with its own background at the top or
 * bottom, as in vim, nano, mc or tmux), values that change in place
 * (counters, clocks, meters) and spinners, and progress (percentages,
 * ratios, ETAs, bars and gauges).
 */
import { hasAttr } from '../terminal/types.js';
import { hexOf } from './contrast.js';
import { mostCommon, type FrameView } from './frame-view.js';
import {
  CHECKBOX_PATTERN,
  NUMBER_PATTERN,
  PERCENT_PATTERN,
  PROGRESS_PATTERN,
  STATUS_WORD_PATTERN,
  baseGlyph,
  isBoxDrawing,
  isColourEmoji,
  isSpinnerGlyph,
  isStatusIcon,
} from './glyphs.js';
import { round } from './util.js';

export interface StatusMeasures {
  spinners: {
    /**
     * Cells that showed at least 3 different spinner frames and went from one
     * to another at least twice and on at least 30% of the screens showing
     * one (a cell of scrolling text meets a '-' or '|' now and then, but
     * rarely twice in a row).
     */
    cells: number;
    examples: Array<{ row: number; col: number; glyphs: string }>;
  };
  /**
   * State words, counted where they read as a state: after a number ("3 running"),
   * alone or nearly so in their run of text ("✓ done", "[ OK ]"), or styled
   * unlike the text beside them. The same word inside prose or code is not a state.
   */
  statusWords: { distinct: number; counts: Record<string, number> };
  /** Status icons, and check boxes or radio buttons (`[X]`, `[ ]`, `(*)`) counted as the marks they show. */
  icons: { distinct: number; counts: Record<string, number> };
  stateColours: {
    /**
     * Text colours of status words and symbols other than the body-text
     * colour ("bold" for bold body text), and the backgrounds of gauges and
     * status lines.
     */
    colours: string[];
    /** Colour emoji used as status icons; each is its own colour at a glance. */
    emoji: string[];
    /** colours + emoji: the number of visually distinct state markers. */
    distinctMarkers: number;
  };
  /** A row at the top or the bottom (two rows) with text on a background of its own across half the width or more. */
  statusLines: { screens: number; shareOfScreens: number; example?: { row: number; text: string } };
  /**
   * Numbers at the same place that changed from one screen to the next at
   * least twice (not by scrolling); and how often a selection bar moved.
   */
  liveValues: { positions: number; selectionMoves: number; examples: Array<{ row: number; col: number; values: string }> };
  progress: { screens: number; shareOfScreens: number; example?: string };
  /** Screens on the alternate screen: a full-screen program. */
  fullScreenShare: number;
}

interface Track {
  glyphs: Set<string>;
  last: string;
  transitions: number;
  spinnerSeen: number;
}

interface NumberTrack {
  value: string;
  changes: number;
  values: string[];
}

const MAX_TRACKED = 20000;
/** Stands for "bold in the body colour" among the state colours. */
const BOLD_LOOK = -1;
const MAX_NUMBER_TRACKS = 5000;
/** Rows from the top and from the bottom where a status or mode line sits. */
const EDGE_ROWS = { top: 1, bottom: 2 };

export class StatusCollector {
  private screens = 0;
  private fullScreens = 0;
  private readonly tracks = new Map<number, Track>();
  private readonly words = new Map<string, number>();
  private readonly icons = new Map<string, number>();
  private readonly colours = new Set<number>();
  private readonly emoji = new Set<string>();
  private progressScreens = 0;
  private progressExample: string | undefined;
  private statusLineScreens = 0;
  private statusLineExample: { row: number; text: string } | undefined;
  private readonly numbers = new Map<number, NumberTrack>();
  private previousNumbers = new Map<number, string>();
  /** A number changed in place on the last screen. */
  private numbersMoved = false;
  private active = false;

  onFrame(view: FrameView): void {
    this.screens++;
    const { snapshot } = view.frame;
    if (snapshot.altScreen) this.fullScreens++;
    let spinnerShown = false;
    for (let y = 0; y < view.rows; y++) {
      const line = snapshot.lines[y]!;
      for (let x = 0; x < view.cols; x++) {
        const ch = line[x]!.char;
        spinnerShown = this.track(y * 65536 + x, ch) || spinnerShown;
        if (isStatusIcon(ch)) {
          const glyph = baseGlyph(ch);
          this.icons.set(glyph, (this.icons.get(glyph) ?? 0) + 1);
          if (isColourEmoji(ch)) this.emoji.add(glyph);
          else this.noteColour(view, y, x);
        }
      }
      const { text, cols } = view.rowTexts[y]!;
      for (const m of text.matchAll(STATUS_WORD_PATTERN)) {
        if (!readsAsState(view, y, m.index, m[0].length)) continue;
        const word = m[0].toLowerCase().replace(/\s+/g, ' ');
        this.words.set(word, (this.words.get(word) ?? 0) + 1);
        this.noteColour(view, y, cols[m.index]!);
        // "1 running": the count is part of the marker, and often the part that is styled.
        const before = text.slice(Math.max(0, m.index - 12), m.index);
        const count = /\d[\d.,]*(?=%?,?\s*$)/.exec(before);
        if (count) this.noteColour(view, y, cols[m.index - before.length + count.index]!);
      }
      for (const m of text.matchAll(CHECKBOX_PATTERN)) {
        const mark = `${m[1]}${m[2] === ' ' ? ' ' : '×'}${m[1] === '[' ? ']' : m[1] === '(' ? ')' : '>'}`;
        this.icons.set(mark, (this.icons.get(mark) ?? 0) + 1);
      }
    }
    this.trackNumbers(view);
    this.trackSelection(view);
    const progress = firstProgress(view);
    if (progress) {
      const { y: progressY, row, m } = progress;
      this.progressScreens++;
      this.progressExample ??= m[0];
      // A gauge drawn in background colour: the colours under the figure mark it.
      for (let k = 0; k < m[0].length; k++) this.noteBackground(view, progressY, row.cols[m.index + k]!);
    }
    const statusRow = this.statusLine(view);
    if (statusRow !== undefined) {
      const x = view.frame.snapshot.lines[statusRow]!.findIndex((c) => c.char !== ' ');
      if (x >= 0) this.noteBackground(view, statusRow, x);
      this.statusLineScreens++;
      this.statusLineExample ??= { row: statusRow, text: view.rowTexts[statusRow]!.text.trim().replace(/\s{3,}/g, '  ').slice(0, 80) };
    }
    const unfinished = view.rowTexts.some((r) => [...r.text.matchAll(PERCENT_PATTERN)].some((m) => Number(m[1]) < 100));
    // Progress under 100% is work under way while it moves; a disk 89% full is not.
    this.active = (unfinished && this.numbersMoved) || spinnerShown;
  }

  /**
   * Whether the last screen showed that work is under way: a spinner cell
   * that has already turned, or progress under 100% that is moving. A silence then is the
   * program making the user wait, not the program waiting for the user.
   */
  showsActivity(): boolean {
    return this.active;
  }

  private statusLine(view: FrameView): number | undefined {
    const candidates = [...Array(EDGE_ROWS.top).keys(), ...Array.from({ length: EDGE_ROWS.bottom }, (_, k) => view.rows - 1 - k)];
    for (const y of candidates) {
      if (y < 0 || !/\S/.test(view.rowTexts[y]!.text)) continue;
      let own = 0;
      const line = view.frame.snapshot.lines[y]!;
      for (let x = 0; x < view.cols; x++) {
        if (view.bg[y * view.cols + x] !== view.screenBg || hasAttr(line[x]!, 'inverse')) own++;
      }
      if (own >= view.cols / 2) return y;
    }
    return undefined;
  }

  /**
   * A selection bar: a run of 8 or more cells with text on a background
   * unlike the rest of its row, away from the edge rows. When one leaves a
   * row and another appears in the same column on another row, the
   * selection moved: the display shows where the user is.
   */
  private trackSelection(view: FrameView): void {
    const bars = new Set<string>();
    for (let y = EDGE_ROWS.top; y < view.rows - EDGE_ROWS.bottom; y++) {
      const base = y * view.cols;
      const counts = new Map<number, number>();
      for (let x = 0; x < view.cols; x++) counts.set(view.bg[base + x]!, (counts.get(view.bg[base + x]!) ?? 0) + 1);
      const rowBg = mostCommon(counts, view.screenBg);
      for (let x = 0; x < view.cols; ) {
        if (view.bg[base + x] === rowBg) {
          x++;
          continue;
        }
        const start = x;
        while (x < view.cols && view.bg[base + x] === view.bg[base + start]) x++;
        const text = view.frame.snapshot.lines[y]!.slice(start, x).map((c) => c.char).join('');
        if (x - start >= 8 && /\p{L}/u.test(text)) bars.add(`${y}:${start}:${view.bg[base + start]}`);
      }
    }
    if (view.frame.changeRatio < 0.5) {
      const column = (key: string) => key.slice(key.indexOf(':'));
      const gone = [...this.previousBars].filter((k) => !bars.has(k)).map(column);
      const moved = [...bars].filter((k) => !this.previousBars.has(k)).some((k) => gone.includes(column(k)));
      if (moved) this.selectionMoves++;
    }
    this.previousBars = bars;
  }

  private previousBars = new Set<string>();
  private selectionMoves = 0;

  private trackNumbers(view: FrameView): void {
    const current = new Map<number, string>();
    // A scroll moves every number; only numbers updated in place, on a screen
    // that mostly stayed as it was, are live values.
    const inPlace = view.frame.scrolled === 0 && view.frame.changeRatio <= 0.3;
    this.numbersMoved = false;
    for (let y = 0; y < view.rows; y++) {
      const { text, cols } = view.rowTexts[y]!;
      for (const m of text.matchAll(NUMBER_PATTERN)) {
        const key = y * 65536 + cols[m.index]!;
        current.set(key, m[0]);
        const before = this.previousNumbers.get(key);
        if (!inPlace || before === undefined || before === m[0]) continue;
        let t = this.numbers.get(key);
        if (!t) {
          if (this.numbers.size >= MAX_NUMBER_TRACKS) continue;
          t = { value: before, changes: 0, values: [before] };
          this.numbers.set(key, t);
        }
        t.changes++;
        this.numbersMoved = true;
        if (t.values.length < 4) t.values.push(m[0]);
      }
    }
    this.previousNumbers = current;
  }

  /** A background of its own (a gauge, a status line) is a look too. */
  private noteBackground(view: FrameView, y: number, x: number): void {
    const bg = view.bg[y * view.cols + x]!;
    if (bg !== view.screenBg && this.colours.size < 64) this.colours.add(bg);
  }

  /** The look of a state marker: its colour when not the body text's, else bold (how monochrome programs such as top mark states). */
  private noteColour(view: FrameView, y: number, x: number): void {
    const fg = view.fg[y * view.cols + x]!;
    if (this.colours.size >= 64) return;
    if (fg !== view.bodyFg) this.colours.add(fg);
    else if (hasAttr(view.frame.snapshot.lines[y]![x]!, 'bold')) this.colours.add(BOLD_LOOK);
  }

  /** Follows a cell's spinner frames; true when the cell shows a frame of a spinner that has already turned. */
  private track(key: number, ch: string): boolean {
    const spinner = isSpinnerGlyph(ch);
    let t = this.tracks.get(key);
    if (!t) {
      if (!spinner || this.tracks.size >= MAX_TRACKED) return false;
      t = { glyphs: new Set(), last: '', transitions: 0, spinnerSeen: 0 };
      this.tracks.set(key, t);
    }
    if (spinner) {
      const g = baseGlyph(ch);
      if (t.glyphs.size < 16) t.glyphs.add(g);
      if (t.last !== '' && t.last !== g) t.transitions++;
      t.spinnerSeen++;
      t.last = g;
      return isSpinning(t);
    }
    t.last = '';
    return false;
  }

  finish(): StatusMeasures {
    const spinning = [...this.tracks.entries()].filter(([, t]) => isSpinning(t)).sort((a, b) => a[0] - b[0]);
    const live = [...this.numbers.entries()].filter(([, t]) => t.changes >= 2).sort((a, b) => a[0] - b[0]);
    const sortedCounts = (m: Map<string, number>) => Object.fromEntries([...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
    const colours = [...this.colours].sort((a, b) => a - b).map((c) => (c === BOLD_LOOK ? 'bold' : hexOf(c)));
    const emoji = [...this.emoji].sort();
    const share = (n: number) => round(n / (this.screens || 1), 4);
    return {
      spinners: {
        cells: spinning.length,
        examples: spinning.slice(0, 5).map(([key, t]) => ({ row: Math.floor(key / 65536), col: key % 65536, glyphs: [...t.glyphs].join('') })),
      },
      statusWords: { distinct: this.words.size, counts: sortedCounts(this.words) },
      icons: { distinct: this.icons.size, counts: sortedCounts(this.icons) },
      stateColours: { colours, emoji, distinctMarkers: colours.length + emoji.length },
      statusLines: {
        screens: this.statusLineScreens,
        shareOfScreens: share(this.statusLineScreens),
        ...(this.statusLineExample ? { example: this.statusLineExample } : {}),
      },
      liveValues: {
        positions: live.length,
        selectionMoves: this.selectionMoves,
        examples: live.slice(0, 5).map(([key, t]) => ({ row: Math.floor(key / 65536), col: key % 65536, values: t.values.join(' → ') })),
      },
      progress: {
        screens: this.progressScreens,
        shareOfScreens: share(this.progressScreens),
        ...(this.progressExample !== undefined ? { example: this.progressExample } : {}),
      },
      fullScreenShare: share(this.fullScreens),
    };
  }
}

/** The first row showing a progress figure, with the match. */
function firstProgress(view: FrameView): { y: number; row: FrameView['rowTexts'][number]; m: RegExpExecArray } | undefined {
  for (const [y, row] of view.rowTexts.entries()) {
    const m = PROGRESS_PATTERN.exec(row.text);
    if (m) return { y, row, m };
  }
  return undefined;
}

const isSpinning = (t: Track) => t.glyphs.size >= 3 && t.transitions >= 2 && t.transitions >= 0.3 * t.spinnerSeen;

const WORD = /[\p{L}\p{N}]+/gu;
const CODE_PUNCTUATION = /[(){};=<>"'`]/;

/**
 * Whether a state word at `index` of row y reads as a state and not as prose
 * or code: it follows a number ("86 sleeping", "main.c:6:37: error"), stands (nearly) alone in its
 * run of text ("✓ done", "[ OK ]"), or is styled unlike the words beside it,
 * and its run does not look like code (punctuation
 * such as the colon of "error:" goes with the word).
 */
function readsAsState(view: FrameView, y: number, index: number, length: number): boolean {
  const { text, cols } = view.rowTexts[y]!;
  // Part of a path, a name or a search ("/Error", "on_error", "error.log") is not a state.
  if (/[/._\-$@#]/.test(text[index - 1] ?? '') || /[._(/\-]/.test(text[index + length] ?? '')) return false;
  if (/\d[\d.,]*%?[,:]?\s*$/.test(text.slice(Math.max(0, index - 12), index))) return true;
  let start = index;
  while (start > 0 && !isBoxDrawing(text[start - 1]!) && text.slice(Math.max(0, start - 2), start) !== '  ') start--;
  let end = index + length;
  while (end < text.length && !isBoxDrawing(text[end]!) && !text.startsWith('  ', end)) end++;
  const run = text.slice(start, end);
  // Code ("catch (error) {", "throw new Error(`…`)") is not a state, however it is
  // coloured: syntax colours and search highlights set words apart too.
  if (CODE_PUNCTUATION.test(run)) return false;
  // "✓ done", "[ OK ]", "Modified".
  if ((run.match(WORD)?.length ?? 0) <= 2) return true;
  const style = (x: number) => {
    const cell = view.frame.snapshot.lines[y]![x]!;
    return `${view.fg[y * view.cols + x]},${view.bg[y * view.cols + x]},${hasAttr(cell, 'bold')}`;
  };
  const own = style(cols[index]!);
  const neighbour = (from: number, step: number) => {
    for (let i = from; i >= 0 && i < text.length; i += step) if (/[\p{L}\p{N}]/u.test(text[i]!)) return style(cols[i]!);
    return undefined;
  };
  const before = neighbour(index - 1, -1);
  const after = neighbour(index + length, 1);
  return (before === undefined || before !== own) && (after === undefined || after !== own);
}
