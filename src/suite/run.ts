/**
 * Running a suite: the scenarios this machine owns (after --only and
 * --shard), each through the ordinary pipeline into its own run folder
 * inside reports/<suite-id>/, then the suite's own files. With --jobs N
 * several scenarios are in flight, but recordings take turns (timing
 * measures need a quiet machine) unless the config says record.parallel.
 */
import pLimit from 'p-limit';
import { checkRange } from '../errors/range.js';
import { SUITE_DEFAULTS, SUITE_LIMITS } from './defaults.js';
import { join } from 'node:path';
import type { TermlensConfig } from '../config/index.js';
import { createRun, runPipeline, type PipelineEvent, type RunLayout, type RunOutcome, type StageName } from '../pipeline/index.js';
import { TermlensError } from '../errors/index.js';
import { VERSION } from '../version.js';
import { SUITE_SCHEMA_VERSION, notStarted, scenarioResult, suiteVerdict, type ScenarioResult, type SuiteResult } from './model.js';
import type { Scenario, SuiteDefinition } from './scenarios.js';
import { matchesPattern, shardIds, type Shard } from './shard.js';
import { SuiteStatusBoard } from './status.js';
import { writeSuite, type WrittenSuite } from './write.js';

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
  const mine = scenariosOfThisShard(selected, shard, options.durations);
  const jobs = checkRange('jobs', options.jobs ?? SUITE_DEFAULTS.jobs, SUITE_LIMITS.jobs, 'suite');
  const folder = await createSuiteFolder(def.name, shard, options.roots);
  const suiteDir = folder.reportDir;
  const board = new SuiteStatusBoard(suiteDir, folder.runId, def.configFile, mine);
  options.onEvent?.({ kind: 'suite-started', suiteId: folder.runId, suiteDir, statusFile: join(suiteDir, 'status.json'), scenarios: mine, total: selected.length });

  const runner: ScenarioRunner = { options, jobs, shard, board, roots: { recordings: folder.recordingDir, reports: suiteDir }, recordingTurn: oneAtATime() };
  const results = await runScenarios(mine, runner);
  const suite = suiteOf(def, folder.runId, new Date(board.startedAt).toISOString(), selected, shard, jobs, results);
  const written = await writeSuite(suiteDir, suite, options.junit ? { junit: options.junit } : {});
  board.finish(suite);
  return { suite, suiteDir, written };
}

/** The scenarios this machine runs, by id: all selected ones, or its shard's. */
function scenariosOfThisShard(selected: Scenario[], shard: Shard | null, durations: ReadonlyMap<string, number> | undefined): Scenario[] {
  const mineIds = new Set(shard ? shardIds(selected.map((s) => s.id), shard.index, shard.total, durations) : selected.map((s) => s.id));
  return selected.filter((s) => mineIds.has(s.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The suite folder is made like a run's (name and time, -2 on a clash); each scenario's run folder goes inside it. */
function createSuiteFolder(name: string, shard: Shard | null, roots: SuiteRunOptions['roots']): Promise<RunLayout> {
  return createRun(shard ? `${name}-shard-${shard.index}-of-${shard.total}` : name, roots);
}

/** What every scenario of this suite run shares. */
interface ScenarioRunner {
  options: SuiteRunOptions;
  jobs: number;
  shard: Shard | null;
  board: SuiteStatusBoard;
  /** Where the scenarios' run folders go: inside the suite folder. */
  roots: { recordings: string; reports: string };
  /** Recordings take turns unless the config says record.parallel. */
  recordingTurn: () => Promise<() => void>;
}

/** Up to `jobs` scenarios at a time; the results sorted by id. */
async function runScenarios(scenarios: Scenario[], runner: ScenarioRunner): Promise<ScenarioResult[]> {
  const limit = pLimit(runner.jobs);
  const results: ScenarioResult[] = [];
  await Promise.all(
    scenarios.map((scenario) =>
      limit(async () => {
        const result = await runScenario(scenario, runner);
        results.push(result);
        runner.options.onEvent?.({ kind: 'scenario-finished', scenario, result, done: results.length, total: scenarios.length });
      }),
    ),
  );
  return results.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** One scenario through the ordinary pipeline into its own run folder (or not started, after an interrupt). */
async function runScenario(scenario: Scenario, runner: ScenarioRunner): Promise<ScenarioResult> {
  const { options, board, shard } = runner;
  // With one job nothing runs beside a recording, so no scorecard should claim it did.
  const parallel = runner.jobs > 1 && scenario.config.record.parallel;
  const config = { ...scenario.config, record: { ...scenario.config.record, parallel } };
  const recording = { cols: config.record.cols, rows: config.record.rows, parallel };
  const line = board.scenario(scenario.id);
  let result: ScenarioResult;
  if (options.signal?.aborted) {
    result = notStarted(scenario, recording, shard);
  } else {
    line.state = 'running';
    board.save();
    const outcome: RunOutcome = await runPipeline(config, {
      roots: runner.roots,
      runId: scenario.slug,
      scenario: scenario.id,
      ...(options.minScores ? { minScores: options.minScores } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.env ? { env: options.env } : {}),
      acquireStage: async (stage: StageName) => (stage === 'record' && !parallel ? runner.recordingTurn() : () => {}),
      onEvent: (event) => {
        if (event.kind === 'stage-started') {
          line.stage = event.stage;
          board.save();
        }
        options.onEvent?.({ kind: 'scenario-event', scenario, event });
      },
    });
    result = scenarioResult(scenario, outcome, recording, shard);
  }
  Object.assign(line, { state: result.state, stage: null, exitCode: result.exitCode });
  board.save();
  return result;
}

function suiteOf(def: SuiteDefinition, suiteId: string, createdAt: string, selected: Scenario[], shard: Shard | null, jobs: number, scenarios: ScenarioResult[]): SuiteResult {
  return {
    schemaVersion: SUITE_SCHEMA_VERSION,
    suiteId,
    name: def.name,
    configFile: def.configFile,
    createdAt,
    termlensVersion: VERSION,
    scenarioIds: selected.map((s) => s.id).sort(),
    shard,
    mergedFrom: [],
    jobs,
    scenarios,
    ...suiteVerdict(scenarios),
  };
}
