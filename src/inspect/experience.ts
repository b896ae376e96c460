/**
 * User experience measures: how soon something appears, how fast the
 * program answers each input, the longest time the display says nothing
 * while the program is busy (not while it waits for its user), flicker, how
 * often the screen is redrawn, and whether the error messages it prints
 * stand out.
 */
import type { CastEvent } from '../cast/index.js';
import { hasAttr } from '../terminal/types.js';
import { hexOf } from './contrast.js';
import type { FrameView } from './frame-view.js';
import { GapHistogram } from './gaps.js';
import { ERROR_PATTERN, NOT_AN_ERROR_PATTERN, isBoxDrawing, isErrorMessage } from './glyphs.js';
import { round } from './util.js';

export interface ExperienceMeasures {
  /** Seconds until the first output event; null when the program printed nothing. */
  timeToFirstOutput: number | null;
  /** Seconds until the first output with a printable character (not only control sequences). */
  timeToFirstVisibleOutput: number | null;
  /** From the first to the last output event, seconds. */
  runningSeconds: number;
  /**
   * How fast the program answered: for each input the recording sent (typed
   * keys, key steps, tape commands: the cast's `i` events), the time to the
   * first output after it. Null when no input was sent.
   */
  responsiveness: { inputs: number; unanswered: number; p50: number; p95: number; worst: number; worstAt: number } | null;
  /**
   * Seconds the program spent waiting for its user: after it had answered an
   * input, with no activity shown (no turning spinner, no progress under
   * 100%). Silences there are not held against it.
   */
  waitingForUserSeconds: number;
  /** The longest silence while the program was busy (everything but waiting for its user), the wait before anything appeared included. */
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
     * Distinct error messages seen: runs of text (one panel's line) of at
     * least three words that read as a message (`isErrorMessage`: "error: …",
     * "main.c:3:1: error: …", "Error: …", "✗ build failed …"), so a bare
     * status label ("❌ error"), a count ("1 failed") or code that mentions an
     * error is not one. A full-screen program's page (an editor's buffer, a
     * pager's text) is not its messages: there only the top row and the
     * bottom two rows, where messages appear, are read.
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
const MAX_LATENCIES = 20000;
const MAX_PENDING = 1000;

export class ExperienceCollector {
  /** @param showsActivity whether the last measured screen shows work under way (a turning spinner, progress under 100%) */
  constructor(private readonly showsActivity: () => boolean = () => false) {}

  private inputs = 0;
  private readonly pendingInputs: number[] = [];
  private readonly latencies: number[] = [];
  private readonly inputTimes: number[] = [];
  private answeredAnInput = false;
  /** An input had been answered by the time of the last output. */
  private answeredBefore = false;
  private waitingForUser = 0;
  private lastEventTime = 0;
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
    this.lastEventTime = event.time;
    if (event.code === 'i') {
      this.inputs++;
      if (this.pendingInputs.length < MAX_PENDING) this.pendingInputs.push(event.time);
      return;
    }
    if (event.code !== 'o' || event.data.length === 0) return;
    this.outputEvents++;
    // A silence ended by an input was the program waiting for its user (from
    // that input to this output it was busy answering). A silence ended by
    // the program's own output was it working, unless it had already
    // answered an input and showed no activity: then it was idle, redrawing
    // a clock or a cursor while it waited. A turning spinner or moving
    // progress on screen makes any silence busy.
    const activity = this.showsActivity();
    const nextInput = this.pendingInputs[0];
    this.answerInputs(event.time);
    if (this.firstOutput === undefined) this.firstOutput = event.time;
    else if (activity) this.noteGap(event.time - this.lastOutput, event.time);
    else if (nextInput !== undefined) {
      this.waitingForUser += nextInput - this.lastOutput;
      this.noteGap(event.time - nextInput, event.time);
    } else if (this.answeredBefore) this.waitingForUser += event.time - this.lastOutput;
    else this.noteGap(event.time - this.lastOutput, event.time);
    this.answeredBefore = this.answeredAnInput;
    this.lastOutput = event.time;
    if (this.firstVisible === undefined && /\S/.test(event.data.replace(CONTROL, ''))) this.firstVisible = event.time;
    // A sequence may be split across events: scan the tail of the last event with this one.
    const text = this.carry + event.data;
    for (const m of text.matchAll(CLEAR_OR_SYNC)) {
      if (m.index + m[0].length <= this.carry.length) continue;
      if (m[1] !== undefined) this.inSync = m[1] === 'h';
      else if (this.inSync) this.syncClears++;
      else this.clears++;
    }
    this.carry = text.slice(-CARRY);
  }

  /** A silence while the program was busy: it counts for the longest silence and the stalls. */
  private noteGap(gap: number, time: number): void {
    this.gaps.add(gap);
    if (gap > this.silence.seconds) this.silence = { seconds: gap, from: time - gap, to: time };
  }

  /** Every input waiting for an answer gets this output as its answer. */
  private answerInputs(time: number): void {
    if (this.pendingInputs.length === 0) return;
    for (const t of this.pendingInputs) {
      if (this.latencies.length >= MAX_LATENCIES) break;
      this.latencies.push(time - t);
      this.inputTimes.push(t);
    }
    this.pendingInputs.length = 0;
    this.answeredAnInput = true;
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
      // A full-screen program's messages appear at its top row or bottom two rows; the rest is its page.
      if (snapshot.altScreen && y > 0 && y < view.rows - 2) continue;
      const { text, cols } = view.rowTexts[y]!;
      const m = ERROR_PATTERN.exec(text);
      if (!m) continue;
      const run = runOf(text, m.index, m[0].length);
      if (NOT_AN_ERROR_PATTERN.test(run) || this.errorLines.has(run) || (run.match(/\p{L}{2,}/gu)?.length ?? 0) < 3 || !isErrorMessage(run)) continue;
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
    // Before anything appears the program is busy by definition: that wait is a silence too.
    const start = this.firstVisible ?? this.lastEventTime;
    const silence = start > this.silence.seconds ? { seconds: start, from: 0, to: start } : this.silence;
    // An input never answered waited until the end of the recording.
    const latencies = [...this.latencies, ...this.pendingInputs.map((t) => this.lastEventTime - t)].sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!;
    const worstIndex = this.latencies.indexOf(Math.max(...this.latencies));
    return {
      timeToFirstOutput: this.firstOutput === undefined ? null : round(this.firstOutput),
      timeToFirstVisibleOutput: this.firstVisible === undefined ? null : round(this.firstVisible),
      runningSeconds: round(running),
      responsiveness:
        this.inputs === 0
          ? null
          : {
              inputs: this.inputs,
              unanswered: this.pendingInputs.length,
              p50: round(at(0.5)),
              p95: round(at(0.95)),
              worst: round(latencies[latencies.length - 1]!),
              worstAt: round(worstIndex >= 0 ? this.inputTimes[worstIndex]! : 0),
            },
      waitingForUserSeconds: round(this.waitingForUser),
      longestSilence: {
        seconds: round(silence.seconds),
        from: round(silence.from),
        to: round(silence.to),
        shareOfRun: round(running > 0 ? silence.seconds / running : 0, 4),
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
