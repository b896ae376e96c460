/**
 * Every default of a config file, in one table, composed from the stages'
 * own defaults and limits (src/<stage>/defaults.ts), which their flags and
 * their own checks read too. The schema reads its defaults and ranges from
 * here and docs/config.md is generated from here, so neither the
 * documentation nor a flag can drift from what termlens does.
 *
 * Durations are in seconds, as a bare number in a config file is.
 */
import { SCORE_RANGE } from '../criteria.js';
import { defaultThresholds } from '../compare/thresholds.js';
import { FRAMES_DEFAULTS, FRAMES_LIMITS } from '../frames/defaults.js';
import { JUDGE_DEFAULTS, JUDGE_LIMITS } from '../judge/defaults.js';
import { PRETEST_DEFAULTS, PRETEST_LIMITS } from '../pretest/defaults.js';
import { RECORD_DEFAULTS, RECORD_LIMITS } from '../record/defaults.js';
import { RENDER_DEFAULTS, RENDER_LIMITS } from '../render/defaults.js';

export { PRETEST_PROTOCOLS, type PretestProtocol } from '../pretest/types.js';
export { FRAME_FORMATS, type FrameFormat } from '../frames/defaults.js';

export const RECORD_BACKENDS = ['pty', 'vhs'] as const;
export type RecordBackend = (typeof RECORD_BACKENDS)[number];

export const DEFAULTS = {
  vars: {} as Record<string, string>,
  pretest: {
    protocol: PRETEST_DEFAULTS.protocol,
    smokeSeconds: PRETEST_DEFAULTS.smokeSeconds,
    timeout: PRETEST_DEFAULTS.timeout,
    stallSeconds: PRETEST_DEFAULTS.stallSeconds,
  },
  record: {
    cols: RECORD_DEFAULTS.cols,
    rows: RECORD_DEFAULTS.rows,
    env: {} as Record<string, string>,
    cwd: '.',
    steps: [] as never[],
    tape: null,
    backend: 'pty' as RecordBackend,
    timeout: RECORD_DEFAULTS.timeout,
    parallel: false,
    killDaemons: false,
  },
  render: {
    // The same default as `termlens render` and VHS: a neutral dark theme that flatters no program in particular.
    theme: RENDER_DEFAULTS.theme,
    fontSize: null,
    width: RENDER_DEFAULTS.width,
    height: RENDER_DEFAULTS.height,
    fps: RENDER_DEFAULTS.fps,
    padding: RENDER_DEFAULTS.padding,
    windowBar: 'none',
    speed: RENDER_DEFAULTS.speed,
    idleTimeLimit: null,
    formats: ['mp4'] as Array<'mp4' | 'gif' | 'webm'>,
  },
  frames: {
    count: FRAMES_DEFAULTS.count,
    strategy: FRAMES_DEFAULTS.strategy as 'uniform' | 'distinct' | 'markers' | 'times',
    times: [] as number[],
    maxShortSide: FRAMES_DEFAULTS.maxShortSide,
    maxLongSide: FRAMES_DEFAULTS.maxLongSide,
    format: FRAMES_DEFAULTS.format,
    grid: FRAMES_DEFAULTS.grid,
  },
  judge: {
    provider: JUDGE_DEFAULTS.provider,
    model: null,
    baseURL: null,
    apiKeyEnv: null,
    prompts: JUDGE_DEFAULTS.prompts,
    samples: JUDGE_DEFAULTS.samples,
    images: null,
    detail: null,
    maxTokens: null,
    reasoningEffort: null,
    concurrency: JUDGE_DEFAULTS.concurrency,
    cache: JUDGE_DEFAULTS.cache,
    facts: JUDGE_DEFAULTS.facts,
    calibration: null as string | null,
    // The whole judging, retries and waits included (seconds).
    deadline: JUDGE_DEFAULTS.deadline,
    minScores: {} as Record<string, number>,
  },
  outputs: {
    recordings: 'recordings',
    reports: 'reports',
  },
  // The compare stage owns its thresholds (each metric's sits next to its definition); a config only overrides them.
  compare: defaultThresholds(),
} as const;

/** The ranges of the config's numbers, by section, as each stage declares them. */
export const LIMITS = {
  pretest: PRETEST_LIMITS,
  record: RECORD_LIMITS,
  render: RENDER_LIMITS,
  frames: FRAMES_LIMITS,
  judge: JUDGE_LIMITS,
  score: SCORE_RANGE,
} as const;
