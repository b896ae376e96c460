/**
 * `termlens run`: pretest → record → render → frames → inspect → judge →
 * report, into recordings/<run-id>/ and reports/<run-id>/. Every stage's
 * outputs stay on disk whatever happens later, status.json says where the
 * run is, and the outcome carries the exit code of its error
 * (docs/architecture.md, "Errors and exit codes").
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TermlensConfig } from '../config/index.js';
import { diskFullError, isNoRoom } from '../errors/disk.js';
import { EXIT, TermlensError, exitCodeFor, quote } from '../errors/index.js';
import { scorecardFile, type ScorecardFile } from '../run-folder/index.js';
import type { Stage, StageContext } from './context.js';
import { ManifestStore } from './fingerprint.js';
import { createNamedRun, createRun, findRun, latestRun, type RunLayout } from './layout.js';
import { framesStage } from './stages/frames.js';
import { inspectStage } from './stages/inspect.js';
import { judgeStage } from './stages/judge.js';
import { pretestStage } from './stages/pretest.js';
import { recordStage } from './stages/record.js';
import { startEarlyInspect } from './stages/inspect.js';
import { renderStage, startLiveRenderStage } from './stages/render.js';
import { reportStage } from './stages/report.js';
import { StatusWriter } from './status.js';
import { STAGES, type PipelineEvent, type RunOptions, type RunOutcome, type RunState, type StageName, type StageRecord } from './types.js';

const PIPELINE: Stage[] = [pretestStage, recordStage, renderStage, framesStage, inspectStage, judgeStage, reportStage];

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

function asTermlensError(e: unknown, stage: StageName, aborted: boolean, dir?: string): TermlensError {
  if (aborted && !(e instanceof TermlensError && e.code === 'interrupted')) {
    return new TermlensError(`interrupted during ${stage}`, { code: 'interrupted', stage, hint: 'Everything written so far was kept.', cause: e });
  }
  if (e instanceof TermlensError && e.code === 'disk-full') return e;
  // A stage's tools say "no space" in their own words (libpng, ffmpeg); say it once, plainly.
  if (isNoRoom(e) && dir) return diskFullError(dir, { stage, cause: e, kept: 'Everything written before was kept.' });
  if (e instanceof TermlensError) return e;
  return new TermlensError(`${stage} failed: ${(e as Error)?.message ?? String(e)}`, { code: 'execution', stage, cause: e });
}

/** The file a failed write named, else the folder the stage writes into. */
function stageFolder(e: unknown, stage: StageName, layout: RunLayout): string {
  const path = (e as NodeJS.ErrnoException)?.path;
  if (path) return path;
  if (stage === 'frames') return layout.framesDir;
  return stage === 'record' || stage === 'render' ? layout.recordingDir : layout.reportDir;
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (!entry.name.endsWith('.tmp')) out.push(path);
  }
  return out.sort();
}

/** The one line that ends a run, also the VERDICT: line of --automation. */
function verdictOf(state: RunState, exitCode: number, error: TermlensError | undefined, scorecard: ScorecardFile | undefined): string {
  const scores = scorecard ? scorecard.criteria.map((c) => `${c.key} ${c.score.toFixed(1)}`).join(', ') + (scorecard.judge === 'offline' ? ' (offline)' : '') : '';
  if (state === 'passed') return `passed: ${scores}`;
  return `${state} (exit ${exitCode})${error ? `: ${error.message}` : ''}${scores ? `; ${scores}` : ''}`;
}

