/**
 * Every default of a config file, in one table. The schema reads its
 * defaults from here and docs/config.md is generated from here, so the
 * documentation cannot drift from what termlens does.
 *
 * Durations are in seconds, as a bare number in a config file is.
 */
import { defaultThresholds } from '../compare/thresholds.js';
import type { PretestProtocol } from '../pretest/types.js';
import { DEFAULT_RECORD_TIMEOUT_MS, DEFAULT_TERMINAL_SIZE } from '../record/index.js';

export { PRETEST_PROTOCOLS, type PretestProtocol } from '../pretest/index.js';

export const RECORD_BACKENDS = ['pty', 'vhs'] as const;
export type RecordBackend = (typeof RECORD_BACKENDS)[number];

export const FRAME_FORMATS = ['png', 'jpeg'] as const;
export type FrameFormat = (typeof FRAME_FORMATS)[number];

export const DEFAULTS = {
  vars: {} as Record<string, string>,
  pretest: {
    // The safest protocol for an unknown program: a full-screen program that never exits passes, one that crashes fails.
    protocol: 'smoke' as PretestProtocol,
    smokeSeconds: 45,
    timeout: 120,
    // massgen: an agent with no progress for this long while the others progress fails the pre-test; short enough to show inside a 45 s window.
    stallSeconds: 30,
  },
  record: {
    cols: DEFAULT_TERMINAL_SIZE.cols,
    rows: DEFAULT_TERMINAL_SIZE.rows,
    env: {} as Record<string, string>,
    cwd: '.',
    steps: [] as never[],
    tape: null,
    backend: 'pty' as RecordBackend,
    timeout: DEFAULT_RECORD_TIMEOUT_MS / 1000,
    parallel: false,
    killDaemons: false,
  },
  render: {
    // The same default as `termlens render` and VHS: a neutral dark theme that flatters no program in particular.
    theme: 'VHS',
    fontSize: null,
    width: 1920,
    height: 1080,
    fps: 30,
    padding: 40,
    windowBar: 'none',
    speed: 1,
    idleTimeLimit: null,
    formats: ['mp4'] as Array<'mp4' | 'gif' | 'webm'>,
  },
  frames: {
    count: 12,
    strategy: 'distinct' as 'uniform' | 'distinct' | 'markers' | 'times',
    times: [] as number[],
    maxShortSide: 768,
    maxLongSide: 2000,
    format: 'png' as FrameFormat,
    grid: true,
  },
  judge: {
    provider: 'auto',
    model: null,
    baseURL: null,
    apiKeyEnv: null,
    prompts: 'default',
    samples: 3,
    images: null,
    detail: null,
    maxTokens: null,
    reasoningEffort: null,
    concurrency: 4,
    cache: true,
    facts: 'measures' as 'none' | 'measures',
    calibration: null as string | null,
    // The whole judging, retries and waits included (seconds).
    deadline: 1800,
    minScores: {} as Record<string, number>,
  },
  outputs: {
    recordings: 'recordings',
    reports: 'reports',
  },
  // The compare stage owns its thresholds (each metric's sits next to its definition); a config only overrides them.
  compare: defaultThresholds(),
} as const;

/** Limits shared by the schema and the documentation. */
export const LIMITS = {
  fps: { min: 1, max: 120 },
  pixels: { min: 16, max: 7680 },
  fontSize: { min: 4, max: 200 },
  padding: { min: 0, max: 1000 },
  speed: { min: 0.01, max: 100 },
  frameCount: { min: 1, max: 200 },
  samples: { min: 1, max: 20 },
  // The prompts' own front matter allows the same range.
  maxTokens: { min: 256, max: 131_072 },
  concurrency: { min: 1, max: 64 },
  score: { min: 0, max: 10 },
  side: { min: 16, max: 8192 },
  smokeSeconds: { min: 0, max: 86_400 },
} as const;
