/**
 * User experience measures: how soon something appears, the longest time
 * the display says nothing while the program runs, flicker, how often the
 * screen is redrawn, and whether error lines stand out.
 */
import type { CastEvent } from '../cast/index.js';
import { hasAttr } from '../terminal/types.js';
import { hexOf } from './contrast.js';
import type { FrameView } from './frame-view.js';
import { GapHistogram } from './gaps.js';
import { ERROR_PATTERN, NOT_AN_ERROR_PATTERN, isBoxDrawing } from './glyphs.js';
import { round } from './util.js';

export interface ExperienceMeasures {
  /** Seconds until the first output event; null when the program printed nothing. */
  timeToFirstOutput: number | null;
  /** Seconds until the first output with a printable character (not only control sequences). */
  timeToFirstVisibleOutput: number | null;
  /** From the first to the last output event, seconds. */
  runningSeconds: number;
  longestSilence: { seconds: number; from: number; to: number; shareOfRun: number };
  /**
   * Gaps between outputs far longer than the program's own rhythm (at least
   * 2.5 × the median gap and 0.25 s; 1 s when there are under 5 gaps).
   */
  stalls: { thresholdSeconds: number; medianGapSeconds: number; count: number; seconds: number; shareOfRun: number };
  flicker: {
    /** ESC[2J, ESC c, or cursor-home followed by erase-below, outside synchronized output. */
    fullClears: number;
    /** Full clears inside synchronized output (mode 2026), which a terminal shows atomically. */
    clearsInSyncOutput: number;
    /** Measured screens where more than 80% of the cells changed, not by scrolling and not from a blank screen. */
    bigChangeScreens: number;
    /** Measured screens that went (nearly) blank: under a quarter of the previous screen's ink. */
    blankFlashes: number;
    /** Measured screens where more than half the cells changed because the content scrolled (not flicker). */
    scrollScreens: number;
    /** max(fullClears, bigChangeScreens + blankFlashes) beyond the first 2, per running second. */
    perSecond: number;
  };
  /** Output events per running second. */
  redrawsPerSecond: number;
  /** Measured (changed) screens per running second; at most 1 / sampling interval. */
  changedScreensPerSecond: number;
  errors: {
    /**
     * Distinct error lines seen: runs of text (one panel's line) holding
     * error, failed, exception … and at least three words, so a bare status
     * label ("❌ error") or a count ("1 failed") is a status, not an error line.
     */
    lines: number;
    /** …whose error word is bold, inverse, on a background of its own or in a colour (not a grey) unlike body text, or that carry an error icon. */
    standingOut: number;
    examples: Array<{ text: string; time: number; standsOut: boolean; colour: string; bold: boolean }>;
  };
}

