/** What every stage gets, and what a stage is. */
import type { TermlensConfig } from '../config/index.js';
import type { TermlensError } from '../errors/index.js';
import type { InspectResult } from '../inspect/index.js';
import type { LiveRender } from '../render/index.js';
import type { RunLayout } from './layout.js';
import type { StageName, StageProgress } from './types.js';

export interface StageContext {
  config: TermlensConfig;
  layout: RunLayout;
  /** config.vars with the command line's overrides. */
  vars: Record<string, string>;
  env: NodeJS.ProcessEnv;
  minScores: TermlensConfig['judge']['minScores'];
  signal: AbortSignal;
  progress(p: StageProgress): void;
  log(line: string): void;
  /** The suite scenario this run is (its id), for the report to name; absent for a single run. */
  scenario?: string;
  /** Why a stage was skipped this run (e.g. no vision model), by stage; later stages read it. */
  skipped: Partial<Record<StageName, string>>;
  /** The render started while the recording ran, for the render stage to finish. */
  liveRender?: LiveRender;
  /** The offline measures, started as soon as the recording ended, for the inspect stage to collect. */
  earlyInspect?: Promise<InspectResult>;
}

export interface StageRun {
  /** One line for the stage's row: "3.0 s, 27 events", "skipped: no vision model configured". */
  note?: string;
  /** Files written, absolute; recorded with the fingerprint. */
  outputs: string[];
  /** The stage finished and its outputs stand, but the run must end with this error (a failed quality gate). */
  verdictError?: TermlensError;
}

export interface Stage {
  name: StageName;
  /** A reason to skip the stage (no pre-test configured, no model), or undefined to run it. */
  skipReason?(ctx: StageContext): string | undefined;
  /**
   * Stages that read only files and settings are fingerprinted and not redone
   * when nothing changed. Stages that watch the outside world (pre-test,
   * record) always run when asked to.
   */
  fingerprint?(ctx: StageContext): Promise<string>;
  /** Outputs that must exist for a later stage to reuse this one. */
  requiredOutputs(ctx: StageContext): string[];
  /** When an earlier run's stage is reused (--from a later stage): why its output counts as skipped, or undefined. */
  reusedSkipReason?(ctx: StageContext): string | undefined;
  run(ctx: StageContext): Promise<StageRun>;
  /** The run goes on to the report when this stage fails (its error still sets the exit code). */
  continueOnError?: boolean;
}
