/**
 * A number's allowed range, and the one sentence that says it. Each stage
 * declares its limits as Ranges (src/<stage>/defaults.ts); the config schema,
 * the command-line flags and the stage's own checks all word a bad value the
 * same way from them: `fps "500" is not a whole number from 1 to 120`, with
 * the config key or the flag in front instead of the bare name.
 */
import { TermlensError, quote, type Stage } from './index.js';

export interface Range {
  readonly min: number;
  readonly max: number;
  /** Whole numbers only (pixels, counts). */
  readonly whole?: boolean;
  /** Even whole numbers only (a video's sides: 4:2:0 video needs them). */
  readonly even?: boolean;
}

/** "a whole number from 1 to 120" / "a number from 0.01 to 100" / "an even whole number from 16 to 7680". */
export function rangeText(range: Range): string {
  return `${range.even ? 'an even whole' : range.whole ? 'a whole' : 'a'} number from ${range.min} to ${range.max}`;
}

export function inRange(value: unknown, range: Range): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) return false;
  if (range.even) return value % 2 === 0;
  return !range.whole || Number.isInteger(value);
}

/** The value when it is in range; otherwise a usage error naming it and the range. */
export function checkRange(name: string, value: unknown, range: Range, stage: Stage): number {
  if (inRange(value, range)) return value;
  throw new TermlensError(`${name} ${quote(value)} is not ${rangeText(range)}`, { code: 'usage', stage, hint: `Give ${name} ${rangeText(range)}.` });
}