export async function runPipeline(config: TermlensConfig, options: RunOptions = {}): Promise<RunOutcome> {
  if (options.from && !STAGES.includes(options.from)) {
    throw new TermlensError(`--from ${quote(options.from)} is not a stage`, { code: 'usage', stage: 'pipeline', hint: `Use one of: ${STAGES.join(', ')}.` });
  }
  const layout = await locateRun(config, options);
  const records: StageRecord[] = STAGES.map((name) => ({ name, state: 'pending' }));
  const status = new StatusWriter(layout, records, config.source.file, options.statusIntervalSeconds ?? 1);
  const manifest = new ManifestStore(layout.manifest, layout.runId);
  const emit = (e: PipelineEvent) => options.onEvent?.(e);
  const signal = options.signal ?? new AbortController().signal;
  let current: StageName = 'pretest';
  const ctx: StageContext = {
    config,
    layout,
    vars: { ...config.vars, ...options.vars },
    env: options.env ?? process.env,
    minScores: { ...config.judge.minScores, ...options.minScores },
    signal,
    progress: (p) => {
      const rec = records.find((r) => r.name === current)!;
      rec.progress = p;
      status.progress(p);
      emit({ kind: 'stage-progress', stage: current, progress: p });
    },
    log: (line) => emit({ kind: 'log', stage: current, line }),
    skipped: {},
  };
  emit({ kind: 'run-started', layout, stages: records });

  const fromIndex = options.from ? STAGES.indexOf(options.from) : 0;
  let fatal: TermlensError | undefined;
  let deferred: TermlensError | undefined;
  for (const [i, stage] of PIPELINE.entries()) {
    const rec = records[i]!;
    current = stage.name;
    const finish = (state: StageRecord['state'], note?: string) => {
      rec.state = state;
      if (note) rec.note = note;
      status.stageFinished();
      emit({ kind: 'stage-finished', stage: stage.name, record: rec });
    };
    if (signal.aborted) {
      fatal = new TermlensError(`interrupted before ${stage.name}`, { code: 'interrupted', stage: stage.name, hint: 'Everything written so far was kept.' });
      break;
    }
    if (i < fromIndex) {
      const missing = missingForReuse(stage, ctx, options.from);
      if (missing) {
        fatal = missing;
        finish('failed', fatal.message);
        break;
      }
      const skipped = stage.reusedSkipReason?.(ctx);
      if (skipped) ctx.skipped[stage.name] = skipped;
      finish('reused');
      continue;
    }
    const skip = stage.skipReason?.(ctx);
    if (skip) {
      ctx.skipped[stage.name] = skip;
      finish('skipped', skip);
      continue;
    }
    const fingerprint = stage.fingerprint ? await stage.fingerprint(ctx) : undefined;
    // A render already under way while the program was recorded is finished, never thrown away half-done.
    if (fingerprint && !options.force && !ctx.liveRender && manifest.isCurrent(stage.name, fingerprint)) {
      finish('unchanged', 'inputs unchanged; kept the earlier output');
      continue;
    }
    manifest.forget(stage.name);
    // Waiting for a turn (a suite's recordings take turns) is not part of the stage's time.
    const release = options.acquireStage ? await options.acquireStage(stage.name) : undefined;
    rec.state = 'running';
    rec.startedAt = new Date().toISOString();
    const started = performance.now();
    status.stageStarted(stage.name);
    emit({ kind: 'stage-started', stage: stage.name });
    // Work that follows a fresh recording rather than waiting its turn (off with --no-live-render):
    // the video is rendered while the program runs, and the measures start when it ends.
    const alongsideRecording = stage.name === 'record' && options.liveRender !== false;
    const live = alongsideRecording && !renderStage.skipReason?.(ctx) ? startLiveRenderStage(ctx) : undefined;
    if (live) ctx.liveRender = live;
    try {
      const result = await stage.run(ctx);
      rec.durationSeconds = Math.round(performance.now() - started) / 1000;
      if (signal.aborted) throw new TermlensError(`interrupted during ${stage.name}`, { code: 'interrupted', stage: stage.name });
      manifest.record(stage.name, fingerprint ?? 'not-fingerprinted', result.outputs);
      if (result.verdictError) fatal = result.verdictError;
      if (alongsideRecording) ctx.earlyInspect = startEarlyInspect(ctx);
      finish('done', result.note);
    } catch (e) {
      rec.durationSeconds = Math.round(performance.now() - started) / 1000;
      const error = asTermlensError(e, stage.name, signal.aborted, stageFolder(e, stage.name, layout));
      const interrupted = error.code === 'interrupted';
      finish(interrupted ? 'interrupted' : 'failed', error.message);
      if (stage.continueOnError && !interrupted) {
        deferred = error;
        ctx.skipped[stage.name] = `${stage.name} failed: ${error.message}`;
        continue;
      }
      fatal = error;
      break;
    } finally {
      live?.recordingEnded();
      if (stage.name === 'render') delete ctx.liveRender;
      release?.();
    }
  }
  // A recording that failed or was interrupted leaves its live render unused: stop it.
  ctx.liveRender?.cancel();

  return finishRun(layout, records, status, fatal, deferred);
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

/** The run's ending: its error and exit code, the scorecard if the report was made, the files written; status.json says so. */
async function finishRun(layout: RunLayout, records: StageRecord[], status: StatusWriter, fatal: TermlensError | undefined, deferred: TermlensError | undefined): Promise<RunOutcome> {
  // A failed judgment outranks a failed gate: the gate then only saw offline scores.
  const error = fatal?.code === 'quality-gate' && deferred ? deferred : (fatal ?? deferred);
  const exitCode = error ? exitCodeFor(error) : EXIT.ok;
  const state: RunOutcome['state'] = !error ? 'passed' : error.code === 'interrupted' ? 'interrupted' : 'failed';
  let scorecard: ScorecardFile | undefined;
  if (existsSync(layout.scorecardJson) && records.find((r) => r.name === 'report')?.state === 'done') {
    scorecard = await scorecardFile.read(layout.scorecardJson, { stage: 'pipeline' });
  }
  const artifacts = [...(await listFiles(layout.recordingDir)), ...(await listFiles(layout.reportDir))];
  const verdict = verdictOf(state, exitCode, error, scorecard);
  status.finish({
    state,
    exitCode,
    verdict,
    ...(error ? { error } : {}),
    ...(scorecard ? { scorecard: layout.scorecardMd } : {}),
    artifacts,
  });
  return { layout, stages: records, ...(scorecard ? { scorecard } : {}), ...(error ? { error } : {}), exitCode, state, verdict, artifacts };
}
