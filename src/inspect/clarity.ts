/**
 * Visual clarity measures: contrast of every text cell against its
 * background, colours in use, escape-sequence debris on screen, and
 * sequences the terminal did not understand.
 */
import { ContrastCache, WCAG_AA, WCAG_LARGE, hexOf } from './contrast.js';
import { runAround, type FrameView } from './frame-view.js';
import { DEBRIS_PATTERN, isTextGlyph } from './glyphs.js';
import type { SamplingSummary, UnknownSequence } from './sample.js';
import { round } from './util.js';

export interface CellExample {
  text: string;
  row: number;
  col: number;
  time: number;
}

export interface ContrastPair {
  fg: string;
  bg: string;
  ratio: number;
  /** Text cells drawn in this pair, summed over measured screens. */
  cells: number;
  example: CellExample;
}

export interface ClarityMeasures {
  /** Text cells measured, summed over screens (a cell on 10 screens counts 10 times). */
  textCells: number;
  shareBelow4_5: number;
  shareBelow3: number;
  contrastMedian: number;
  contrastP10: number;
  worstPairs: ContrastPair[];
  colours: {
    /** Distinct text colours seen. */
    foreground: number;
    /** Text colours covering at least 1% of text cells: the palette a person notices. */
    significantForeground: number;
    background: number;
    top: Array<{ colour: string; share: number }>;
  };
  debris: {
    screens: number;
    shareOfScreens: number;
    maxOnOneScreen: number;
    occurrences: number;
    examples: Array<CellExample & { line: string }>;
  };
  unknownSequences: {
    total: number;
    /** Distinct unknown CSI, ESC, SGR and C0 sequences: these change what is drawn. */
    drawingKinds: number;
    /** Distinct unknown OSC and DCS strings: terminals ignore these by design, so they are only listed. */
    otherKinds: number;
    list: UnknownSequence[];
  };
}

const MAX_PAIRS = 5000;
const MAX_COLOURS = 4096;
const MAX_EXAMPLES = 10;
/** Contrast histogram bins of 0.1 from 1 to 21. */
const BINS = 201;

export class ClarityCollector {
  private readonly contrast = new ContrastCache();
  private textCells = 0;
  private below45 = 0;
  private below3 = 0;
  private readonly histogram = new Float64Array(BINS);
  private readonly pairs = new Map<number, ContrastPair>();
  private readonly fgCounts = new Map<number, number>();
  private readonly bgCounts = new Map<number, number>();
  private screens = 0;
  private debrisScreens = 0;
  private debrisMax = 0;
  private debrisTotal = 0;
  private readonly debrisExamples: Array<CellExample & { line: string }> = [];

  onFrame(view: FrameView): void {
    this.screens++;
    const { snapshot, time } = view.frame;
    for (let y = 0; y < view.rows; y++) {
      const line = snapshot.lines[y]!;
      for (let x = 0; x < view.cols; x++) {
        const i = y * view.cols + x;
        const bg = view.bg[i]!;
        count(this.bgCounts, bg);
        if (!isTextGlyph(line[x]!.char)) continue;
        const fg = view.fg[i]!;
        count(this.fgCounts, fg);
        const ratio = this.contrast.ratio(fg, bg);
        this.textCells++;
        if (ratio < WCAG_AA) this.below45++;
        if (ratio < WCAG_LARGE) this.below3++;
        this.histogram[Math.min(BINS - 1, Math.round((ratio - 1) * 10))]!++;
        this.notePair(view, fg, bg, ratio, y, x, time);
      }
    }
    let onScreen = 0;
    for (let y = 0; y < view.rows; y++) {
      const { text, cols } = view.rowTexts[y]!;
      for (const m of text.matchAll(DEBRIS_PATTERN)) {
        onScreen++;
        if (this.debrisExamples.length < MAX_EXAMPLES && !this.debrisExamples.some((e) => e.text === m[0])) {
          this.debrisExamples.push({ text: m[0], row: y, col: cols[m.index]!, time, line: text.trim().slice(0, 80) });
        }
      }
    }
    if (onScreen > 0) this.debrisScreens++;
    this.debrisMax = Math.max(this.debrisMax, onScreen);
    this.debrisTotal += onScreen;
  }

  private notePair(view: FrameView, fg: number, bg: number, ratio: number, row: number, col: number, time: number): void {
    const key = fg * 0x1000000 + bg;
    const pair = this.pairs.get(key);
    if (pair) {
      pair.cells++;
      return;
    }
    if (this.pairs.size >= MAX_PAIRS && !this.evictBetterThan(ratio)) return;
    this.pairs.set(key, { fg: hexOf(fg), bg: hexOf(bg), ratio, cells: 1, example: { text: runAround(view, row, col), row, col, time } });
  }

  /** Makes room for a worse pair by dropping the best-contrasted one (only truecolor gradients fill the table). */
  private evictBetterThan(ratio: number): boolean {
    let bestKey: number | undefined;
    let best = ratio;
    for (const [key, pair] of this.pairs) {
      if (pair.ratio > best || (pair.ratio === best && bestKey !== undefined && key > bestKey)) {
        best = pair.ratio;
        bestKey = key;
      }
    }
    if (bestKey === undefined) return false;
    this.pairs.delete(bestKey);
    return true;
  }

  finish(summary: SamplingSummary): ClarityMeasures {
    const total = this.textCells || 1;
    const fgSorted = [...this.fgCounts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const worstPairs = [...this.pairs.values()]
      .sort((a, b) => a.ratio - b.ratio || b.cells - a.cells || a.fg.localeCompare(b.fg))
      .slice(0, 5)
      .map((p) => ({ ...p, ratio: round(p.ratio, 2) }));
    const drawing = summary.unknownSequences.filter((u) => u.kind !== 'OSC' && u.kind !== 'DCS');
    return {
      textCells: this.textCells,
      shareBelow4_5: round(this.below45 / total, 4),
      shareBelow3: round(this.below3 / total, 4),
      contrastMedian: round(this.percentile(0.5), 1),
      contrastP10: round(this.percentile(0.1), 1),
      worstPairs,
      colours: {
        foreground: this.fgCounts.size,
        significantForeground: fgSorted.filter(([, n]) => n / total >= 0.01).length,
        background: this.bgCounts.size,
        top: fgSorted.slice(0, 8).map(([c, n]) => ({ colour: hexOf(c), share: round(n / total, 4) })),
      },
      debris: {
        screens: this.debrisScreens,
        shareOfScreens: round(this.debrisScreens / (this.screens || 1), 4),
        maxOnOneScreen: this.debrisMax,
        occurrences: this.debrisTotal,
        examples: this.debrisExamples,
      },
      unknownSequences: {
        total: summary.unknownSequences.reduce((n, u) => n + u.count, 0),
        drawingKinds: drawing.length,
        otherKinds: summary.unknownSequences.length - drawing.length,
        list: summary.unknownSequences.slice(0, 20),
      },
    };
  }

  private percentile(p: number): number {
    if (this.textCells === 0) return 0;
    const target = p * this.textCells;
    let seen = 0;
    for (let b = 0; b < BINS; b++) {
      seen += this.histogram[b]!;
      if (seen >= target) return 1 + b / 10;
    }
    return 21;
  }
}

function count(map: Map<number, number>, key: number): void {
  const n = map.get(key);
  if (n !== undefined) map.set(key, n + 1);
  else if (map.size < MAX_COLOURS) map.set(key, 1);
}
