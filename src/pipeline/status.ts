/**
 * reports/<run-id>/status.json: what an agent polls instead of parsing output.
 * Rewritten whole through a temporary file and a rename, so a reader never
 * sees half a file; rewritten at least every interval while a stage runs (the
 * elapsed time moves even when nothing else does) and at once on every
 * stage change.
 */
import { DiskReserve } from '../errors/disk.js';
import { exitCodeFor, type TermlensError } from '../errors/index.js';
import { statusFile } from '../run-folder/index.js';
import type { RunLayout } from './layout.js';
import type { RunState, StageName, StageProgress, StageRecord } from './types.js';

export const STATUS_SCHEMA_VERSION = 1;


export interface StatusError {
  /** TermlensError code, e.g. `pretest-failed`, `timeout`, `quality-gate`. */
  code: string;
  message: string;
  hint?: string;
  stage?: string;
  exitCode: number;
}

export interface RunStatus {
  schemaVersion: typeof STATUS_SCHEMA_VERSION;
  runId: string;
  /** The termlens process; a `running` status whose pid is gone means the run died. */
  pid: number;
  configFile: string | null;
  recordingDir: string;
  reportDir: string;
  state: RunState;
  /** The stage running now (or the one that failed); null before the first and after the last. */
  stage: StageName | null;
  progress: StageProgress | null;
  stages: StageRecord[];
  startedAt: string;
  updatedAt: string;
  elapsedSeconds: number;
  /** Set when the run has ended. */
  exitCode: number | null;
  error: StatusError | null;
  /** One line, the same as the VERDICT: line. */
  verdict: string | null;
  scorecard: string | null;
  /** Files written or kept so far, absolute. */
  artifacts: string[];
}

export class StatusWriter {
  readonly status: RunStatus;
  private readonly started = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(layout: RunLayout, stages: StageRecord[], configFile: string | null, intervalSeconds = 1) {
    const now = new Date(this.started).toISOString();
    this.status = {
      schemaVersion: STATUS_SCHEMA_VERSION,
      runId: layout.runId,
      pid: process.pid,
      configFile,
      recordingDir: layout.recordingDir,
      reportDir: layout.reportDir,
      state: 'running',
      stage: null,
      progress: null,
      stages,
      startedAt: now,
      updatedAt: now,
      elapsedSeconds: 0,
      exitCode: null,
      error: null,
      verdict: null,
      scorecard: null,
      artifacts: [],
    };
    this.path = layout.status;
    // Room for the last word even when a stage fills the disk.
    this.reserve = new DiskReserve(this.path);
    this.write();
    this.timer = setInterval(() => this.write(), Math.max(100, intervalSeconds * 1000));
    // The heartbeat must never keep a finished process alive.
    this.timer.unref();
  }

  private readonly path: string;
  private readonly reserve: DiskReserve;

  stageStarted(stage: StageName): void {
    this.status.stage = stage;
    this.status.progress = null;
    this.write();
  }

  /** Progress is frequent; it is written by the heartbeat, not on every call. */
  progress(progress: StageProgress): void {
    this.status.progress = progress;
  }

  stageFinished(): void {
    this.write();
  }

  finish(fields: { state: RunState; exitCode: number; verdict: string; error?: TermlensError; scorecard?: string; artifacts: string[] }): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const s = this.status;
    s.state = fields.state;
    s.exitCode = fields.exitCode;
    s.verdict = fields.verdict;
    s.scorecard = fields.scorecard ?? null;
    s.artifacts = fields.artifacts;
    if (fields.state !== 'failed' || !fields.error) s.stage = null;
    s.progress = null;
    if (fields.error) {
      const e = fields.error;
      s.error = { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}), ...(e.stage ? { stage: e.stage } : {}), exitCode: exitCodeFor(e) };
    }
    this.reserve.release();
    this.write();
  }

  /** Synchronous, so the last word is on disk even when the process exits right after. */
  write(): void {
    const s = this.status;
    s.updatedAt = new Date().toISOString();
    s.elapsedSeconds = Math.round((Date.now() - this.started) / 100) / 10;
    try {
      statusFile.writeSync(this.path, s);
    } catch {
      // A status file that cannot be written must not end the run it describes (writeSync leaves no temporary file).
    }
  }
}
