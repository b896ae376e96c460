/**
 * Information organization measures: how full the screen is, lines that run
 * past the right edge, and how well text and borders line up across rows.
 */
import type { FrameView } from './frame-view.js';
import { hasVerticalStroke, isBoxDrawing } from './glyphs.js';
import { round } from './util.js';

export interface OrganizationMeasures {
  density: { mean: number; min: number; max: number };
  overflow: {
    /** Rows that continue the row above because text wrapped (xterm's isWrapped), summed over screens. */
    wrappedRows: number;
    /** Rows whose text is cut mid-word at the right edge without wrapping, summed over screens. */
    cutRows: number;
    screensWithOverflow: number;
    /** Mean over screens of (wrapped + ½ cut) / rows with content. */
    share: number;
    examples: Array<{ row: number; time: number; text: string }>;
  };
  alignment: {
    /** Starts of text runs (after a border or two blanks), summed over screens. */
    segmentStarts: number;
    /** …of which the nearest row with content above or below starts a run at the same column. */
    alignedStarts: number;
    /** Cells of vertical border strokes (│ ║ ┼ ╭ | …). */
    borderCells: number;
    /** …of which the row above or below has a vertical stroke in the same column. */
    alignedBorders: number;
    /** (alignedStarts + alignedBorders) / (segmentStarts + borderCells). */
    alignedShare: number;
  };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

export class OrganizationCollector {
  private screens = 0;
  private densitySum = 0;
  private densityMin = 1;
  private densityMax = 0;
  private wrappedRows = 0;
  private cutRows = 0;
  private overflowScreens = 0;
  private overflowShareSum = 0;
  private readonly examples: OrganizationMeasures['overflow']['examples'] = [];
  private starts = 0;
  private alignedStarts = 0;
  private borders = 0;
  private alignedBorders = 0;

  onFrame(view: FrameView): void {
    const { snapshot, wrapped, time } = view.frame;
    this.screens++;
    const density = view.nonBlank / (view.cols * view.rows);
    this.densitySum += density;
    this.densityMin = Math.min(this.densityMin, density);
    this.densityMax = Math.max(this.densityMax, density);

    const startsByRow: number[][] = [];
    const bordersByRow: Set<number>[] = [];
    let contentRows = 0;
    let wrappedHere = 0;
    let cutHere = 0;
    for (let y = 0; y < view.rows; y++) {
      const line = snapshot.lines[y]!;
      const starts: number[] = [];
      const borders = new Set<number>();
      let inRun = false;
      let blanks = 0;
      for (let x = 0; x < view.cols; x++) {
        const ch = line[x]!.char;
        if (hasVerticalStroke(ch) || isBoxDrawing(ch)) {
          if (hasVerticalStroke(ch)) borders.add(x);
          inRun = false;
        } else if (ch === ' ' || ch === '\u2800') {
          if (++blanks >= 2) inRun = false;
          continue;
        } else if (!inRun) {
          starts.push(x);
          inRun = true;
        }
        blanks = 0;
      }
      startsByRow.push(starts);
      bordersByRow.push(borders);
      if (starts.length > 0 || borders.size > 0) contentRows++;
      const isWrap = wrapped[y] === true;
      const isCut =
        !isWrap &&
        !(wrapped[y + 1] === true) &&
        view.cols >= 2 &&
        WORD_CHAR.test(line[view.cols - 1]!.char) &&
        WORD_CHAR.test(line[view.cols - 2]!.char) &&
        !endsOnPurpose(view, y, starts);
      if (isWrap) wrappedHere++;
      if (isCut) cutHere++;
      if ((isWrap || isCut) && this.examples.length < 5) {
        const text = view.rowTexts[isWrap && y > 0 ? y - 1 : y]!.text.trim().slice(0, 80);
        if (!this.examples.some((e) => e.text === text)) this.examples.push({ row: y, time, text });
      }
    }
    this.wrappedRows += wrappedHere;
    this.cutRows += cutHere;
    if (wrappedHere + cutHere > 0) this.overflowScreens++;
    this.overflowShareSum += contentRows ? Math.min(1, (wrappedHere + 0.5 * cutHere) / contentRows) : 0;

    for (let y = 0; y < view.rows; y++) {
      const up = nearestWithStarts(startsByRow, y, -1);
      const down = nearestWithStarts(startsByRow, y, 1);
      for (const x of startsByRow[y]!) {
        this.starts++;
        if (up?.includes(x) || down?.includes(x)) this.alignedStarts++;
      }
      for (const x of bordersByRow[y]!) {
        this.borders++;
        if (bordersByRow[y - 1]?.has(x) || bordersByRow[y + 1]?.has(x)) this.alignedBorders++;
      }
    }
  }

  finish(): OrganizationMeasures {
    const screens = this.screens || 1;
    const measured = this.starts + this.borders;
    return {
      density: { mean: round(this.densitySum / screens, 4), min: round(this.screens ? this.densityMin : 0, 4), max: round(this.densityMax, 4) },
      overflow: {
        wrappedRows: this.wrappedRows,
        cutRows: this.cutRows,
        screensWithOverflow: this.overflowScreens,
        share: round(this.overflowShareSum / screens, 4),
        examples: this.examples,
      },
      alignment: {
        segmentStarts: this.starts,
        alignedStarts: this.alignedStarts,
        borderCells: this.borders,
        alignedBorders: this.alignedBorders,
        alignedShare: round(measured ? (this.alignedStarts + this.alignedBorders) / measured : 1, 4),
      },
    };
  }
}

function nearestWithStarts(startsByRow: number[][], y: number, step: 1 | -1): number[] | undefined {
  for (let r = y + step; r >= 0 && r < startsByRow.length; r += step) if (startsByRow[r]!.length > 0) return startsByRow[r];
  return undefined;
}

/**
 * Text that reaches the right edge on purpose: on a bar with its own
 * background (a status line such as tmux's, a selection bar), or a short
 * field set apart by blanks and aligned to the right (a clock, a position).
 */
function endsOnPurpose(view: FrameView, y: number, starts: number[]): boolean {
  if (view.bg[y * view.cols + view.cols - 1] !== view.screenBg) return true;
  const last = starts[starts.length - 1];
  return last !== undefined && last > 0 && view.cols - last <= RIGHT_FIELD_WIDTH;
}

/** The widest right-aligned field, in cells, that is not taken for text cut at the edge. */
const RIGHT_FIELD_WIDTH = 24;
