/**
 * Running a suite: the scenarios this machine owns (after --only and
 * --shard), each through the ordinary pipeline into its own run folder
 * inside reports/<suite-id>/, then the suite's own files. With --jobs N
 * several scenarios are in flight, but recordings take turns (timing
 * measures need a quiet machine) unless the config says record.parallel.
 */
import pLimit from 'p-limit';
import { join } from 'node:path';
import type { TermlensConfig } from '../config/index.js';
import { createRun, runPipeline, type PipelineEvent, type RunOutcome, type StageName } from '../pipeline/index.js';
import { TermlensError } from '../errors/index.js';
import { VERSION } from '../version.js';
import { notStarted, scenarioResult, suiteVerdict, type ScenarioResult, type SuiteResult } from './model.js';
import type { Scenario, SuiteDefinition } from './scenarios.js';
import { matchesPattern, shardIds, type Shard } from './shard.js';
import { writeSuite, writeSuiteStatus, type SuiteStatus, type WrittenSuite } from './write.js';

export type SuiteEvent =
  | { kind: 'suite-started'; suiteId: string; suiteDir: string; statusFile: string; scenarios: Scenario[]; total: number }
  | { kind: 'scenario-event'; scenario: Scenario; event: PipelineEvent }
  | { kind: 'scenario-finished'; scenario: Scenario; result: ScenarioResult; done: number; total: number };

export interface SuiteRunOptions {
  roots: { recordings: string; reports: string };
  /** Run only scenarios matching one of these (substring, or `*`/`?` globs, on the id or the slug). */
  only?: string[];
  shard?: Shard;
  /** Seconds by scenario id from an earlier suite.json, to balance shards. */
  durations?: ReadonlyMap<string, number>;
  /** Scenarios in flight at once. @default 1 */
  jobs?: number;
  minScores?: TermlensConfig['judge']['minScores'];
  signal?: AbortSignal;
  junit?: string;
  onEvent?: (event: SuiteEvent) => void;
  env?: NodeJS.ProcessEnv;
}

export interface SuiteOutcome {
  suite: SuiteResult;
  suiteDir: string;
  written: WrittenSuite;
}

/** The scenarios selected by --only; an empty selection is a usage error naming what there is. */
export function selectScenarios(def: SuiteDefinition, only: readonly string[] = []): Scenario[] {
  if (only.length === 0) return def.scenarios;
  const picked = def.scenarios.filter((s) => only.some((p) => matchesPattern(p, s.id, s.slug)));
  if (picked.length === 0) {
    throw new TermlensError(`--only ${only.map((p) => JSON.stringify(p)).join(', ')} matches none of the ${def.scenarios.length} scenarios`, {
      code: 'usage',
      stage: 'suite',
      hint: `Scenarios: ${def.scenarios.map((s) => s.id).join(', ')}. A pattern matches part of an id, or the whole id with * and ?.`,
    });
  }
  return picked;
}

/** A lock that lets one holder in at a time, in arrival order. */
function oneAtATime(): () => Promise<() => void> {
  let tail = Promise.resolve();
  return () => {
    let release!: () => void;
    const turn = new Promise<void>((r) => (release = r));
    const wait = tail;
    tail = tail.then(() => turn);
    return wait.then(() => release);
  };
}

