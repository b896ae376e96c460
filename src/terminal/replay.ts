/**
 * The one replay loop: a cast's events fed in order into a VirtualTerminal,
 * with a consumer told what happens. Every reader of a cast's screens is a
 * consumer of it: the renderer (a frame per frame slot whose screen changed),
 * the inspector's sampler (a screen per sampling window), `screenAt`
 * (`termlens screen`), compare's marker screens and a tape's text outputs.
 *
 * For each event: `onFrameDue` when the event belongs to a later frame than
 * the one before it (`frameOf`), then `onEvent`, then the event is applied
 * and `onOutput`, `onResize` (before the resize is applied), `onMarker` or
 * `onInput` runs. `onEnd` follows the last event applied. A consumer thus
 * sees every event only after the screens that do not show it.
 *
 * Output is parsed before the next hook runs when xterm.js allows it
 * (xterm-adapter.ts: no timer turn per frame); otherwise it is fed without
 * waiting, and a hook that reads the screen awaits `screen.settle()` first.
 */
import { openCast, type CastEvent, type CastFile, type CastHeader } from '../cast/index.js';
import { TermlensError, quote } from '../errors/index.js';
import { VirtualTerminal } from './virtual-terminal.js';
import type { Snapshot } from './types.js';

/** Bytes fed but not yet parsed before the loop waits for xterm to catch up (bounds memory on floods). */
const MAX_PENDING_BYTES = 1 << 20;

/** The terminal as a hook sees it. */
export interface ReplayScreen {
  readonly terminal: VirtualTerminal;
  /** Cast time of the last event applied, in seconds (0 before the first). */
  readonly time: number;
  /** Resolves once every event applied so far shows on the screen: await it before reading the screen. */
  settle(): Promise<void>;
}

/** What a hook returns: nothing, or 'stop' to end the replay there (onEnd still runs). */
export type HookResult = void | 'stop' | Promise<void | 'stop'>;

export interface Size {
  cols: number;
  rows: number;
}

/** What a reader of a cast implements; every hook is optional. A hook that throws ends the replay with that error. */
export interface ReplayConsumer {
  /** Once, before any event, with the terminal sized from the header. */
  onStart?(header: CastHeader, screen: ReplayScreen): void | Promise<void>;
  /**
   * The frame an event belongs to (a video frame slot, a sampling window):
   * called once per event, in order, first. Frames count from 0, the cast's
   * start. Without it, onFrameDue never runs.
   */
  frameOf?(event: CastEvent): number;
  /** Frame `frame` is over: the screen shows every event before the current one (after settle()). */
  onFrameDue?(frame: number, screen: ReplayScreen): HookResult;
  /** Every event in order, before it is applied; 'stop' ends the replay without applying it. */
  onEvent?(event: CastEvent): HookResult;
  /** Output was fed to the terminal. */
  onOutput?(event: CastEvent): void;
  /** A resize, before it is applied; `size` is undefined when the data is not COLSxROWS (nothing changes then). */
  onResize?(size: Size | undefined, event: CastEvent): void;
  /** A marker, after every event before it. */
  onMarker?(event: CastEvent, screen: ReplayScreen): HookResult;
  /** Keyboard input the recording kept (`i` events); the terminal does not see it. */
  onInput?(event: CastEvent): void;
  /** After the last event applied, at the cast's end or a 'stop'; the screen is settled. */
  onEnd?(screen: ReplayScreen): void | Promise<void>;
}

export interface ReplayOptions {
  /** Lines kept above the screen. @default 1000 */
  scrollback?: number;
}

