/**
 * Replays a cast into a VirtualTerminal. Output is fed without waiting for
 * every chunk to be parsed (that would cost a macrotask per event); callers
 * `await step.settle()` when they are about to read the screen.
 */
import { openCast, type CastEvent, type CastFile, type CastHeader } from '../cast/index.js';
import { TermlensError, quote } from '../errors/index.js';
import { VirtualTerminal } from './virtual-terminal.js';
import type { Snapshot } from './types.js';

/** Bytes fed but not yet parsed before replay waits for xterm to catch up (bounds memory on floods). */
const MAX_PENDING_BYTES = 4 << 20;

export interface ReplayStep {
  event: CastEvent;
  terminal: VirtualTerminal;
  /** Resolves once every event so far has been applied to the screen. */
  settle(): Promise<void>;
}

export interface Replay {
  header: CastHeader;
  terminal: VirtualTerminal;
  steps: AsyncGenerator<ReplayStep>;
}

export async function startReplay(source: string | CastFile): Promise<Replay> {
  const cast = typeof source === 'string' ? await openCast(source) : source;
  const terminal = new VirtualTerminal({ cols: cast.header.width, rows: cast.header.height });
  return { header: cast.header, terminal, steps: stepsOf(cast, terminal) };
}

async function* stepsOf(cast: CastFile, terminal: VirtualTerminal): AsyncGenerator<ReplayStep> {
  let pending: Promise<void> = Promise.resolve();
  let pendingBytes = 0;
  const settle = async () => {
    await pending;
    pendingBytes = 0;
  };
  for await (const event of cast.events) {
    if (event.code === 'o') {
      pending = terminal.write(event.data);
      pendingBytes += event.data.length;
      if (pendingBytes > MAX_PENDING_BYTES) await settle();
    } else if (event.code === 'r') {
      await settle();
      const size = parseResize(event.data);
      if (size) terminal.resize(size.cols, size.rows);
    }
    yield { event, terminal, settle };
  }
  await settle();
}

export function parseResize(data: string): { cols: number; rows: number } | undefined {
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
  terminal: VirtualTerminal;
  header: CastHeader;
  /** Labels of every marker in the cast, for error messages and listings. */
  markers: string[];
}

/**
 * The screen at a moment: after every event at or before `at` seconds, right
 * after the marker labelled `marker`, or at the end.
 */
export async function screenAt(castPath: string, moment: ScreenMoment): Promise<ScreenAt> {
  const cast = await openCast(castPath);
  const terminal = new VirtualTerminal({ cols: cast.header.width, rows: cast.header.height });
  const markers: string[] = [];
  let time = 0;
  let found = !('marker' in moment);
  for await (const event of cast.events) {
    // Stop before the first event after the requested time: it is not on screen yet.
    if ('at' in moment && event.time > moment.at) break;
    await applyEvent(terminal, event);
    time = event.time;
    if (event.code === 'm') {
      markers.push(event.data);
      if ('marker' in moment && event.data === moment.marker) {
        found = true;
        break;
      }
    }
  }
  if (!found && 'marker' in moment) {
    throw new TermlensError(`no marker ${quote(moment.marker)} in ${quote(castPath)}`, {
      code: 'usage',
      stage: 'terminal',
      hint: markers.length
        ? `Markers in this cast: ${markers.map((m) => quote(m)).join(', ')}.`
        : 'This cast has no markers; use --at SECONDS or --end.',
    });
  }
  await terminal.write('');
  return { snapshot: terminal.snapshot('at' in moment ? moment.at : time), terminal, header: cast.header, markers };
}

/** Apply one event and wait until the screen shows it. */
export async function applyEvent(terminal: VirtualTerminal, event: CastEvent): Promise<void> {
  if (event.code === 'o') await terminal.write(event.data);
  else if (event.code === 'r') {
    const size = parseResize(event.data);
    if (size) terminal.resize(size.cols, size.rows);
  }
}
