/**
 * The files of a suite folder (a run of a config with a matrix, or a merge of
 * its shards), defined like a run folder's: who writes each and what its
 * readers rely on. suite.json is read back by merge, by compare of two suites
 * and by --durations; status.json and compare.json are for the user's
 * scripts and CI.
 */
import { z } from 'zod';
import { defineArtifact } from './artifact.js';
import { gate, num, partialByCriterion, verdict, version } from './schema-parts.js';

const state = z.enum(['passed', 'failed', 'interrupted']);

const scenario = z.object({
  id: z.string(),
  slug: z.string(),
  values: z.record(z.string(), z.string()),
  state,
  exitCode: num,
  verdict: z.string(),
  error: z.object({ code: z.string(), message: z.string(), stage: z.string().optional() }).nullable(),
  durationSeconds: num,
  stages: z.array(z.object({ name: z.string(), state: z.string(), durationSeconds: num.optional() })),
  judge: z.string(),
  scores: partialByCriterion(z.object({ score: num, offline: num.nullable(), model: num.nullable(), verdict })),
  gates: z.array(gate),
  recording: z.object({ cols: num, rows: num, parallel: z.boolean() }),
  shard: z.string().nullable(),
});

/** suite.json: one entry per scenario that ran in the folder, and the ids of every scenario of the suite. */
export const suiteFile = defineArtifact({
  file: 'suite.json',
  stage: 'suite',
  writtenBy: 'termlens run on a config with a matrix (or termlens merge)',
  schemaVersion: 1,
  schema: z.object({
    schemaVersion: version,
    suiteId: z.string(),
    name: z.string(),
    configFile: z.string().nullable(),
    createdAt: z.string(),
    termlensVersion: z.string(),
    scenarioIds: z.array(z.string()),
    shard: z.object({ index: num, total: num, from: z.string() }).nullable(),
    mergedFrom: z.array(z.string()),
    jobs: num,
    scenarios: z.array(scenario),
    state,
    exitCode: num,
    verdict: z.string(),
  }),
});

/** status.json of a suite: a run's state, exitCode and verdict fields, plus one line per scenario. */
export const suiteStatusFile = defineArtifact({
  file: 'status.json',
  stage: 'suite',
  writtenBy: 'termlens run on a config with a matrix (or termlens merge)',
  schemaVersion: 1,
  schema: z.object({
    schemaVersion: version,
    kind: z.literal('suite'),
    suiteId: z.string(),
    suiteDir: z.string(),
    pid: num,
    configFile: z.string().nullable(),
    state: z.enum(['running', 'passed', 'failed', 'interrupted']),
    scenarios: z.array(z.object({ id: z.string(), slug: z.string(), state: z.string(), stage: z.string().nullable(), exitCode: num.nullable(), reportDir: z.string() })),
    counts: z.object({ total: num, done: num, passed: num, failed: num, running: num }),
    startedAt: z.string(),
    updatedAt: z.string(),
    elapsedSeconds: num,
    exitCode: num.nullable(),
    verdict: z.string().nullable(),
  }),
});

const suiteSide = z.object({ dir: z.string(), suiteId: z.string() });

/** compare.json of two suites: each paired scenario's result, the one-sided ones, one verdict. */
export const suiteCompareFile = defineArtifact({
  file: 'compare.json',
  stage: 'compare',
  writtenBy: 'termlens compare BASELINE_SUITE CURRENT_SUITE',
  schemaVersion: 1,
  schema: z.object({
    schemaVersion: version,
    createdAt: z.string(),
    baseline: suiteSide,
    current: suiteSide,
    strict: z.boolean(),
    scenarios: z.array(
      z.object({ id: z.string(), compareDir: z.string().nullable(), passed: z.boolean(), identical: z.boolean(), regressions: z.array(z.string()), error: z.string().optional() }),
    ),
    onlyInBaseline: z.array(z.string()),
    onlyInCurrent: z.array(z.string()),
    passed: z.boolean(),
  }),
});

export type SuiteFile = z.output<typeof suiteFile.schema>;
export type SuiteStatusFile = z.output<typeof suiteStatusFile.schema>;
export type SuiteCompareFile = z.output<typeof suiteCompareFile.schema>;
