/**
 * The files of a run folder, one definition each: who writes it and what its
 * readers rely on. The schemas are the contract between stages; they check
 * the fields some reader uses; a reader gets the whole file, fields the schema
 * does not name included, so a stage can add a field without touching its
 * readers. README ("Run folders")
 * lists the files; docs/architecture.md says who reads each.
 */
import { z } from 'zod';
import { CRITERIA } from '../criteria.js';
import { defineArtifact } from './artifact.js';
import { byCriterion, frameRef, gate, marker, num, partialByCriterion, plainObject, verdict, version } from './schema-parts.js';

/** frames.json: the frames picked from the video, paths relative to the file's folder. */
export const framesFile = defineArtifact({
  file: 'frames.json',
  stage: 'frames',
  writtenBy: 'the frames stage (termlens frames, or termlens run --from frames)',
  schemaVersion: 1,
  schema: z.object({
    schemaVersion: version,
    video: z.string().optional(),
    strategy: z.string().optional(),
    requested: num.optional(),
    width: num.optional(),
    height: num.optional(),
    duration: num.optional(),
    frames: z.array(frameRef),
    grid: z.string().optional(),
  }),
});

/** metrics.json: the offline scores and the measures behind them. */
export const metricsFile = defineArtifact({
  file: 'metrics.json',
  stage: 'inspect',
  writtenBy: 'the inspect stage (termlens inspect, or termlens run --from inspect)',
  schemaVersion: 1,
  schema: z.object({
    schemaVersion: version,
    criteria: byCriterion(
      z.object({
        score: num,
        components: z.array(z.object({ name: z.string(), points: num, max: num, basis: z.string(), notApplicable: z.boolean().optional() })),
        measures: plainObject,
      }),
    ),
    metrics: z.object({
      cast: z.object({ cols: num, rows: num, duration: num, events: num, outputEvents: num, outputChars: num, resizes: num }).optional(),
      sampling: z.object({ intervalSeconds: num, screens: num, markers: z.array(marker) }).optional(),
      scheme: z.string().optional(),
    }),
  }),
});

const aggregate = z.object({
  median: num,
  min: num,
  max: num,
  spread: num.optional(),
  n: num,
  findings: z.array(z.object({ frame: num.optional(), text: z.string() })),
  recommendations: z.array(z.string()),
});

const adjustment = z.object({ param: z.string(), action: z.string(), to: z.union([z.string(), num]).optional(), from: num.optional(), reason: z.string() });
const usage = z.object({ promptTokens: num, completionTokens: num, totalTokens: num, reasoningTokens: num.optional() });

/** judgments.json: everything the vision model was sent and answered, secrets masked. */
export const judgmentsFile = defineArtifact({
  file: 'judgments.json',
  stage: 'judge',
  writtenBy: 'the judge stage (termlens judge, or termlens run --from judge)',
  schemaVersion: 1,
  schema: z.object({
    schemaVersion: version,
    status: z.enum(['ok', 'failed']),
    provider: z.string(),
    model: z.string(),
    promptSet: z.string(),
    /** Whether the model reasons (its reasoning tokens are billed as output), and where termlens learnt it. */
    modelInfo: z.object({ reasoning: z.boolean(), released: z.string().optional(), source: z.string() }).optional(),
    params: z
      .object({
        samples: num,
        maxTokens: num.optional(),
        reasoningEffort: z.string().optional(),
        /** Whether the prompt carried the offline measures as facts (never their scores). */
        facts: z.enum(['none', 'measures']).optional(),
      })
      .optional(),
    prompts: z
      .array(
        z.object({
          name: z.string(),
          params: z.object({ model: z.string(), maxTokens: num, reasoningEffort: z.string().optional(), temperature: num.optional(), omitted: z.array(z.string()).optional() }).optional(),
          samples: z.array(z.object({ sample: num, status: z.enum(['ok', 'failed']), usage: usage.optional(), adjustments: z.array(adjustment).optional() })),
        }),
      )
      .optional(),
    criteria: partialByCriterion(aggregate),
    summary: z.string().optional(),
    tokens: num.optional(),
    costUsd: num.nullable().optional(),
    totals: z.object({ requests: num, promptTokens: num, completionTokens: num, totalTokens: num, reasoningTokens: num.optional(), costUsd: num.nullable() }).optional(),
    /** Parameters the provider refused and termlens changed to get an answer. */
    adjustments: z.array(z.string()).optional(),
  }),
});

/** scorecard.json: the report, the file users' scripts and compare read. */
export const scorecardFile = defineArtifact({
  file: 'scorecard.json',
  stage: 'report',
  writtenBy: 'the report stage (termlens report, or termlens run --from report)',
  schemaVersion: 1,
  schema: z.object({
    schemaVersion: version,
    run: z.object({ runId: z.string(), target: z.string(), command: z.string(), date: z.string(), termlensVersion: z.string(), judgeSkipped: z.string().optional(), recordedInParallel: z.boolean().optional(), scenario: z.string().optional() }),
    judge: z.union([z.literal('offline'), z.object({ provider: z.string(), model: z.string(), promptSet: z.string(), tokens: num.optional(), costUsd: num.nullable().optional() })]),
    summary: z.string().optional(),
    criteria: z.array(
      z.object({
        key: z.enum(CRITERIA),
        title: z.string(),
        offline: z.object({ score: num, measures: z.array(z.object({ name: z.string(), value: z.string() })) }).optional(),
        model: aggregate.extend({ spread: num }).optional(),
        score: num,
        verdict,
        findings: z.array(z.object({ frame: frameRef.optional(), text: z.string() })),
        recommendations: z.array(z.string()),
        agreement: z
          .object({ offline: num, model: num, gap: num, needsLook: z.boolean(), modelFrames: z.array(num), offlineFrames: z.array(num), note: z.string() })
          .optional(),
        calibration: z.object({ accuracy: num.nullable(), pairs: num, text: z.string() }).optional(),
      }),
    ),
    frames: z.array(frameRef),
    grid: z.string().optional(),
    gates: z.array(gate),
    passed: z.boolean(),
    /** When both the measures and the model scored: the gap that flags a criterion, and the criteria flagged. */
    agreement: z.object({ threshold: num, needsLook: z.array(z.enum(CRITERIA)) }).optional(),
    /** The calibration.json cited (judge.calibration). */
    calibration: z.object({ file: z.string(), provider: z.string(), model: z.string(), promptSet: z.string() }).optional(),
  }),
});

