/**
 * Which frames of a video to show the model. Pure functions over frame times
 * (and, for `distinct`, small thumbnails), so they are tested without video.
 */

export type FrameStrategy = 'uniform' | 'distinct' | 'markers' | 'times';
export const FRAME_STRATEGIES: readonly FrameStrategy[] = ['uniform', 'distinct', 'markers', 'times'];

export interface Pick {
  /** Index into the video's frame list. */
  frame: number;
  /** Time asked for, seconds. */
  time: number;
  reason: string;
}

/** Index of the frame on screen at `time`: the last frame whose start is at or before it. */
export function frameAt(frameTimes: readonly number[], time: number): number {
  let lo = 0;
  let hi = frameTimes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (frameTimes[mid]! <= time + 1e-6) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Drop picks that land on a frame already picked; the first reason wins. */
export function uniquePicks(picks: Pick[]): Pick[] {
  const seen = new Set<number>();
  return picks.filter((p) => (seen.has(p.frame) ? false : (seen.add(p.frame), true)));
}

/**
 * Evenly spaced over the whole video, first and last moments included (the
 * reference evaluation's choice). A video with fewer distinct frames than
 * asked gives fewer picks: the model never sees the same image twice.
 */
export function pickUniform(frameTimes: readonly number[], duration: number, count: number): Pick[] {
  const picks: Pick[] = [];
  const end = Math.max(0, duration);
  for (let i = 0; i < count; i++) {
    const time = count === 1 ? end : (end * i) / (count - 1);
    picks.push({ frame: frameAt(frameTimes, time), time, reason: `uniform ${i + 1}/${count}` });
  }
  return uniquePicks(picks);
}

export function pickTimes(frameTimes: readonly number[], times: readonly number[]): Pick[] {
  return uniquePicks(times.map((time) => ({ frame: frameAt(frameTimes, time), time, reason: `at ${time}s` })));
}

export function pickMarkers(frameTimes: readonly number[], markers: ReadonlyArray<{ label: string; time: number }>): Pick[] {
  return uniquePicks(
    markers.map((m) => ({ frame: frameAt(frameTimes, m.time), time: m.time, reason: `marker ${JSON.stringify(m.label)}` })),
  );
}

/** Mean absolute difference of two equal-length grey thumbnails, 0–255. */
export function thumbDistance(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/**
 * The `count` frames that best cover what the video shows: start from the
 * final frame (the result a user sees last), then repeatedly add the frame
 * farthest from everything chosen so far (farthest-point sampling). Stops
 * early once every remaining frame is identical to a chosen one, so two
 * identical frames are never picked while unseen states remain.
 */
export function pickDistinct(frameTimes: readonly number[], thumbs: readonly Uint8Array[], count: number): Pick[] {
  const n = Math.min(frameTimes.length, thumbs.length);
  if (n === 0) return [];
  const chosen: number[] = [n - 1];
  const nearest = new Float64Array(n);
  for (let i = 0; i < n; i++) nearest[i] = thumbDistance(thumbs[i]!, thumbs[n - 1]!);
  // A frame with nothing on it (the blank screen before the first output) is
  // as far from every other state as any, but shows a reader nothing: it is
  // taken only when the frames with content have run out.
  const blank = Array.from({ length: n }, (_, i) => isBlank(thumbs[i]!));
  while (chosen.length < count) {
    let best = -1;
    for (const allowBlank of [false, true]) {
      for (let i = 0; i < n; i++) if ((allowBlank || !blank[i]) && nearest[i]! > 0 && (best < 0 || nearest[i]! > nearest[best]!)) best = i;
      if (best >= 0) break;
    }
    if (best < 0) break;
    chosen.push(best);
    for (let i = 0; i < n; i++) nearest[i] = Math.min(nearest[i]!, thumbDistance(thumbs[i]!, thumbs[best]!));
  }
  return chosen
    .sort((a, b) => a - b)
    .map((frame) => ({ frame, time: frameTimes[frame]!, reason: frame === n - 1 ? 'distinct: final screen' : 'distinct: new state' }));
}

/** Grey levels this close to the thumbnail's mean everywhere but a few pixels (a cursor) count as an empty screen. */
const BLANK_TOLERANCE = 12;
const BLANK_MAX_OUTLIERS = 0.005;

export function isBlank(thumb: Uint8Array): boolean {
  let sum = 0;
  for (const v of thumb) sum += v;
  const mean = sum / thumb.length;
  let outliers = 0;
  for (const v of thumb) if (Math.abs(v - mean) > BLANK_TOLERANCE) outliers++;
  return outliers <= thumb.length * BLANK_MAX_OUTLIERS;
}

/** Scale that fits a picture within `maxShort` on its short side and `maxLong` on its long side, never enlarging. */
export function fitScale(width: number, height: number, maxShort: number, maxLong: number): { width: number; height: number } {
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  const k = Math.min(1, maxShort / short, maxLong / long);
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}
