/** Parsers for flag values shared by the verbs: each names the flag and the bad value when it fails. */
import { TermlensError, quote } from '../errors/index.js';
import { inRange, rangeText, type Range } from '../errors/range.js';
import { formatDuration, MAX_DURATION_MS, parseDuration } from '../record/duration.js';

function bad(flag: string, value: string, expected: string): TermlensError {
  return new TermlensError(`${flag} ${quote(value)} is not ${expected}`, { code: 'usage', stage: 'cli', hint: `Give ${flag} ${expected}.` });
}

/** A number within a stage's range (src/<stage>/defaults.ts), worded as the config and the stage word it. */
export function rangeFlag(flag: string, range: Range) {
  return (value: string): number => {
    const n = value.trim() === '' ? NaN : Number(value);
    if (!inRange(n, range)) throw bad(flag, value, rangeText(range));
    return n;
  };
}

/** A flag's help text with its range, before a closing note: `font size, 4–200 (default: the largest that fits)`. */
export function withRange(description: string, range: Range): string {
  const note = /\s\([^()]*\)$/.exec(description);
  const text = note ? description.slice(0, note.index) : description;
  return `${text}, ${range.min}–${range.max}${range.even ? ', even' : ''}${note ? note[0] : ''}`;
}

export function choiceFlag<T extends string>(flag: string, choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) throw bad(flag, value, `one of ${choices.join(', ')}`);
    return value as T;
  };
}

/** Seconds, comma-separated, each within `range`. */
export function numberListFlag(flag: string, range: Range) {
  return (value: string): number[] => {
    const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
    const nums = parts.map(Number);
    if (parts.length === 0 || nums.some((n) => !inRange(n, range))) throw bad(flag, value, `a comma-separated list of seconds from ${range.min} to ${range.max}, e.g. 1,5.5,12`);
    return nums;
  };
}

/**
 * Durations as people write them: 500ms, 2s, 1.5m, or a bare number of
 * seconds, within `range` (in seconds; by default 0 to 24h). Returns milliseconds.
 */
export function durationFlag(flag: string, range: Range = { min: 0, max: MAX_DURATION_MS / 1000 }) {
  const hours = (s: number) => (s % 3600 === 0 && s > 0 ? `${s / 3600}h` : formatDuration(s * 1000));
  const bounds = range.min > 0 ? `from ${hours(range.min)} to ${hours(range.max)}` : `at most ${hours(range.max)}`;
  return (value: string): number => {
    const ms = parseDuration(value);
    if (ms === undefined || !inRange(ms / 1000, range)) throw bad(flag, value, `a duration such as 500ms, 30s or 5m, ${bounds}`);
    return ms;
  };
}
