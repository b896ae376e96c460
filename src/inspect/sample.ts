/**
 * Replays a cast and hands the inspector one screen per sampling window.
 *
 * Cadence: cast time is cut into windows of `intervalSeconds` (100 ms by
 * default). When output arrives in a new window, the screen as it stood
 * after the last event of the previous window is measured — the settled
 * state a person saw, not a half-drawn one. A screen is also taken right
 * after each `m` marker and at the end. Screens identical to the last one
 * measured are skipped, so a still display is not counted many times.
 * Only the previous screen is kept: memory does not grow with the cast.
 *
 * Sequences the terminal did not understand are reported by xterm.js
 * itself, through VirtualTerminal.onUnknownSequence, while the cast replays.
 */
import type { CastEvent, CastHeader } from '../cast/index.js';
import { replayCast, type ReplayConsumer, type ReplayScreen, type Snapshot, type UnknownKind } from '../terminal/index.js';

export type { UnknownKind } from '../terminal/index.js';

export type SampleReason = 'interval' | 'marker' | 'final';

/** One measured screen. */
export interface Frame {
  /** Position among measured screens, from 0. */
  index: number;
  /** Cast time of the last event shown, seconds. */
  time: number;
  reason: SampleReason;
  snapshot: Snapshot;
  /** `wrapped[y]`: row y continues row y−1 because text ran past the right edge. */
  wrapped: boolean[];
  /** The screen measured before this one, if any. */
  previous: Snapshot | undefined;
  /** Share of cells that differ from `previous` (1 for the first screen or after a resize). */
  changeRatio: number;
  /** Rows the content moved up since `previous` when the change is a scroll, else 0. */
  scrolled: number;
}

export interface UnknownSequence {
  kind: UnknownKind;
  /** The sequence's identity, e.g. "CSI z", "OSC 7", "SGR 77". */
  id: string;
  count: number;
  /** One occurrence with its parameters. */
  example: string;
}

export interface SamplingSummary {
  intervalSeconds: number;
  /** Time of the last event, seconds. */
  duration: number;
  cols: number;
  rows: number;
  events: number;
  outputEvents: number;
  outputChars: number;
  resizes: number;
  /** Screens measured (changed screens only). */
  frames: number;
  markers: Array<{ label: string; time: number }>;
  unknownSequences: UnknownSequence[];
}

export interface SampleOptions {
  /** Width of a sampling window in seconds of cast time. @default 0.1 */
  intervalSeconds?: number;
  /** Called once with the cast's header, before any event. */
  onHeader?(header: CastHeader): void;
  /** Called for every event in order, before any screen that shows it. */
  onEvent?(event: CastEvent): void;
  /** Called for each measured screen. */
  onFrame(frame: Frame): void;
}

const MAX_MARKERS = 1000;
const MAX_UNKNOWN_KINDS = 200;

export async function sampleCast(castPath: string, options: SampleOptions): Promise<SamplingSummary> {
  const sampler = new Sampler(options);
  await replayCast(castPath, sampler);
  return sampler.summary;
}

/** The replay consumer that measures a screen per sampling window, marker and the end. */
class Sampler implements ReplayConsumer {
  readonly summary: SamplingSummary;
  private readonly interval: number;
  private readonly unknown = new Map<string, UnknownSequence>();
  private previous: Snapshot | undefined;
  private dirty = false;
  private stopReports = () => {};

  constructor(private readonly options: SampleOptions) {
    this.interval = options.intervalSeconds ?? 0.1;
    this.summary = {
      intervalSeconds: this.interval,
      duration: 0,
      cols: 0,
      rows: 0,
      events: 0,
      outputEvents: 0,
      outputChars: 0,
      resizes: 0,
      frames: 0,
      markers: [],
      unknownSequences: [],
    };
  }

  onStart(header: CastHeader, { terminal }: ReplayScreen): void {
    this.summary.cols = header.width;
    this.summary.rows = header.height;
    this.options.onHeader?.(header);
    this.stopReports = terminal.onUnknownSequence(({ kind, id, example }) => {
      const key = `${kind} ${id}`;
      const seen = this.unknown.get(key);
      if (seen) seen.count++;
      else if (this.unknown.size < MAX_UNKNOWN_KINDS) this.unknown.set(key, { kind, id: key, count: 1, example });
    });
  }

