/**
 * The record stage's defaults and limits, in one place: the recorder checks
 * against them, the config schema and docs/config.md are built from them,
 * and `termlens record`'s flags take their bounds and defaults from here.
 */
import { MAX_CAST_COLS, MAX_CAST_ROWS } from '../cast/reader.js';
import type { Range } from '../errors/range.js';

export const RECORD_DEFAULTS = {
  /** The classic terminal, when no size is given. */
  cols: 80,
  rows: 24,
  /** Seconds until the program is stopped (the cast is kept); 0 for never. */
  timeout: 300,
  /** VHS's defaults, used for whichever of width, height, font size and padding is not given. */
  window: { width: 1200, height: 600, fontSize: 22, padding: 60 },
} as const;

export const RECORD_LIMITS = {
  // The cast reader's own bounds, so every recording can be read back (a guard against typos such as --cols 8000).
  cols: { min: 1, max: MAX_CAST_COLS, whole: true },
  rows: { min: 1, max: MAX_CAST_ROWS, whole: true },
  // A window is sized in the same pixels as a video (8K: 7680 on either side).
  width: { min: 16, max: 7680, whole: true },
  height: { min: 16, max: 7680, whole: true },
  fontSize: { min: 4, max: 200 },
  padding: { min: 0, max: 1000, whole: true },
} as const satisfies Record<string, Range>;
