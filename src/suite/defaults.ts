/**
 * The suite stage's defaults and limits, in one place: runSuite checks
 * against them, and the suite flags of `termlens run` take their bounds and
 * defaults from here. A scenario's size in a matrix is the recorder's
 * (RECORD_LIMITS.cols and .rows).
 */
import type { Range } from '../errors/range.js';

export const SUITE_DEFAULTS = {
  /** Scenarios in flight at once. */
  jobs: 1,
} as const;

export const SUITE_LIMITS = {
  // Each scenario is a whole pipeline (a PTY, a renderer, ffmpeg); 64 is the judge's concurrency ceiling too.
  jobs: { min: 1, max: 64, whole: true },
} as const satisfies Record<string, Range>;
