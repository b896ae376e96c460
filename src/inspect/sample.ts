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
 * Sequences the terminal did not understand are reported by xterm.js itself:
 * its parser sends "Unknown CSI/ESC/OSC/DCS/EXECUTE code" and "Unknown SGR
 * attribute" to its logger at debug level, so a logger is installed on the
 * replay terminal for the duration of the replay.
 */
import { openCast, type CastEvent, type CastFile, type CastHeader } from '../cast/index.js';
import { startReplay, type Snapshot, type VirtualTerminal } from '../terminal/index.js';

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

export type UnknownKind = 'CSI' | 'ESC' | 'OSC' | 'DCS' | 'SGR' | 'C0';

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
  const interval = options.intervalSeconds ?? 0.1;
  const cast = await openCast(castPath);
  options.onHeader?.(cast.header);
  const summary: SamplingSummary = {
    intervalSeconds: interval,
    duration: 0,
    cols: cast.header.width,
    rows: cast.header.height,
    events: 0,
    outputEvents: 0,
    outputChars: 0,
    resizes: 0,
    frames: 0,
    markers: [],
    unknownSequences: [],
  };
  const unknown = new Map<string, UnknownSequence>();
  let terminal: VirtualTerminal | undefined;
  let previous: Snapshot | undefined;
  let dirty = false;
  let window = -1;
  let lastTime = 0;

  const measure = async (time: number, reason: SampleReason) => {
    if (!terminal || (!dirty && reason !== 'final')) return;
    dirty = false;
    await terminal.write(''); // resolves once everything fed so far is parsed
    const snapshot = terminal.snapshot(time);
    const { changeRatio, scrolled } = compareScreens(previous, snapshot);
    if (previous && changeRatio === 0) return;
    const frame: Frame = { index: summary.frames++, time, reason, snapshot, wrapped: wrappedRows(terminal), previous, changeRatio, scrolled };
    options.onFrame(frame);
    previous = snapshot;
  };

  // Looks one event ahead: before an event of a new window is fed, the
  // previous window's final screen is measured.
  async function* gated(events: AsyncIterable<CastEvent>): AsyncGenerator<CastEvent> {
    for await (const event of events) {
      // The epsilon keeps 0.3 + 0.1 × k (stored as 0.7999999…) in its own window.
      const w = Math.floor(event.time / interval + 1e-6);
      if (w !== window) {
        await measure(lastTime, 'interval');
        window = w;
      }
      yield event;
      lastTime = event.time;
    }
  }

  const source: CastFile = { header: cast.header, events: gated(cast.events) };
  const replay = await startReplay(source);
  terminal = replay.terminal;
  watchUnknownSequences(terminal, unknown);
  try {
    for await (const step of replay.steps) {
      const { event } = step;
      summary.events++;
      options.onEvent?.(event);
      if (event.code === 'o') {
        summary.outputEvents++;
        summary.outputChars += event.data.length;
        dirty = true;
      } else if (event.code === 'r') {
        summary.resizes++;
        dirty = true;
      } else if (event.code === 'm') {
        if (summary.markers.length < MAX_MARKERS) summary.markers.push({ label: event.data, time: event.time });
        await step.settle();
        await measure(event.time, 'marker');
      }
      summary.duration = event.time;
    }
    await measure(lastTime, 'final');
  } finally {
    terminal.xterm.options.logLevel = 'off';
    terminal.dispose();
  }
  summary.unknownSequences = [...unknown.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  return summary;
}

function wrappedRows(terminal: VirtualTerminal): boolean[] {
  const buffer = terminal.xterm.buffer.active;
  const out: boolean[] = [];
  for (let y = 0; y < terminal.rows; y++) out.push(buffer.getLine(buffer.viewportY + y)?.isWrapped ?? false);
  return out;
}

function watchUnknownSequences(terminal: VirtualTerminal, into: Map<string, UnknownSequence>): void {
  const note = (kind: UnknownKind, id: string, example: string) => {
    const key = `${kind} ${id}`;
    const seen = into.get(key);
    if (seen) seen.count++;
    else if (into.size < MAX_UNKNOWN_KINDS) into.set(key, { kind, id: key, count: 1, example });
  };
  const ignore = () => {};
  terminal.xterm.options.logger = {
    trace: ignore,
    info: ignore,
    warn: ignore,
    error: ignore,
    debug(message: string, ...args: unknown[]) {
      const info = (args[0] ?? {}) as { identifier?: string | number; params?: number[]; action?: string; code?: number; payload?: unknown };
      if (message.startsWith('Unknown CSI')) note('CSI', String(info.identifier), `CSI ${(info.params ?? []).join(';')} ${info.identifier}`);
      else if (message.startsWith('Unknown ESC')) note('ESC', String(info.identifier), `ESC ${info.identifier}`);
      else if (message.startsWith('Unknown OSC') && info.action === 'START') note('OSC', String(info.identifier), `OSC ${info.identifier}`);
      else if (message.startsWith('Unknown DCS') && info.action === 'HOOK') note('DCS', String(info.identifier), `DCS ${info.identifier}`);
      else if (message.startsWith('Unknown EXECUTE')) note('C0', `0x${(info.code ?? 0).toString(16).padStart(2, '0')}`, `control character 0x${(info.code ?? 0).toString(16)}`);
      else if (message.startsWith('Unknown SGR')) note('SGR', String(args[0]), `SGR ${args[0]}`);
    },
  };
  terminal.xterm.options.logLevel = 'debug';
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
