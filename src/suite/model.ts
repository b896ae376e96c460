/**
 * suite.json (schemaVersion 1): one entry per scenario that ran here, with
 * its scores, gates, duration and folder, and the ids of every scenario of
 * the suite, so a merge can tell a missing shard from a finished suite. The
 * entries carry everything the suite's pages show, so merging shards needs
 * nothing but their suite.json files and folders.
 */
import { EXIT } from '../errors/index.js';
import type { Gate } from '../report/index.js';
import { suiteFile, type ScorecardFile } from '../run-folder/index.js';
import { CRITERIA, type CriterionKey, type Verdict } from '../criteria.js';
import type { RunOutcome } from '../pipeline/index.js';
import type { Shard } from './shard.js';

/** The version this termlens writes; the reader (run-folder's suiteFile) accepts newer minor versions. */
export const SUITE_SCHEMA_VERSION = suiteFile.schemaVersion;

export type ScenarioState = 'passed' | 'failed' | 'interrupted';

export interface ScenarioScore {
  /** The scorecard's score: the model's median when there is one, else the offline score. */
  score: number;
  offline: number | null;
  model: number | null;
  verdict: Verdict;
}

export interface ScenarioResult {
  id: string;
  /** Its run folder's name inside the suite folder. */
  slug: string;
  values: Record<string, string>;
  state: ScenarioState;
  exitCode: number;
  /** The scenario's own VERDICT: line. */
  verdict: string;
  error: { code: string; message: string; stage?: string } | null;
  /** Seconds the scenario's stages took; what `--durations` balances shards by. */
  durationSeconds: number;
  stages: Array<{ name: string; state: string; durationSeconds?: number }>;
  /** 'offline', or provider/model. */
  judge: string;
  scores: Partial<Record<CriterionKey, ScenarioScore>>;
  gates: Gate[];
  /** The terminal it was recorded at, and whether other recordings ran at the same time. */
  recording: { cols: number; rows: number; parallel: boolean };
  /** The shard (K/N) that ran it, when sharded. */
  shard: string | null;
}

export interface SuiteResult {
  /** SUITE_SCHEMA_VERSION when written. */
  schemaVersion: number;
  suiteId: string;
  name: string;
  configFile: string | null;
  createdAt: string;
  termlensVersion: string;
  /** Every scenario id of the suite (after --only), on every shard: a merge checks it has them all. */
  scenarioIds: string[];
  /** The part this folder ran; null for a whole suite or a merge. */
  shard: Shard | null;
  /** The folders a merged suite was made from. */
  mergedFrom: string[];
  jobs: number;
  scenarios: ScenarioResult[];
  state: ScenarioState;
  exitCode: number;
  verdict: string;
}

export function scenarioResult(
  scenario: { id: string; slug: string; values: Record<string, string> },
  outcome: RunOutcome,
  recording: ScenarioResult['recording'],
  shard: Shard | null,
): ScenarioResult {
  const card: ScorecardFile | undefined = outcome.scorecard;
  const scores: ScenarioResult['scores'] = {};
  for (const c of card?.criteria ?? []) scores[c.key] = { score: c.score, offline: c.offline?.score ?? null, model: c.model?.median ?? null, verdict: c.verdict };
  const durationSeconds = Math.round(outcome.stages.reduce((sum, s) => sum + (s.durationSeconds ?? 0), 0) * 1000) / 1000;
  return {
    id: scenario.id,
    slug: scenario.slug,
    values: scenario.values,
    state: outcome.state,
    exitCode: outcome.exitCode,
    verdict: outcome.verdict,
    error: outcome.error ? { code: outcome.error.code, message: outcome.error.message, ...(outcome.error.stage ? { stage: outcome.error.stage } : {}) } : null,
    durationSeconds,
    stages: outcome.stages.map((s) => ({ name: s.name, state: s.state, ...(s.durationSeconds !== undefined ? { durationSeconds: s.durationSeconds } : {}) })),
    judge: !card ? 'none' : card.judge === 'offline' ? 'offline' : `${card.judge.provider}/${card.judge.model}`,
    scores,
    gates: card?.gates ?? [],
    recording,
    shard: shard ? `${shard.index}/${shard.total}` : null,
  };
}

/** A scenario that never started (the suite was interrupted first). */
export function notStarted(scenario: { id: string; slug: string; values: Record<string, string> }, recording: ScenarioResult['recording'], shard: Shard | null): ScenarioResult {
  return {
    ...scenario,
    state: 'interrupted',
    exitCode: EXIT.interrupted,
    verdict: `interrupted (exit ${EXIT.interrupted}): the suite was interrupted before this scenario started`,
    error: { code: 'interrupted', message: 'the suite was interrupted before this scenario started' },
    durationSeconds: 0,
    stages: [],
    judge: 'none',
    scores: {},
    gates: [],
    recording,
    shard: shard ? `${shard.index}/${shard.total}` : null,
  };
}

/** Lowest criterion score; a scenario without scores counts as worst of all. */
export function worstScore(s: ScenarioResult): number {
  const values = CRITERIA.map((c) => s.scores[c]?.score).filter((v): v is number => v !== undefined);
  return values.length ? Math.min(...values) : -1;
}

/** Failed and interrupted first, then by lowest score, then by mean score, then by id. */
export function worstFirst(scenarios: readonly ScenarioResult[]): ScenarioResult[] {
  const mean = (s: ScenarioResult) => {
    const v = CRITERIA.map((c) => s.scores[c]?.score ?? 0);
    return v.reduce((a, b) => a + b, 0) / v.length;
  };
  const rank = (s: ScenarioResult) => (s.state === 'passed' ? 1 : 0);
  return [...scenarios].sort((a, b) => rank(a) - rank(b) || worstScore(a) - worstScore(b) || mean(a) - mean(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The suite's state, exit code and verdict. An interrupt outranks all; an
 * execution failure (2, 3) outranks a failed quality gate (5), because the
 * gate then did not see every scenario.
 */
export function suiteVerdict(scenarios: readonly ScenarioResult[]): Pick<SuiteResult, 'state' | 'exitCode' | 'verdict'> {
  const failed = scenarios.filter((s) => s.state !== 'passed');
  if (failed.length === 0) return { state: 'passed', exitCode: EXIT.ok, verdict: `passed: ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'} passed` };
  const codes = new Set(failed.map((s) => s.exitCode));
  const exitCode = [EXIT.interrupted, EXIT.execution, EXIT.timeout, EXIT.usage, EXIT.qualityGate].find((c) => codes.has(c)) ?? EXIT.execution;
  const state: ScenarioState = exitCode === EXIT.interrupted ? 'interrupted' : 'failed';
  const names = failed.map((s) => s.id);
  const shown = names.length > 10 ? [...names.slice(0, 10), `and ${names.length - 10} more`] : names;
  return { state, exitCode, verdict: `${state} (exit ${exitCode}): ${failed.length} of ${scenarios.length} scenarios did not pass: ${shown.join(', ')}` };
}
