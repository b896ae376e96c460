/**
 * `termlens run`: pretest → record → render → frames → inspect → judge →
 * report, into recordings/<run-id>/ and reports/<run-id>/. Every stage's
 * outputs stay on disk whatever happens later, status.json says where the
 * run is, and the outcome carries the exit code of its error
 * (docs/architecture.md, "Errors and exit codes").
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { TermlensConfig } from '../config/index.js';
import { TermlensError, quote } from '../errors/index.js';
import type { Stage, StageContext } from './context.js';
import { ManifestStore } from './fingerprint.js';
import { createNamedRun, createRun, findRun, latestRun, type RunLayout } from './layout.js';
import { asTermlensError, finishRun, stageFolder } from './run-ending.js';
import { framesStage } from './stages/frames.js';
import { inspectStage } from './stages/inspect.js';
import { judgeStage } from './stages/judge.js';
import { pretestStage } from './stages/pretest.js';
import { recordStage } from './stages/record.js';
import { startEarlyInspect } from './stages/inspect.js';
import { renderStage, startLiveRenderStage } from './stages/render.js';
import { reportStage } from './stages/report.js';
import { StatusWriter } from './status.js';
import { STAGES, type PipelineEvent, type RunOptions, type RunOutcome, type StageName, type StageProgress, type StageRecord } from './types.js';

const PIPELINE: Stage[] = [pretestStage, recordStage, renderStage, framesStage, inspectStage, judgeStage, reportStage];

/** A run under way: what its stages share, and where each stage's state is reported. */
interface ActiveRun {
  options: RunOptions;
  layout: RunLayout;
  records: StageRecord[];
  status: StatusWriter;
  manifest: ManifestStore;
  ctx: StageContext;
  emit(event: PipelineEvent): void;
  /** The stage under way, named in its progress and log lines. */
  current: StageName;
  /** The error that ends the run (a failed quality gate lets the stages go on to the end). */
  fatal?: TermlensError;
  /** The error of a stage the run goes on past (judge), reported at the end. */
  deferred?: TermlensError;
}

/** After a stage: go on to the next, or stop the run here. */
type Next = 'next' | 'stop';

export async function runPipeline(config: TermlensConfig, options: RunOptions = {}): Promise<RunOutcome> {
  checkFromStage(options.from);
  const layout = await locateRun(config, options);
  const run = startRun(config, options, layout);
  run.emit({ kind: 'run-started', layout, stages: run.records });
  await runStages(run);
  // A recording that failed or was interrupted leaves its live render unused: stop it.
  run.ctx.liveRender?.cancel();
  return finishRun(layout, run.records, run.status, run.fatal, run.deferred);
}

function checkFromStage(from: StageName | undefined): void {
  if (from && !STAGES.includes(from)) {
    throw new TermlensError(`--from ${quote(from)} is not a stage`, { code: 'usage', stage: 'pipeline', hint: `Use one of: ${STAGES.join(', ')}.` });
  }
}

async function locateRun(config: TermlensConfig, options: RunOptions): Promise<RunLayout> {
  const roots = options.roots ?? config.outputs;
  if (!options.from && options.runId) return createNamedRun(options.runId, roots);
  if (!options.from) return createRun(config.name, roots);
  const layout = options.runDir ? findRun(options.runDir, roots) : await latestRun(config.name, roots);
  if (!layout) {
    throw new TermlensError(`--from ${options.from}: there is no earlier run of ${quote(config.name)} under ${quote(roots.recordings)}`, {
      code: 'not-found',
      stage: 'pipeline',
      hint: 'Run it once without --from, or name the run with --run REPORT_DIR.',
    });
  }
  await mkdir(layout.recordingDir, { recursive: true });
  await mkdir(layout.reportDir, { recursive: true });
  return layout;
}

/** The run's records, status.json, manifest and the context every stage gets. */
function startRun(config: TermlensConfig, options: RunOptions, layout: RunLayout): ActiveRun {
  const records: StageRecord[] = STAGES.map((name) => ({ name, state: 'pending' }));
  const emit = (e: PipelineEvent) => options.onEvent?.(e);
  const ctx: StageContext = {
    config,
    layout,
    vars: { ...config.vars, ...options.vars },
    env: options.env ?? process.env,
    minScores: { ...config.judge.minScores, ...options.minScores },
    signal: options.signal ?? new AbortController().signal,
    progress: (p) => reportProgress(run, p),
    log: (line) => emit({ kind: 'log', stage: run.current, line }),
    skipped: {},
    ...(options.scenario ? { scenario: options.scenario } : {}),
  };
  const run: ActiveRun = {
    options,
    layout,
    records,
    status: new StatusWriter(layout, records, config.source.file, options.statusIntervalSeconds ?? 1),
    manifest: new ManifestStore(layout.manifest, layout.runId),
    ctx,
    emit,
    current: 'pretest',
  };
  return run;
}

function reportProgress(run: ActiveRun, p: StageProgress): void {
  const rec = run.records.find((r) => r.name === run.current);
  if (!rec) {
    // startRun makes a record for every stage, so this is a termlens bug, said as one rather than a TypeError.
    throw new TermlensError(`stage ${run.current} reported progress but the run has no record of it`, { code: 'execution', stage: 'pipeline', hint: 'This is a bug in termlens; please report it with the command you ran.' });
  }
  rec.progress = p;
  run.status.progress(p);
  run.emit({ kind: 'stage-progress', stage: run.current, progress: p });
}

