/**
 * The pre-test's defaults and limits, in one place: runPretest checks
 * against them, the config schema and docs/config.md are built from them,
 * and `termlens pretest`'s flags take their bounds from here. All in seconds.
 */
import type { Range } from '../errors/range.js';
import type { PretestProtocol } from './types.js';

/** The longest wait anywhere in termlens (24 h), as record/duration.ts's MAX_DURATION_MS. */
const DAY = 86_400;

export const PRETEST_DEFAULTS = {
  // The safest protocol for an unknown program: a full-screen program that never exits passes, one that crashes fails.
  protocol: 'smoke' as PretestProtocol,
  smokeSeconds: 45,
  timeout: 120,
  // massgen: an agent with no progress for this long while the others progress fails the pre-test; short enough to show inside a 45 s window.
  stallSeconds: 30,
} as const;

export const PRETEST_LIMITS = {
  // 0 has a meaning for both: smokeSeconds 0 waits for a massgen run to finish, stallSeconds 0 turns the check off.
  smokeSeconds: { min: 0, max: DAY },
  stallSeconds: { min: 0, max: DAY },
  // A timeout must leave the program some time: durations are whole milliseconds, so this is "above 0".
  timeout: { min: 0.001, max: DAY },
} as const satisfies Record<string, Range>;
