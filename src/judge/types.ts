/** The judge's artifact, judgments.json (schemaVersion 1), and the options of a run. */
import type { CriterionAggregate } from './aggregate.js';
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
  /** Requests per prompt. @default 3 */
  samples?: number;
  /** Overrides each prompt's `images`. @default the prompt's, else 'frames' */
  images?: ImageMode;
  /** Overrides each prompt's `detail`. @default the prompt's, else 'auto' */
  detail?: Detail;
  /** Requests in flight at once. @default 4 */
  concurrency?: number;
  /** @default '.termlens-cache' (in the working folder) */
  cacheDir?: string;
  /** false: neither read nor write the cache. @default true */
  cache?: boolean;
  /** Per attempt. @default 120000 */
  timeoutMs?: number;
  /** The whole judging, every attempt and wait included: nothing is sent after it. @default 1800000 (30 min) */
  deadlineMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Completion token limit, unless the prompt sets one. @default 8192 */
  maxTokens?: number;
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
  completionTokens: number;
  totalTokens: number;
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
  usage?: Usage;
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
  params: { model: string; maxTokens: number; maxTokensParam: string; temperature?: number };
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
  /** Without credentials. */
  baseURL: string;
  promptSet: string;
  promptSetSource: string;
  params: { samples: number; images?: ImageMode; detail?: Detail; concurrency: number; timeoutMs: number; maxRetries: number; cache: boolean };
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
  /** One line per failed sample. */
  errors: string[];
}