/** Replay a cast (a path, or one already open, e.g. followed live) into a new terminal, disposed at the end. */
export async function replayCast(source: string | CastFile, consumer: ReplayConsumer, options: ReplayOptions = {}): Promise<void> {
  const cast = typeof source === 'string' ? await openCast(source) : source;
  const terminal = new VirtualTerminal({ cols: cast.header.width, rows: cast.header.height, ...(options.scrollback !== undefined ? { scrollback: options.scrollback } : {}) });
  const screen = new Screen(terminal);
  try {
    await consumer.onStart?.(cast.header, screen);
    let frame = 0;
    for await (const event of cast.events) {
      if (consumer.frameOf) {
        const next = consumer.frameOf(event);
        if (next !== frame) {
          const ended = frame;
          frame = next;
          if ((await consumer.onFrameDue?.(ended, screen)) === 'stop') break;
        }
      }
      if ((await consumer.onEvent?.(event)) === 'stop') break;
      if ((await apply(event, screen, consumer)) === 'stop') break;
    }
    await screen.settle();
    await consumer.onEnd?.(screen);
  } finally {
    terminal.dispose();
  }
}

/** Apply one event and tell the consumer. */
async function apply(event: CastEvent, screen: Screen, consumer: ReplayConsumer): Promise<void | 'stop'> {
  screen.time = event.time;
  switch (event.code) {
    case 'o':
      await screen.feed(event.data);
      consumer.onOutput?.(event);
      return;
    case 'r': {
      await screen.settle();
      const size = parseResize(event.data);
      consumer.onResize?.(size, event);
      if (size) screen.terminal.resize(size.cols, size.rows);
      return;
    }
    case 'm':
      return consumer.onMarker?.(event, screen);
    case 'i':
      consumer.onInput?.(event);
      return;
  }
}

/** The terminal with what is fed but maybe not yet parsed. */
class Screen implements ReplayScreen {
  time = 0;
  private pending: Promise<void> = Promise.resolve();
  private pendingBytes = 0;
  private readonly sync: boolean;

  constructor(readonly terminal: VirtualTerminal) {
    this.sync = terminal.parsesSynchronously;
  }

  /** Feed output; waits only when too much is still unparsed. */
  async feed(data: string): Promise<void> {
    if (this.sync) return this.terminal.writeSync(data);
    this.pending = this.terminal.write(data);
    this.pendingBytes += data.length;
    if (this.pendingBytes > MAX_PENDING_BYTES) await this.settle();
  }

  async settle(): Promise<void> {
    await this.pending;
    this.pendingBytes = 0;
  }
}

export function parseResize(data: string): Size | undefined {
  const m = /^(\d+)x(\d+)$/.exec(data.trim());
  if (!m) return undefined;
  const cols = Number(m[1]);
  const rows = Number(m[2]);
  return cols > 0 && rows > 0 ? { cols, rows } : undefined;
}

/** Which moment of a cast to look at. */
export type ScreenMoment = { at: number } | { marker: string } | { end: true };

export interface ScreenAt {
  snapshot: Snapshot;
  header: CastHeader;
  /** Labels of every marker in the cast up to the moment, for error messages and listings. */
  markers: string[];
}

/**
 * The screen at a moment: after every event at or before `at` seconds, right
 * after the marker labelled `marker`, or at the end.
 */
export async function screenAt(castPath: string, moment: ScreenMoment): Promise<ScreenAt> {
  const cast = await openCast(castPath);
  const markers: string[] = [];
  let found = !('marker' in moment);
  let snapshot: Snapshot | undefined;
  await replayCast(cast, {
    // Stop before the first event after the requested time: it is not on screen yet.
    onEvent: (event) => ('at' in moment && event.time > moment.at ? 'stop' : undefined),
    onMarker(event) {
      markers.push(event.data);
      if ('marker' in moment && event.data === moment.marker) {
        found = true;
        return 'stop';
      }
    },
    onEnd({ terminal, time }) {
      snapshot = terminal.snapshot('at' in moment ? moment.at : time);
    },
  });
  if (!found && 'marker' in moment) {
    throw new TermlensError(`no marker ${quote(moment.marker)} in ${quote(castPath)}`, {
      code: 'usage',
      stage: 'terminal',
      hint: markers.length
        ? `Markers in this cast: ${markers.map((m) => quote(m)).join(', ')}.`
        : 'This cast has no markers; use --at SECONDS or --end.',
    });
  }
  if (!snapshot) throw new Error('replay ended without its end');
  return { snapshot, header: cast.header, markers };
}