/** pretest.json: the pre-test's verdict and why. */
export const pretestFile = defineArtifact({
  file: 'pretest.json',
  stage: 'pretest',
  writtenBy: 'the pre-test (termlens pretest, or termlens run)',
  schemaVersion: 1,
  schema: z.object({
    schemaVersion: version,
    verdict: z.enum(['passed', 'failed', 'timeout', 'interrupted']),
    reason: z.string(),
    protocol: z.string(),
    command: z.string(),
    durationSeconds: num,
    exitCode: num.nullable(),
    signal: z.string().nullable(),
    stoppedBy: z.string().nullable().optional(),
    phases: z.array(z.string()).optional(),
    agents: z.record(z.string(), z.string().nullable()).optional(),
    output: z.object({ stdout: z.array(z.string()), stderr: z.array(z.string()) }).optional(),
    /** massgen protocol: what was seen of its automation contract (null for the other protocols). */
    contract: z
      .object({
        statusFile: z.string().nullable(),
        statusFoundBy: z.string().nullable(),
        linesSeen: z.array(z.string()),
        answerFile: z.string().nullable(),
        completedLine: z.string().nullable(),
        orchestratorTimeout: z.string().nullable(),
        backendErrors: z.array(z.string()),
        pythonUnbuffered: z.boolean(),
      })
      .nullable()
      .optional(),
  }),
});

/** video.json: what the frames stage needs to pick frames without decoding the video. */
export const videoFile = defineArtifact({
  file: 'video.json',
  stage: 'render',
  writtenBy: 'the render stage (termlens render, or termlens run --from render)',
  schemaVersion: 1,
  // One space: the per-frame list is long, and this keeps it readable without doubling its size.
  indent: 1,
  schema: z.object({
    schemaVersion: version,
    video: z.string().optional(),
    duration: num.optional(),
    markers: z.array(marker),
    thumbnails: z.object({ file: z.string(), width: num, height: num, count: num }).optional(),
  }),
});

const stageRecord = z.object({ name: z.string(), state: z.string(), note: z.string().optional() });

/** status.json: what an agent polls while a run goes on (README, "status.json"). */
export const statusFile = defineArtifact({
  file: 'status.json',
  stage: 'pipeline',
  writtenBy: 'termlens run',
  schemaVersion: 1,
  schema: z.object({
    schemaVersion: version,
    runId: z.string(),
    pid: num,
    state: z.enum(['running', 'passed', 'failed', 'interrupted']),
    stage: z.string().nullable(),
    stages: z.array(stageRecord),
    exitCode: num.nullable(),
    error: z.object({ code: z.string(), message: z.string(), exitCode: num }).nullable(),
    verdict: z.string().nullable(),
    scorecard: z.string().nullable(),
    artifacts: z.array(z.string()),
  }),
});

/** run.json: each stage's fingerprint and outputs, so an unchanged stage is not redone. */
export const runFile = defineArtifact({
  file: 'run.json',
  stage: 'pipeline',
  writtenBy: 'termlens run',
  schemaVersion: 1,
  schema: z.object({
    schemaVersion: version,
    runId: z.string(),
    stages: z.record(z.string(), z.object({ fingerprint: z.string(), outputs: z.array(z.string()), finishedAt: z.string() }).optional()),
  }),
});

const agreementSide = z.object({ offline: num, model: num, gap: num, needsLook: z.boolean() });

/** compare.json: everything compare found between two runs. */
export const compareFile = defineArtifact({
  file: 'compare.json',
  stage: 'compare',
  writtenBy: 'termlens compare',
  schemaVersion: 1,
  schema: z.object({
    schemaVersion: version,
    regressions: z.array(z.object({ kind: z.string(), message: z.string() })),
    regressedCriteria: z.array(z.enum(CRITERIA)),
    identical: z.boolean(),
    passed: z.boolean(),
    /** How the measures' and the model's agreement moved, per criterion; reported, never a regression. */
    agreement: z
      .array(z.object({ key: z.enum(CRITERIA), baseline: agreementSide, current: agreementSide, change: z.enum(['new', 'resolved', 'same']), message: z.string() }))
      .optional(),
  }),
});

export type FramesFile = z.output<typeof framesFile.schema>;
export type MetricsFile = z.output<typeof metricsFile.schema>;
export type JudgmentsFile = z.output<typeof judgmentsFile.schema>;
export type ScorecardFile = z.output<typeof scorecardFile.schema>;
export type PretestFile = z.output<typeof pretestFile.schema>;
export type VideoFile = z.output<typeof videoFile.schema>;
export type StatusFile = z.output<typeof statusFile.schema>;
export type RunFile = z.output<typeof runFile.schema>;
export type CompareFile = z.output<typeof compareFile.schema>;
