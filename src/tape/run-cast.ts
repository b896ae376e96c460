/**
 * What the tape runner does to a recorded cast: leave the spans between
 * `Hide` and `Show` out of its timeline, and cut it at a step's marker for a
 * screenshot.
 *
 * Hidden spans are collapsed in time rather than dropped: their output
 * still reaches the terminal (the screen after `Show` depends on it) but at
 * the instant the span began, so no frame ever shows it — the video goes
 * from the last frame before `Hide` straight to the screen at `Show`, as
 * VHS's does. Because the cast itself carries the collapsed timeline, the
 * video, the frames and the offline measures all see the same thing.
 */
import { renameSync, rmSync } from 'node:fs';
import { CastWriter, readCast, type CastEvent, type CastHeader } from '../cast/index.js';
import type { StepRole } from './run-steps.js';

export interface HiddenSpan {
  /** Seconds in the recording as made (before collapsing). */
  start: number;
  end: number;
}

export interface CollapseResult {
  /** Spans left out, in recording time. */
  spans: HiddenSpan[];
  /** Seconds taken out of the timeline. */
  hiddenSeconds: number;
}

/**
 * The events with hidden spans collapsed. A tape whose first step is `Hide`
 * hides the shell's start-up too, since VHS starts recording only at `Show`.
 */
export function collapseEvents(events: readonly CastEvent[], roles: readonly StepRole[]): { events: CastEvent[]; spans: HiddenSpan[] } {
  const out: CastEvent[] = [];
  const spans: HiddenSpan[] = [];
  let marker = 0;
  let hiddenSince: number | undefined = roles.find((r) => !r.setup)?.tape === 'hide' ? 0 : undefined;
  let removed = 0;
  for (const e of events) {
    if (e.code === 'm') {
      const role = roles[marker++];
      if (role?.tape === 'hide' && hiddenSince === undefined) hiddenSince = e.time;
      if (role?.tape === 'show' && hiddenSince !== undefined) {
        spans.push({ start: hiddenSince, end: e.time });
        removed += e.time - hiddenSince;
        hiddenSince = undefined;
      }
    }
    const time = hiddenSince !== undefined ? hiddenSince - removed : e.time - removed;
    out.push({ ...e, time: Math.max(0, time) });
  }
  const last = events.at(-1);
  if (hiddenSince !== undefined && last) spans.push({ start: hiddenSince, end: last.time });
  return { events: out, spans };
}

function writeCast(path: string, header: CastHeader, events: readonly CastEvent[]): void {
  const { version: _version, ...rest } = header;
  const writer = new CastWriter(path, rest);
  try {
    for (const e of events) writer.write(e.time, e.code, e.data);
  } finally {
    writer.close();
  }
}

/** Rewrite the cast in place with hidden spans collapsed (temp file, then rename). */
export async function collapseHiddenSpans(castPath: string, roles: readonly StepRole[]): Promise<CollapseResult> {
  const cast = await readCast(castPath);
  const { events, spans } = collapseEvents(cast.events, roles);
  const hiddenSeconds = spans.reduce((sum, s) => sum + (s.end - s.start), 0);
  if (spans.length === 0) return { spans, hiddenSeconds };
  const tmp = `${castPath}.${process.pid}.tmp`;
  try {
    writeCast(tmp, { ...cast.header, ...(cast.header.duration !== undefined ? { duration: events.at(-1)?.time ?? 0 } : {}) }, events);
    renameSync(tmp, castPath);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  return { spans, hiddenSeconds };
}

/**
 * A cast holding every event up to the `markerNumber`-th marker (1-based),
 * all at time 0, so a render draws exactly one frame: the screen at that moment.
 * Returns false when the cast has fewer markers (the step never ended).
 */
export async function writeCastUntilMarker(castPath: string, markerNumber: number, out: string): Promise<boolean> {
  const cast = await readCast(castPath);
  const kept: CastEvent[] = [];
  let seen = 0;
  for (const e of cast.events) {
    kept.push({ ...e, time: 0 });
    if (e.code === 'm' && ++seen === markerNumber) {
      writeCast(out, cast.header, kept);
      return true;
    }
  }
  return false;
}