  onEvent(event: CastEvent): void {
    this.summary.events++;
    this.summary.duration = event.time;
    this.options.onEvent?.(event);
  }

  /** The sampling window; the epsilon keeps 0.3 + 0.1 × k (stored as 0.7999999…) in its own window. */
  frameOf(event: CastEvent): number {
    return Math.floor(event.time / this.interval + 1e-6);
  }

  /** Before an event of a new window is applied, the previous window's final screen is measured. */
  onFrameDue(_window: number, screen: ReplayScreen): Promise<void> {
    return this.measure(screen, screen.time, 'interval');
  }

  onOutput(event: CastEvent): void {
    this.summary.outputEvents++;
    this.summary.outputChars += event.data.length;
    this.dirty = true;
  }

  onResize(): void {
    this.summary.resizes++;
    this.dirty = true;
  }

  onMarker(event: CastEvent, screen: ReplayScreen): Promise<void> {
    if (this.summary.markers.length < MAX_MARKERS) this.summary.markers.push({ label: event.data, time: event.time });
    return this.measure(screen, event.time, 'marker');
  }

  async onEnd(screen: ReplayScreen): Promise<void> {
    await this.measure(screen, screen.time, 'final');
    this.stopReports();
    this.summary.unknownSequences = [...this.unknown.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  }

  private async measure(screen: ReplayScreen, time: number, reason: SampleReason): Promise<void> {
    if (!this.dirty && reason !== 'final') return;
    this.dirty = false;
    await screen.settle();
    const snapshot = screen.terminal.snapshot(time);
    const { changeRatio, scrolled } = compareScreens(this.previous, snapshot);
    if (this.previous && changeRatio === 0) return;
    const index = this.summary.frames++;
    this.options.onFrame({ index, time, reason, snapshot, wrapped: screen.terminal.wrappedRows(), previous: this.previous, changeRatio, scrolled });
    this.previous = snapshot;
  }
}

function sameCell(a: Snapshot['lines'][number][number], b: Snapshot['lines'][number][number]): boolean {
  return a.char === b.char && a.fg === b.fg && a.bg === b.bg && a.attrs === b.attrs;
}

function rowKey(row: Snapshot['lines'][number]): string {
  let key = '';
  for (const c of row) key += c.char + '\u0000' + c.fg + ',' + c.bg + ',' + c.attrs + '\u0001';
  return key;
}

const isBlankRow = (row: Snapshot['lines'][number]) => row.every((c) => c.char === ' ');

/**
 * How much of the screen changed, and whether a large change is really the
 * content scrolling up (a log growing), which is not flicker.
 */
export function compareScreens(prev: Snapshot | undefined, cur: Snapshot): { changeRatio: number; scrolled: number } {
  if (!prev || prev.cols !== cur.cols || prev.rows !== cur.rows) return { changeRatio: 1, scrolled: 0 };
  let diff = 0;
  for (let y = 0; y < cur.rows; y++) {
    const a = prev.lines[y]!;
    const b = cur.lines[y]!;
    for (let x = 0; x < cur.cols; x++) if (!sameCell(a[x]!, b[x]!)) diff++;
  }
  const changeRatio = diff / (cur.rows * cur.cols);
  if (changeRatio <= 0.5) return { changeRatio, scrolled: 0 };
  const prevKeys = prev.lines.map(rowKey);
  const curKeys = cur.lines.map(rowKey);
  const content = cur.lines.filter((r) => !isBlankRow(r)).length;
  let best = { k: 0, matches: 0 };
  for (let k = 1; k < cur.rows; k++) {
    let matches = 0;
    for (let y = 0; y + k < cur.rows; y++) if (prevKeys[y + k] === curKeys[y] && !isBlankRow(cur.lines[y]!)) matches++;
    if (matches > best.matches) best = { k, matches };
  }
  return { changeRatio, scrolled: content > 0 && best.matches >= content / 2 ? best.k : 0 };
}
