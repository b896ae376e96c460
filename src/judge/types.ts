/** The judge's artifact, judgments.json (schemaVersion 1), and the options of a run. */
import type { CriterionAggregate } from './aggregate.js';
import type { ParamAdjustment } from './adaptive-send.js';
import type { ModelParams, ReasoningEffort } from './model-params.js';
import type { PromptContext } from './prompt-render.js';
import type { Detail, ImageMode, PromptSet } from './prompt-set.js';
import type { ResolvedProvider } from './providers.js';
import type { JudgeAnswer } from './schema.js';
import type { RetryPolicy, RetryRecord, SampleError } from './send.js';

export interface JudgeFrame {
  /** Frame number, as frames.json and the grid label it (from 1). */
  index: number;
  /** Seconds into the video. */
  time: number;
  /** Image path; relative paths are resolved against `baseDir`. */
  file: string;
  /** Why the frame was picked. */
  reason: string;
}

export interface JudgeRunOptions {
  frames: JudgeFrame[];
  /** The contact sheet, for `images: grid|both`. */
  gridFile?: string;
  /** Folder that relative frame and grid paths are resolved against. @default process.cwd() */
  baseDir?: string;
  /** A loaded set, or a name or path for loadPromptSet. */
  promptSet: PromptSet | string;
  provider: ResolvedProvider;
  /** Requests per prompt. @default JUDGE_DEFAULTS.samples (judge/defaults.ts, with the limits) */
  samples?: number;
  /** Overrides each prompt's `images`. @default the prompt's, else 'frames' */
  images?: ImageMode;
  /** Overrides each prompt's `detail`. @default the prompt's, else 'auto' */
  detail?: Detail;
  /** Requests in flight at once. @default JUDGE_DEFAULTS.concurrency */
  concurrency?: number;
  /** @default '.termlens-cache' (in the working folder) */
  cacheDir?: string;
  /** false: neither read nor write the cache. @default true */
  cache?: boolean;
  /** Per attempt. @default JUDGE_DEFAULTS.timeout seconds */
  timeoutMs?: number;
  /** The whole judging, every attempt and wait included: nothing is sent after it. @default JUDGE_DEFAULTS.deadline seconds */
  deadlineMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Completion token budget (reasoning and answer together), unless the prompt sets one. @default 16384 for reasoning models, else 8192 */
  maxTokens?: number;
  /** reasoning_effort sent to the model. @default 'low' for reasoning models, not sent to others */
  reasoningEffort?: ReasoningEffort;
  /** Unless the prompt sets one. @default the model's own */
  temperature?: number;
  context: PromptContext;
  /** Write judgments.json here, also when judging fails (the raw answers are the evidence). */
  outFile?: string;
  onProgress?: (event: JudgeProgress) => void;
  signal?: AbortSignal;
}

export interface JudgeProgress {
  prompt: string;
  sample: number;
  samples: number;
  status: 'ok' | 'cached' | 'failed' | 'retrying';
  /** The failure, for status 'failed'; the retry and its wait, for 'retrying' (which does not count as done). */
  message?: string;
  done: number;
  total: number;
}

export interface Usage {
  promptTokens: number;
  /** Output tokens billed: the answer plus any reasoning. */
  completionTokens: number;
  totalTokens: number;
  /** Hidden reasoning tokens (usage.completion_tokens_details.reasoning_tokens), when the server reports them; part of completionTokens. */
  reasoningTokens?: number;
}

export interface SampleRecord {
  /** 1-based. */
  sample: number;
  status: 'ok' | 'failed';
  /** SHA-256 of the canonical request: the cache key. */
  requestHash: string;
  cacheHit: boolean;
  /** The model's text exactly as received (null when no answer arrived). */
  raw: string | null;
  refusal?: string;
  finishReason?: string;
  parsed?: JudgeAnswer;
  error?: SampleError;
  /** Of every attempt that got an answer (a retry with a larger budget adds its tokens to the first's). */
  usage?: Usage;
  /** Parameters changed after the server rejected them, or the budget raised after an answer spent it all on reasoning. */
  adjustments?: ParamAdjustment[];
  /** Estimated USD; null when the model's price is unknown. For a cache hit: what the original request cost. */
  costUsd: number | null;
  /** Of the last attempt; for a cache hit, the original request's. */
  latencyMs: number;
  /** 0 for a cache hit. */
  attempts: number;
  retries: RetryRecord[];
}

export interface SentImage {
  kind: 'frame' | 'grid';
  index?: number;
  file: string;
  mime: string;
  bytes: number;
  sha256: string;
}

export interface PromptJudgment {
  name: string;
  description: string;
  file: string;
  /** Criterion keys this prompt scores. */
  criteriaScored: string[];
  images: ImageMode;
  /** null: not sent, the provider does not take it. */
  detail: Detail | null;
  /** How the schema reached the model: as response_format, or inside the prompt (providers that ignore response_format). */
  schemaVia: 'response_format' | 'prompt';
  system: string;
  /** The rendered user prompt. */
  text: string;
  /** What was sent: the budget and its field, reasoning_effort, temperature, and anything asked for but left out (with why). */
  params: { model: string } & ModelParams;
  imagesSent: SentImage[];
  schema: Record<string, unknown>;
  samples: SampleRecord[];
  /** Over this prompt's samples that parsed. */
  criteria: Record<string, CriterionAggregate>;
  summary?: string;
}

export interface JudgmentTotals {
  /** Samples asked for (prompts × samples). */
  requests: number;
  /** Requests that went to the server (cache misses). */
  sent: number;
  cacheHits: number;
  failed: number;
  /** Tokens of sent requests only: cache hits cost nothing. */
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Of completionTokens, how many were hidden reasoning. */
  reasoningTokens: number;
  /** null when any sent request's model has no known price. */
  costUsd: number | null;
}

export interface Judgments {
  schemaVersion: 1;
  /** 'failed' when any sample failed; the aggregates then cover only the samples that parsed. */
  status: 'ok' | 'failed';
  createdAt: string;
  provider: string;
  model: string;
  /** What termlens knows of the model: whether it reasons, and its release month when it is a preset's default. */
  modelInfo: { reasoning: boolean; released?: string; source: 'preset' | 'family' | 'unknown' };
  /** Without credentials. */
  baseURL: string;
  promptSet: string;
  promptSetSource: string;
  params: { samples: number; images?: ImageMode; detail?: Detail; maxTokens?: number; reasoningEffort?: ReasoningEffort; concurrency: number; timeoutMs: number; maxRetries: number; cache: boolean; facts: 'none' | 'measures' };
  context: { targetName: string; command: string; question?: string };
  frames: JudgeFrame[];
  grid?: string;
  prompts: PromptJudgment[];
  /** Pooled over every prompt's parsed samples, per criterion. */
  criteria: Record<string, CriterionAggregate>;
  summary?: string;
  /** totals.totalTokens, here for readers that want one number. */
  tokens: number;
  /** totals.costUsd. */
  costUsd: number | null;
  totals: JudgmentTotals;
  /** Each distinct parameter change the server forced (e.g. temperature dropped), once, for a reader; per-sample details are in samples[].adjustments. */
  adjustments: string[];
  /** One line per failed sample. */
  errors: string[];
}