/** Clear sequences and synchronized-output brackets, in stream order. */
const CLEAR_OR_SYNC = /\x1b\[\?2026([hl])|\x1b\[2J|\x1bc|\x1b\[(?:1;1|1|;)?H\x1b\[0?J/g;
/** Control sequences and control characters, to find output that prints something. */
const CONTROL = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[()*+][0-9A-Za-z]|[\s\S])|[\x00-\x1f\x7f]/g;
const CARRY = 16;
const ERROR_ICON = /[❌⛔🛑⚠🚫✗✘✖💥]/u;
const FREE_FLICKERS = 2;
const MAX_ERROR_LINES = 200;

export class ExperienceCollector {
  private firstOutput: number | undefined;
  private firstVisible: number | undefined;
  private lastOutput = 0;
  private outputEvents = 0;
  private silence = { seconds: 0, from: 0, to: 0 };
  private readonly gaps = new GapHistogram();
  private carry = '';
  private inSync = false;
  private clears = 0;
  private syncClears = 0;
  private bigChanges = 0;
  private blankFlashes = 0;
  private scrolls = 0;
  private screens = 0;
  private previousDensity = 0;
  private readonly errorLines = new Map<string, ExperienceMeasures['errors']['examples'][number]>();

  onEvent(event: CastEvent): void {
    if (event.code !== 'o' || event.data.length === 0) return;
    this.outputEvents++;
    if (this.firstOutput === undefined) this.firstOutput = event.time;
    else {
      const gap = event.time - this.lastOutput;
      this.gaps.add(gap);
      if (gap > this.silence.seconds) this.silence = { seconds: gap, from: this.lastOutput, to: event.time };
    }
    this.lastOutput = event.time;
    if (this.firstVisible === undefined && /\S/.test(event.data.replace(CONTROL, ''))) this.firstVisible = event.time;
    // A sequence may be split across events: scan the tail of the last event with this one.
    const text = this.carry + event.data;
    for (const m of text.matchAll(CLEAR_OR_SYNC)) {
      if (m.index! + m[0].length <= this.carry.length) continue;
      if (m[1] !== undefined) this.inSync = m[1] === 'h';
      else if (this.inSync) this.syncClears++;
      else this.clears++;
    }
    this.carry = text.slice(-CARRY);
  }

  onFrame(view: FrameView): void {
    const { frame } = view;
    this.screens++;
    const density = view.nonBlank / (view.cols * view.rows);
    if (frame.previous && frame.changeRatio > 0.5 && frame.scrolled > 0) this.scrolls++;
    else if (frame.previous && frame.changeRatio > 0.8 && this.previousDensity >= 0.02) this.bigChanges++;
    else if (frame.previous && this.previousDensity >= 0.05 && density < this.previousDensity / 4) this.blankFlashes++;
    this.previousDensity = density;
    if (this.errorLines.size < MAX_ERROR_LINES) this.findErrors(view);
  }

  private findErrors(view: FrameView): void {
    const { snapshot, time } = view.frame;
    for (let y = 0; y < view.rows; y++) {
      const { text, cols } = view.rowTexts[y]!;
      const m = ERROR_PATTERN.exec(text);
      if (!m) continue;
      const run = runOf(text, m.index, m[0].length);
      if (NOT_AN_ERROR_PATTERN.test(run) || this.errorLines.has(run) || (run.match(/\p{L}{2,}/gu)?.length ?? 0) < 3) continue;
      let standsOut = ERROR_ICON.test(run);
      let bold = false;
      for (let k = 0; k < m[0].length; k++) {
        const x = cols[m.index + k]!;
        const cell = snapshot.lines[y]![x]!;
        const i = y * view.cols + x;
        bold ||= hasAttr(cell, 'bold');
        standsOut ||= bold || hasAttr(cell, 'inverse') || view.bg[i] !== view.screenBg || (isChromatic(view.fg[i]!) && view.fg[i] !== view.bodyFg);
      }
      const colour = hexOf(view.fg[y * view.cols + cols[m.index]!]!);
      this.errorLines.set(run, { text: run.slice(0, 80), time, standsOut, colour, bold });
      if (this.errorLines.size >= MAX_ERROR_LINES) return;
    }
  }

  finish(frames: number): ExperienceMeasures {
    const running = this.firstOutput === undefined ? 0 : this.lastOutput - this.firstOutput;
    // Rates over at least one second, so a cast of a few events cannot show huge rates.
    const per = Math.max(running, 1);
    const flickers = Math.max(0, Math.max(this.clears, this.bigChanges + this.blankFlashes) - FREE_FLICKERS);
    const errors = [...this.errorLines.values()];
    const stalls = this.gaps.stalls();
    return {
      timeToFirstOutput: this.firstOutput === undefined ? null : round(this.firstOutput),
      timeToFirstVisibleOutput: this.firstVisible === undefined ? null : round(this.firstVisible),
      runningSeconds: round(running),
      longestSilence: {
        seconds: round(this.silence.seconds),
        from: round(this.silence.from),
        to: round(this.silence.to),
        shareOfRun: round(running > 0 ? this.silence.seconds / running : 0, 4),
      },
      stalls: {
        thresholdSeconds: round(stalls.threshold),
        medianGapSeconds: round(this.gaps.median()),
        count: stalls.count,
        seconds: round(stalls.seconds),
        shareOfRun: round(running > 0 ? stalls.seconds / running : 0, 4),
      },
      flicker: {
        fullClears: this.clears,
        clearsInSyncOutput: this.syncClears,
        bigChangeScreens: this.bigChanges,
        blankFlashes: this.blankFlashes,
        scrollScreens: this.scrolls,
        perSecond: round(flickers / per),
      },
      redrawsPerSecond: round(this.outputEvents / per, 2),
      changedScreensPerSecond: round(frames / per, 2),
      errors: { lines: errors.length, standingOut: errors.filter((e) => e.standsOut).length, examples: errors.slice(0, 8) },
    };
  }
}

/** The stretch of a row around a match, bounded by box drawing or three blanks: one panel's line. */
function runOf(text: string, index: number, length: number): string {
  let start = index;
  while (start > 0 && !isBoxDrawing(text[start - 1]!) && text.slice(Math.max(0, start - 3), start) !== '   ') start--;
  let end = index + length;
  while (end < text.length && !isBoxDrawing(text[end]!) && !text.startsWith('   ', end)) end++;
  return text.slice(start, end).trim();
}

/** A colour, not a grey: muted grey text is quieter than body text, not louder. */
function isChromatic(rgb: number): boolean {
  const r = (rgb >> 16) & 255;
  const g = (rgb >> 8) & 255;
  const b = rgb & 255;
  return Math.max(r, g, b) - Math.min(r, g, b) >= 60;
}
