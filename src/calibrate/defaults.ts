/**
 * The calibrate stage's defaults and limits, in one place: calibrate()
 * checks against them, and `termlens calibrate`'s flags take their bounds
 * and defaults from here. Samples, concurrency and the request timeout are
 * the judge's (src/judge/defaults.ts).
 */
import type { Range } from '../errors/range.js';

export const CALIBRATE_DEFAULTS = {
  /** Share of known pairs the model must order correctly, else exit 5. */
  minAccuracy: 0.8,
  /** Frames per recording, spread evenly, so a pair's frames line up. */
  frames: 6,
} as const;

export const CALIBRATE_LIMITS = {
  minAccuracy: { min: 0, max: 1 },
  // The same ceiling as the judge's frame count for one recording: each frame is an image in every request.
  frames: { min: 1, max: 20, whole: true },
} as const satisfies Record<string, Range>;