/** Each stage in turn: reused (before --from), skipped, unchanged, or run, until one stops the run. */
async function runStages(run: ActiveRun): Promise<void> {
  const fromIndex = run.options.from ? STAGES.indexOf(run.options.from) : 0;
  for (const [i, stage] of PIPELINE.entries()) {
    const rec = run.records[i]!;
    run.current = stage.name;
    if (run.ctx.signal.aborted) {
      run.fatal = new TermlensError(`interrupted before ${stage.name}`, { code: 'interrupted', stage: stage.name, hint: 'Everything written so far was kept.' });
      return;
    }
    const next = i < fromIndex ? reuseEarlierOutputs(run, stage, rec) : await skipKeepOrRun(run, stage, rec);
    if (next === 'stop') return;
  }
}

function finishStage(run: ActiveRun, rec: StageRecord, state: StageRecord['state'], note?: string): void {
  rec.state = state;
  if (note) rec.note = note;
  run.status.stageFinished();
  run.emit({ kind: 'stage-finished', stage: rec.name, record: rec });
}

/** Before --from: the earlier run's outputs are taken as they are, when they are all there. */
function reuseEarlierOutputs(run: ActiveRun, stage: Stage, rec: StageRecord): Next {
  const missing = missingForReuse(stage, run.ctx, run.options.from);
  if (missing) {
    run.fatal = missing;
    finishStage(run, rec, 'failed', missing.message);
    return 'stop';
  }
  const skipped = stage.reusedSkipReason?.(run.ctx);
  if (skipped) run.ctx.skipped[stage.name] = skipped;
  finishStage(run, rec, 'reused');
  return 'next';
}

/** A stage not wanted this run is skipped, one whose inputs did not change keeps its output, any other runs. */
async function skipKeepOrRun(run: ActiveRun, stage: Stage, rec: StageRecord): Promise<Next> {
  const skip = stage.skipReason?.(run.ctx);
  if (skip) {
    run.ctx.skipped[stage.name] = skip;
    finishStage(run, rec, 'skipped', skip);
    return 'next';
  }
  const fingerprint = stage.fingerprint ? await stage.fingerprint(run.ctx) : undefined;
  // A render already under way while the program was recorded is finished, never thrown away half-done.
  if (fingerprint && !run.options.force && !run.ctx.liveRender && run.manifest.isCurrent(stage.name, fingerprint)) {
    finishStage(run, rec, 'unchanged', 'inputs unchanged; kept the earlier output');
    return 'next';
  }
  run.manifest.forget(stage.name);
  return executeStage(run, stage, rec, fingerprint);
}

const secondsSince = (started: number) => Math.round(performance.now() - started) / 1000;

async function executeStage(run: ActiveRun, stage: Stage, rec: StageRecord, fingerprint: string | undefined): Promise<Next> {
  const { ctx, options } = run;
  // Waiting for a turn (a suite's recordings take turns) is not part of the stage's time.
  const release = options.acquireStage ? await options.acquireStage(stage.name) : undefined;
  rec.state = 'running';
  rec.startedAt = new Date().toISOString();
  const started = performance.now();
  run.status.stageStarted(stage.name);
  run.emit({ kind: 'stage-started', stage: stage.name });
  // Work that follows a fresh recording rather than waiting its turn (off with --no-live-render):
  // the video is rendered while the program runs, and the measures start when it ends.
  const alongsideRecording = stage.name === 'record' && options.liveRender !== false;
  const live = alongsideRecording && !renderStage.skipReason?.(ctx) ? startLiveRenderStage(ctx) : undefined;
  if (live) ctx.liveRender = live;
  try {
    const result = await stage.run(ctx);
    rec.durationSeconds = secondsSince(started);
    if (ctx.signal.aborted) throw new TermlensError(`interrupted during ${stage.name}`, { code: 'interrupted', stage: stage.name });
    run.manifest.record(stage.name, fingerprint ?? 'not-fingerprinted', result.outputs);
    if (result.verdictError) run.fatal = result.verdictError;
    if (alongsideRecording) ctx.earlyInspect = startEarlyInspect(ctx);
    finishStage(run, rec, 'done', result.note);
    return 'next';
  } catch (e) {
    rec.durationSeconds = secondsSince(started);
    return stageFailed(run, stage, rec, e);
  } finally {
    live?.recordingEnded();
    if (stage.name === 'render') delete ctx.liveRender;
    release?.();
  }
}

/** A failed stage stops the run, unless the run goes on past it (judge): then its error waits for the end. */
function stageFailed(run: ActiveRun, stage: Stage, rec: StageRecord, e: unknown): Next {
  const error = asTermlensError(e, stage.name, run.ctx.signal.aborted, stageFolder(e, stage.name, run.layout));
  const interrupted = error.code === 'interrupted';
  finishStage(run, rec, interrupted ? 'interrupted' : 'failed', error.message);
  if (stage.continueOnError && !interrupted) {
    run.deferred = error;
    run.ctx.skipped[stage.name] = `${stage.name} failed: ${error.message}`;
    return 'next';
  }
  run.fatal = error;
  return 'stop';
}

/** For --from: the error naming the first output an earlier stage should have left, or undefined when all are there. */
function missingForReuse(stage: Stage, ctx: StageContext, from: StageName | undefined): TermlensError | undefined {
  const [missing] = stage.requiredOutputs(ctx).filter((f) => !existsSync(f));
  if (missing === undefined) return undefined;
  return new TermlensError(`--from ${from}: the ${stage.name} stage's ${quote(missing)} is missing in run ${quote(ctx.layout.runId)}`, {
    code: 'not-found',
    stage: 'pipeline',
    hint: `Rerun from an earlier stage: --from ${stage.name}.`,
  });
}
