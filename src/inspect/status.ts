/**
 * Status indicator measures: animated indicators (spinners), status words
 * and icons on screen, how many colours tell states apart, and progress.
 */
import { hexOf } from './contrast.js';
import type { FrameView } from './frame-view.js';
import { PROGRESS_PATTERN, STATUS_WORD_PATTERN, baseGlyph, isColourEmoji, isSpinnerGlyph, isStatusIcon } from './glyphs.js';
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
  statusWords: { distinct: number; counts: Record<string, number> };
  icons: { distinct: number; counts: Record<string, number> };
  stateColours: {
    /** Text colours of status words and symbols, other than the body-text colour. */
    colours: string[];
    /** Colour emoji used as status icons; each is its own colour at a glance. */
    emoji: string[];
    /** colours + emoji: the number of visually distinct state markers. */
    distinctMarkers: number;
  };
  progress: { screens: number; shareOfScreens: number; example?: string };
}

interface Track {
  glyphs: Set<string>;
  last: string;
  transitions: number;
  spinnerSeen: number;
}

const MAX_TRACKED = 20000;

export class StatusCollector {
  private screens = 0;
  private readonly tracks = new Map<number, Track>();
  private readonly words = new Map<string, number>();
  private readonly icons = new Map<string, number>();
  private readonly colours = new Set<number>();
  private readonly emoji = new Set<string>();
  private progressScreens = 0;
  private progressExample: string | undefined;

  onFrame(view: FrameView): void {
    this.screens++;
    const { snapshot } = view.frame;
    for (let y = 0; y < view.rows; y++) {
      const line = snapshot.lines[y]!;
      for (let x = 0; x < view.cols; x++) {
        const ch = line[x]!.char;
        this.track(y * 65536 + x, ch);
        if (isStatusIcon(ch)) {
          const glyph = baseGlyph(ch);
          this.icons.set(glyph, (this.icons.get(glyph) ?? 0) + 1);
          if (isColourEmoji(ch)) this.emoji.add(glyph);
          else this.noteColour(view, y, x);
        }
      }
      const { text, cols } = view.rowTexts[y]!;
      for (const m of text.matchAll(STATUS_WORD_PATTERN)) {
        const word = m[0].toLowerCase().replace(/\s+/g, ' ');
        this.words.set(word, (this.words.get(word) ?? 0) + 1);
        this.noteColour(view, y, cols[m.index!]!);
      }
    }
    const progressRow = view.rowTexts.find((r) => PROGRESS_PATTERN.test(r.text));
    if (progressRow) {
      this.progressScreens++;
      this.progressExample ??= progressRow.text.match(PROGRESS_PATTERN)![0];
    }
  }

  private noteColour(view: FrameView, y: number, x: number): void {
    const fg = view.fg[y * view.cols + x]!;
    if (fg !== view.bodyFg && this.colours.size < 64) this.colours.add(fg);
  }

  private track(key: number, ch: string): void {
    const spinner = isSpinnerGlyph(ch);
    let t = this.tracks.get(key);
    if (!t) {
      if (!spinner || this.tracks.size >= MAX_TRACKED) return;
      t = { glyphs: new Set(), last: '', transitions: 0, spinnerSeen: 0 };
      this.tracks.set(key, t);
    }
    if (spinner) {
      const g = baseGlyph(ch);
      if (t.glyphs.size < 16) t.glyphs.add(g);
      if (t.last !== '' && t.last !== g) t.transitions++;
      t.spinnerSeen++;
      t.last = g;
    } else {
      t.last = '';
    }
  }

  finish(): StatusMeasures {
    const spinning = [...this.tracks.entries()]
      .filter(([, t]) => t.glyphs.size >= 3 && t.transitions >= 2 && t.transitions >= 0.3 * t.spinnerSeen)
      .sort((a, b) => a[0] - b[0]);
    const sortedCounts = (m: Map<string, number>) => Object.fromEntries([...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
    const colours = [...this.colours].sort((a, b) => a - b).map(hexOf);
    const emoji = [...this.emoji].sort();
    return {
      spinners: {
        cells: spinning.length,
        examples: spinning.slice(0, 5).map(([key, t]) => ({ row: Math.floor(key / 65536), col: key % 65536, glyphs: [...t.glyphs].join('') })),
      },
      statusWords: { distinct: this.words.size, counts: sortedCounts(this.words) },
      icons: { distinct: this.icons.size, counts: sortedCounts(this.icons) },
      stateColours: { colours, emoji, distinctMarkers: colours.length + emoji.length },
      progress: {
        screens: this.progressScreens,
        shareOfScreens: round(this.progressScreens / (this.screens || 1), 4),
        ...(this.progressExample !== undefined ? { example: this.progressExample } : {}),
      },
    };
  }
}
