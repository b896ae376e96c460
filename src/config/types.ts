/**
 * The fully filled config: every key present, every default applied, paths
 * absolute, durations in seconds. Stages read it and never guess a default.
 */
import type { Thresholds } from '../compare/index.js';
import type { CriterionKey } from '../criteria.js';
import type { FrameStrategy } from '../frames/index.js';
import type { Detail, ImageMode, ProviderName, ReasoningEffort } from '../judge/index.js';
import type { Step } from '../record/index.js';
import type { VideoFormat, WindowBarStyle } from '../render/index.js';
import type { FrameFormat, PretestProtocol, RecordBackend } from './defaults.js';

export type { FrameFormat, PretestProtocol, RecordBackend } from './defaults.js';


export interface PretestConfig {
  /** Run through `/bin/sh -c`, template variables allowed. @default the top-level `command` */
  command: string;
  /** @default 'smoke' */
  protocol: PretestProtocol;
  /** How long the program must stay healthy, in seconds; for `massgen`, 0 waits for the run to finish. @default 45 */
  smokeSeconds: number;
  /** Seconds before the pre-test gives up (verdict `timeout`). @default 120 */
  timeout: number;
  /** massgen: seconds an agent may make no progress while others do before the pre-test fails; 0 turns it off. @default 30 */
  stallSeconds: number;
}

export interface RecordConfig {
  /** Terminal size in cells, always filled (derived from the window when sized in pixels). @default 80 */
  cols: number;
  /** @default 24 */
  rows: number;
  /** The window the size was derived from, VHS-style; null when sized in cells. */
  width: number | null;
  height: number | null;
  fontSize: number | null;
  padding: number | null;
  /** Variables set for the program (and the pre-test) on top of the inherited environment. @default {} */
  env: Record<string, string>;
  /** Absolute working directory of the program and the pre-test. @default the config file's folder */
  cwd: string;
  /** Scripted steps, each with its source line. @default [] */
  steps: Step[];
  /** Absolute path of the steps file, when the steps came from one. */
  stepsFile: string | null;
  /** Absolute path of a VHS tape that drives the recording instead of steps. @default null */
  tape: string | null;
  /** @default 'pty' */
  backend: RecordBackend;
  /** Seconds. @default 300 */
  timeout: number;
  /** In a suite run with --jobs, record this scenario while others record (timing measures may suffer). @default false */
  parallel: boolean;
  /** Also stop processes that left the program's session (setsid daemons) at the end. */
  killDaemons: boolean;
}

export interface RenderConfig {
  /** A built-in theme's name or an absolute path to a theme file. @default 'VHS' */
  theme: string;
  /** Pixels; null fits the terminal into the frame. @default the record window's font size, else null */
  fontSize: number | null;
  /** @default the record window's width, else 1920 */
  width: number;
  /** @default the record window's height, else 1080 */
  height: number;
  /** @default 30 */
  fps: number;
  /** @default the record window's padding, else 40 */
  padding: number;
  /** @default 'none' */
  windowBar: WindowBarStyle | 'none';
  /** @default 1 */
  speed: number;
  /** Longest pause kept, in seconds; null keeps every pause. @default null */
  idleTimeLimit: number | null;
  /** @default ['mp4'] */
  formats: VideoFormat[];
}

export interface FramesConfig {
  /** @default 12 */
  count: number;
  /** @default 'distinct' */
  strategy: FrameStrategy;
  /** Seconds into the video, for strategy `times`. @default [] */
  times: number[];
  /** @default 768 */
  maxShortSide: number;
  /** @default 2000 */
  maxLongSide: number;
  /** @default 'png' */
  format: FrameFormat;
  /** Write a contact sheet. @default true */
  grid: boolean;
}

export interface JudgeConfig {
  /** `auto`: whatever the environment configures, else skip; `none`: never judge. @default 'auto' */
  provider: ProviderName | 'auto' | 'none';
  /** @default null (the provider's default model) */
  model: string | null;
  /** @default null (the provider's URL) */
  baseURL: string | null;
  /** Name of the environment variable holding the key. @default null (the provider's usual variables) */
  apiKeyEnv: string | null;
  /** A prompt set's name, or an absolute path to one. @default 'default' */
  prompts: string;
  /** @default 3 */
  samples: number;
  /** @default null (each prompt's own setting) */
  images: ImageMode | null;
  /** @default null (each prompt's own setting) */
  detail: Detail | null;
  /** Token budget per request, reasoning and answer together. @default null (16384 for reasoning models, 8192 for others; a prompt's maxTokens wins) */
  maxTokens: number | null;
  /** reasoning_effort sent to the model. @default null (`low` for reasoning models, not sent to others) */
  reasoningEffort: ReasoningEffort | null;
  /** @default 4 */
  concurrency: number;
  /** @default true */
  cache: boolean;
  /** `measures`: the prompt gives the offline measurements as facts (never their scores); `none`: the model sees only the frames. @default 'measures' */
  facts: 'none' | 'measures';
  /** A calibration.json from `termlens calibrate`, absolute; the scorecard cites it next to the model's scores. @default null */
  calibration: string | null;
  /** Seconds for the whole judging, retries and waits included. @default 1800 */
  deadline: number;
  /** Quality gate: a median score under its minimum fails the run (exit 5). @default {} */
  minScores: Partial<Record<CriterionKey, number>>;
}

export interface OutputsConfig {
  /** Absolute. @default 'recordings' under the working directory */
  recordings: string;
  /** Absolute. @default 'reports' under the working directory */
  reports: string;
}

/**
 * The thresholds `termlens compare --config` starts from: the compare
 * stage's defaults with the config's `compare:` section on top, every key
 * filled. `--thresholds FILE` and `--threshold` flags are applied after it.
 * - `criteria`: points each criterion score may drop. @default 1 each
 * - `metrics`: change in the worse direction each metric may make. @default each metric's own (see src/compare/thresholds.ts)
 * - `pixels`: largest changed-pixel ratio (0–1) of an aligned frame; null reports only. @default null
 * - `cells`: largest number of changed cells on a compared screen; null reports only. @default null
 */
export type CompareConfig = Thresholds;

/** Where the config came from, for messages. */
export interface ConfigSource {
  /** The config file, absolute; null for a config built from an object. */
  file: string | null;
  /** Folder that relative paths in the config are taken from. */
  baseDir: string;
  /** file:line:column of a key's value (keys like "command", "pretest.command"), when known. */
  positions: Record<string, string>;
}

export interface TermlensConfig {
  /** @default the config file's name without extension */
  name: string;
  /** The rich display, run through `/bin/sh -c`; null when a tape types the command. */
  command: string | null;
  /** Template variables for `{{name}}`. @default {} */
  vars: Record<string, string>;
  /** null: no pre-test (the section is absent or `false`). */
  pretest: PretestConfig | null;
  record: RecordConfig;
  render: RenderConfig;
  frames: FramesConfig;
  judge: JudgeConfig;
  outputs: OutputsConfig;
  /** Regression thresholds for `termlens compare --config`. @default the compare stage's defaults */
  compare: CompareConfig;
  source: ConfigSource;
}
