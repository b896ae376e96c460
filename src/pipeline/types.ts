/** Stages, events and results of `termlens run`. */
import type { TermlensConfig } from '../config/index.js';
import type { TermlensError } from '../errors/index.js';
import type { ScorecardFile } from '../run-folder/index.js';
import type { LayoutRoots, RunLayout } from './layout.js';

/** The stages in the order they run; `--from` names one of them. */
export const STAGES = ['pretest', 'record', 'render', 'frames', 'inspect', 'judge', 'report'] as const;
export type StageName = (typeof STAGES)[number];

/** The run as a whole, as status.json reports it. */
export type RunState = 'running' | 'passed' | 'failed' | 'interrupted';

/**
 * - `done`: ran and finished.
 * - `unchanged`: its inputs are the same as when its outputs were made, so it was not redone.
 * - `reused`: before `--from`; its outputs were taken as they are.
 * - `skipped`: not applicable (no pre-test configured, no vision model).
 */
export type StageState = 'pending' | 'running' | 'done' | 'unchanged' | 'reused' | 'skipped' | 'failed' | 'interrupted';

/** Progress inside the running stage; every field optional because each stage knows different things. */
export interface StageProgress {
  /** 0–100 when the stage can tell. */
  percent?: number;
  framesRendered?: number;
  framesTotal?: number;
  requestsDone?: number;
  requestsTotal?: number;
  /** One short human line: "phase answering 40%", "agent_b working". */
  detail?: string;
}

export interface StageRecord {
  name: StageName;
  state: StageState;
  startedAt?: string;
  durationSeconds?: number;
  /** Why it was skipped, or what it found, in one line. */
  note?: string;
  progress?: StageProgress;
}

export type PipelineEvent =
  | { kind: 'run-started'; layout: RunLayout; stages: StageRecord[] }
  | { kind: 'stage-started'; stage: StageName }
  | { kind: 'stage-progress'; stage: StageName; progress: StageProgress }
  | { kind: 'stage-finished'; stage: StageName; record: StageRecord }
  | { kind: 'log'; stage: StageName; line: string };

export interface RunOptions {
  /** Where recordings/ and reports/ are. @default the config's outputs */
  roots?: LayoutRoots;
  /** Rerun from this stage: earlier stages' outputs are reused from `runDir`. */
  from?: StageName;
  /** With `from`: the run to continue (a report or recording folder, or a run id). @default the newest run of this config's name */
  runDir?: string;
  /** Redo stages even when their inputs are unchanged. @default false */
  force?: boolean;
  /** Quality-gate minimums on top of the config's judge.minScores. */
  minScores?: TermlensConfig['judge']['minScores'];
  /** Template variable overrides (e.g. question). */
  vars?: Record<string, string>;
  signal?: AbortSignal;
  onEvent?: (event: PipelineEvent) => void;
  /** The environment (judge keys, OPENAI_BASE_URL, the program's inherited variables). @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Seconds between status.json rewrites while a stage runs. @default 1 */
  statusIntervalSeconds?: number;
  /** A new run under exactly this id (a suite's scenario folder), instead of name-and-time. */
  runId?: string;
  /** The suite scenario this run is (its id), named by its scorecard. */
  scenario?: string;
  /**
   * Awaited before a stage runs; the function it resolves to is called when
   * the stage ends. A suite uses it to record one scenario at a time while
   * other scenarios render.
   */
  acquireStage?: (stage: StageName) => Promise<() => void>;
  /**
   * Render the video while the program is recorded (a niced process following
   * the cast), so it is ready when the program exits, and start the offline
   * measures as soon as the recording ends, beside the render and the frames.
   * false: every stage after the recording, one after another. @default true
   */
  liveRender?: boolean;
}

export interface RunOutcome {
  layout: RunLayout;
  stages: StageRecord[];
  scorecard?: ScorecardFile;
  /** The error that ended the run, if one did; the exit code follows from its code. */
  error?: TermlensError;
  exitCode: number;
  state: Exclude<RunState, 'running'>;
  /** The one line that ends the run: the VERDICT: line, status.json's verdict. */
  verdict: string;
  /** Every file the run wrote or kept, absolute. */
  artifacts: string[];
}