export async function runSuite(def: SuiteDefinition, options: SuiteRunOptions): Promise<SuiteOutcome> {
  const selected = selectScenarios(def, options.only);
  const shard = options.shard ?? null;
  const mineIds = new Set(shard ? shardIds(selected.map((s) => s.id), shard.index, shard.total, options.durations) : selected.map((s) => s.id));
  const mine = selected.filter((s) => mineIds.has(s.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const jobs = Math.max(1, options.jobs ?? 1);

  // The suite folder is made like a run's (name and time, -2 on a clash); each scenario's run folder goes inside it.
  const folder = await createRun(shard ? `${def.name}-shard-${shard.index}-of-${shard.total}` : def.name, options.roots);
  const suiteId = folder.runId;
  const suiteDir = folder.reportDir;
  const scenarioRoots = { recordings: folder.recordingDir, reports: suiteDir };
  const started = Date.now();
  const status: SuiteStatus = {
    schemaVersion: 1,
    kind: 'suite',
    suiteId,
    suiteDir,
    pid: process.pid,
    configFile: def.configFile,
    state: 'running',
    scenarios: mine.map((s) => ({ id: s.id, slug: s.slug, state: 'pending', stage: null, exitCode: null, reportDir: join(suiteDir, s.slug) })),
    counts: { total: mine.length, done: 0, passed: 0, failed: 0, running: 0 },
    startedAt: new Date(started).toISOString(),
    updatedAt: new Date(started).toISOString(),
    elapsedSeconds: 0,
    exitCode: null,
    verdict: null,
  };
  const saveStatus = () => {
    const s = status.scenarios;
    status.counts = {
      total: s.length,
      done: s.filter((x) => x.exitCode !== null).length,
      passed: s.filter((x) => x.state === 'passed').length,
      failed: s.filter((x) => x.state === 'failed' || x.state === 'interrupted').length,
      running: s.filter((x) => x.state === 'running').length,
    };
    status.updatedAt = new Date().toISOString();
    status.elapsedSeconds = Math.round((Date.now() - started) / 100) / 10;
    try {
      writeSuiteStatus(suiteDir, status);
    } catch {
      // A status file that cannot be written must not end the suite it describes.
    }
  };
  saveStatus();
  options.onEvent?.({ kind: 'suite-started', suiteId, suiteDir, statusFile: join(suiteDir, 'status.json'), scenarios: mine, total: selected.length });

  const recordingTurn = oneAtATime();
  const limit = pLimit(jobs);
  const results: ScenarioResult[] = [];
  let done = 0;
  const runOne = async (scenario: Scenario): Promise<void> => {
    // With one job nothing runs beside a recording, so no scorecard should claim it did.
    const parallel = jobs > 1 && scenario.config.record.parallel;
    const config = { ...scenario.config, record: { ...scenario.config.record, parallel } };
    const recording = { cols: config.record.cols, rows: config.record.rows, parallel };
    const entry = status.scenarios.find((s) => s.id === scenario.id)!;
    let result: ScenarioResult;
    if (options.signal?.aborted) {
      result = notStarted(scenario, recording, shard);
    } else {
      entry.state = 'running';
      saveStatus();
      const outcome: RunOutcome = await runPipeline(config, {
        roots: scenarioRoots,
        runId: scenario.slug,
        ...(options.minScores ? { minScores: options.minScores } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.env ? { env: options.env } : {}),
        acquireStage: async (stage: StageName) => (stage === 'record' && !parallel ? recordingTurn() : () => {}),
        onEvent: (event) => {
          if (event.kind === 'stage-started') {
            entry.stage = event.stage;
            saveStatus();
          }
          options.onEvent?.({ kind: 'scenario-event', scenario, event });
        },
      });
      result = scenarioResult(scenario, outcome, recording, shard);
    }
    Object.assign(entry, { state: result.state, stage: null, exitCode: result.exitCode });
    results.push(result);
    done++;
    saveStatus();
    options.onEvent?.({ kind: 'scenario-finished', scenario, result, done, total: mine.length });
  };
  await Promise.all(mine.map((s) => limit(() => runOne(s))));

  results.sort((a, b) => (a.id < b.id ? -1 : 1));
  const suite: SuiteResult = {
    schemaVersion: 1,
    suiteId,
    name: def.name,
    configFile: def.configFile,
    createdAt: new Date(started).toISOString(),
    termlensVersion: VERSION,
    scenarioIds: selected.map((s) => s.id).sort(),
    shard,
    mergedFrom: [],
    jobs,
    scenarios: results,
    ...suiteVerdict(results),
  };
  const written = await writeSuite(suiteDir, suite, options.junit ? { junit: options.junit } : {});
  Object.assign(status, { state: suite.state, exitCode: suite.exitCode, verdict: suite.verdict });
  saveStatus();
  return { suite, suiteDir, written };
}
