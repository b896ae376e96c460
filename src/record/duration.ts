/**
 * Durations as people write them in step files, tapes and flags: `500ms`,
 * `2s`, `1.5s`, `1m`; a bare number means seconds, as in VHS's `Sleep 2`.
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Milliseconds for a duration, or undefined when the value is not one.
 * Accepts numbers (seconds) and strings like "500ms", "2s", "1m", "1.5", "2 s".
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h)?\s*$/i.exec(value);
  if (!m) return undefined;
  const amount = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  return Math.round(amount * UNIT_MS[unit]!);
}

/** Short human form: 50ms, 1.5s, 2m. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000 || ms % 60_000 !== 0) return `${Number((ms / 1000).toFixed(3))}s`;
  return `${ms / 60_000}m`;
}

/**
 * The longest duration termlens accepts anywhere (timeouts, sleeps, waits,
 * typing speeds): 24 hours. Node's timers hold at most 2^31 − 1 ms (about
 * 596 hours) and fire at once above that, so a larger value would not wait
 * longer but not at all.
 */
export const MAX_DURATION_MS = 24 * 3_600_000;

/** "is longer than the 24h maximum", for messages; undefined when `ms` is within it. */
export function durationTooLong(ms: number): string | undefined {
  return ms > MAX_DURATION_MS ? `is longer than the ${MAX_DURATION_MS / 3_600_000}h maximum` : undefined;
}

/** What a duration should look like, for error messages. */
export const DURATION_EXAMPLES = 'a duration like 500ms, 2s or 1m (a bare number is seconds)';
