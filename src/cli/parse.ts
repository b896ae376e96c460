/** Parsers for flag values shared by the verbs: each names the flag and the bad value when it fails. */
import { TermlensError, quote } from '../errors/index.js';
import { durationTooLong, MAX_DURATION_MS, parseDuration } from '../record/duration.js';

function bad(flag: string, value: string, expected: string): TermlensError {
  return new TermlensError(`${flag} ${quote(value)} is not ${expected}`, { code: 'usage', stage: 'cli', hint: `Give ${flag} ${expected}.` });
}

export function intFlag(flag: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw bad(flag, value, `a whole number from ${min} to ${max}`);
    return n;
  };
}

export function numberFlag(flag: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) throw bad(flag, value, `a number from ${min} to ${max}`);
    return n;
  };
}

export function choiceFlag<T extends string>(flag: string, choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) throw bad(flag, value, `one of ${choices.join(', ')}`);
    return value as T;
  };
}

export function numberListFlag(flag: string) {
  return (value: string): number[] => {
    const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
    const nums = parts.map(Number);
    if (parts.length === 0 || nums.some((n) => !Number.isFinite(n) || n < 0)) throw bad(flag, value, 'a comma-separated list of seconds, e.g. 1,5.5,12');
    return nums;
  };
}

/** Durations as people write them: 500ms, 2s, 1.5m, or a bare number of seconds, up to 24h. Returns milliseconds. */
export function durationFlag(flag: string) {
  return (value: string): number => {
    const ms = parseDuration(value);
    if (ms === undefined || durationTooLong(ms)) throw bad(flag, value, `a duration such as 500ms, 30s or 5m, at most ${MAX_DURATION_MS / 3_600_000}h`);
    return ms;
  };
}
