/**
 * The judge stage's defaults and limits, in one place: judgeRun and the
 * prompt front matter check against them, the config schema and
 * docs/config.md are built from them, and the flags of `termlens judge`,
 * `run` and `calibrate` take their bounds and defaults from here.
 */
import type { Range } from '../errors/range.js';

export const JUDGE_DEFAULTS = {
  provider: 'auto',
  prompts: 'default',
  // Three answers give a median and a spread at a third of the cost of five.
  samples: 3,
  concurrency: 4,
  cache: true,
  cacheDir: '.termlens-cache',
  facts: 'measures' as 'none' | 'measures',
  /** Seconds for one request attempt. */
  timeout: 120,
  /** Attempts after the first, with backoff, for errors worth retrying. */
  retries: 3,
  /** Seconds for the whole judging, retries and waits included. */
  deadline: 1800,
} as const;

export const JUDGE_LIMITS = {
  // Each sample is a paid request per prompt; twenty already pin the median well under a point.
  samples: { min: 1, max: 20, whole: true },
  concurrency: { min: 1, max: 64, whole: true },
  // The prompts' own front matter allows the same range.
  maxTokens: { min: 256, max: 131_072, whole: true },
  /** Seconds for one request attempt: above 0, at most 24 h like every wait. */
  timeout: { min: 0.001, max: 86_400 },
} as const satisfies Record<string, Range>;
