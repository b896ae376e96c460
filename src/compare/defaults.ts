/**
 * The compare stage's defaults and limits, in one place: compareRuns checks
 * against them, and `termlens compare`'s flags take their bounds and
 * defaults from here.
 */
import type { Range } from '../errors/range.js';

export const COMPARE_DEFAULTS = {
  // pixelmatch's own default: anti-aliasing and video noise stay under it, a changed glyph does not.
  pixelThreshold: 0.1,
  /** --judge-pair: most aligned moments shown to the model side by side. */
  pairFrames: 6,
} as const;

export const COMPARE_LIMITS = {
  /** pixelmatch's colour distance in YIQ space, 0 (any change) to 1 (none counted). */
  pixelThreshold: { min: 0, max: 1 },
  // Each moment is an image in every request, asked in both orders; twenty already cover a long run.
  pairFrames: { min: 1, max: 20, whole: true },
} as const satisfies Record<string, Range>;
