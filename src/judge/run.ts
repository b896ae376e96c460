/**
 * judgeRun: every prompt of a set × K samples, through one OpenAI client,
 * a concurrency limit and the cache, folded into judgments.json.
 */
import { resolve } from 'node:path';
import OpenAI from 'openai';
import pLimit from 'p-limit';
import { TermlensError, quote } from '../errors/index.js';
import { checkRange } from '../errors/range.js';
import { aggregateAnswers } from './aggregate.js';
import { askSample, type SampleAsker } from './ask-sample.js';
import { DEFAULT_CACHE_DIR } from './cache.js';
import { JUDGE_DEFAULTS, JUDGE_LIMITS } from './defaults.js';
import { describeAdjustment, ParamAdapter } from './adaptive-send.js';
import { traitsOf } from './model-traits.js';
import { planPrompt, type PromptPlan } from './plan.js';
import { loadPromptSet, type PromptSet } from './prompt-set.js';
import type { ResolvedProvider } from './providers.js';
import { redactSecrets, sanitizeURL } from '../redact.js';
import { judgmentsFile } from '../run-folder/index.js';
import { imageLoader } from './request.js';
import type { JudgeAnswer } from './schema.js';
import { DEFAULT_RETRY, describeRetry, listModels, type RetryPolicy, type SendOptions } from './send.js';
import type { JudgeRunOptions, Judgments, JudgmentTotals, PromptJudgment, SampleRecord, Usage } from './types.js';

/** How long a whole judging may take, retries and waits included, unless told otherwise. */
export const DEFAULT_JUDGE_DEADLINE_MS = JUDGE_DEFAULTS.deadline * 1000;

/** A judge-failed TermlensError that carries the judgments so far (with every raw answer). */
export class JudgeFailedError extends TermlensError {
  readonly judgments?: Judgments;
  constructor(message: string, options: { hint: string; judgments?: Judgments; cause?: unknown }) {
    super(message, { code: 'judge-failed', stage: 'judge', hint: options.hint, cause: options.cause });
    this.judgments = options.judgments;
  }
}

/**
 * Judge the frames. The steps, in order: check the settings, find the model,
 * plan each prompt's request, ask every prompt × sample (cache first), fold
 * the answers into judgments, write judgments.json, then fail if anything
 * was interrupted or failed (the file keeps every answer either way).
 */
export async function judgeRun(options: JudgeRunOptions): Promise<Judgments> {
  const settings = checkSettings(options);
  const { provider, clean } = settings;
  const client = new OpenAI({ apiKey: provider.apiKey, baseURL: provider.baseURL, defaultHeaders: provider.headers, maxRetries: 0, timeout: settings.timeoutMs });
  const progress = { done: 0, total: 0 };
  const send = (prompt: string, sample: number): SendOptions => ({
    timeoutMs: settings.timeoutMs,
    retry: settings.retry,
    deadline: settings.deadline,
    ...(options.signal ? { signal: options.signal } : {}),
    onRetry: (r) => options.onProgress?.({ prompt, sample, samples: settings.samples, status: 'retrying', message: clean(describeRetry(r, settings.retry)), ...progress }),
  });
  const model = provider.model ?? (await discoverModel(client, provider, clean, send('models list', 0)));
  const frames = [...options.frames].sort((a, b) => a.index - b.index);
  const plans = await planPrompts(options, settings.set, model, frames);
  const traits = traitsOf(provider, model);
  progress.total = plans.length * settings.samples;

  const asker: SampleAsker = {
    client,
    model,
    provider,
    baseURL: sanitizeURL(provider.baseURL),
    cacheDir: settings.useCache ? settings.cacheDir : undefined,
    secrets: settings.secrets,
    clean,
    // Parameters a server rejects are learned once per run, so later requests do not spend a 400 each.
    adapter: new ParamAdapter(),
    send,
  };
  const limit = pLimit(settings.concurrency);
  const askAndReport = async (plan: PromptPlan, sample: number): Promise<SampleRecord> => {
    const record = await askSample(asker, plan, sample);
    progress.done++;
    options.onProgress?.({
      prompt: plan.record.name,
      sample,
      samples: settings.samples,
      status: record.status === 'failed' ? 'failed' : record.cacheHit ? 'cached' : 'ok',
      ...(record.error ? { message: record.error.message } : {}),
      ...progress,
    });
    return record;
  };
  const prompts = await Promise.all(
    plans.map(async (plan) => {
      const records = await Promise.all(Array.from({ length: settings.samples }, (_, i) => limit(() => askAndReport(plan, i + 1))));
      const answers = records.flatMap((r) => (r.parsed ? [r.parsed] : []));
      return { ...plan.record, samples: records, criteria: aggregateAnswers(answers, plan.record.criteriaScored), ...summaryOf(answers) };
    }),
  );

  const judgments = foldJudgments(options, settings, { model, traits, baseURL: asker.baseURL, frames, prompts });
  if (options.outFile) await writeJudgments(options.outFile, judgments, settings.secrets);
  throwIfIncomplete(options, settings, judgments, progress.total);
  return judgments;
}

/** The checked settings of one judging, with defaults filled in. */
interface JudgeSettings {
  samples: number;
  concurrency: number;
  timeoutMs: number;
  deadline: number;
  retry: RetryPolicy;
  useCache: boolean;
  cacheDir: string;
  provider: ResolvedProvider;
  secrets: string[];
  /** Masks the secrets in a text bound for a file, a log or an error. */
  clean: (text: string) => string;
  set: PromptSet;
}

function checkSettings(options: JudgeRunOptions): JudgeSettings {
  const samples = checkRange('samples', options.samples ?? JUDGE_DEFAULTS.samples, JUDGE_LIMITS.samples, 'judge');
  const concurrency = checkRange('concurrency', options.concurrency ?? JUDGE_DEFAULTS.concurrency, JUDGE_LIMITS.concurrency, 'judge');
  if (options.maxTokens !== undefined) checkRange('maxTokens', options.maxTokens, JUDGE_LIMITS.maxTokens, 'judge');
  const secrets = [options.provider.apiKey];
  const settings: JudgeSettings = {
    samples,
    concurrency,
    timeoutMs: options.timeoutMs ?? JUDGE_DEFAULTS.timeout * 1000,
    deadline: Date.now() + (options.deadlineMs ?? DEFAULT_JUDGE_DEADLINE_MS),
    retry: { ...DEFAULT_RETRY, ...options.retry },
    useCache: options.cache ?? JUDGE_DEFAULTS.cache,
    cacheDir: resolve(options.cacheDir ?? DEFAULT_CACHE_DIR),
    provider: options.provider,
    secrets,
    clean: (text: string) => redactSecrets(text, secrets),
    set: typeof options.promptSet === 'string' ? loadPromptSet(options.promptSet) : options.promptSet,
  };
  if (options.frames.length === 0) {
    throw new TermlensError('there are no frames to judge', { code: 'bad-input', stage: 'judge', hint: 'Run termlens frames first; frames.json lists none.' });
  }
  return settings;
}

/** One request plan per prompt of the set, images loaded once and shared. */
async function planPrompts(options: JudgeRunOptions, set: PromptSet, model: string, frames: JudgeRunOptions['frames']): Promise<PromptPlan[]> {
  const plans: PromptPlan[] = [];
  const load = imageLoader();
  for (const prompt of set.prompts) {
    plans.push(await planPrompt({ set, prompt, options, provider: options.provider, model, frames, baseDir: options.baseDir ?? process.cwd(), load }));
  }
  return plans;
}

/** judgments.json's content: the run's parameters, every sample, and the criteria folded over all prompts. */
function foldJudgments(
  options: JudgeRunOptions,
  settings: JudgeSettings,
  run: { model: string; traits: ReturnType<typeof traitsOf>; baseURL: string; frames: JudgeRunOptions['frames']; prompts: PromptJudgment[] },
): Judgments {
  const { provider, clean, set } = settings;
  const { model, traits, prompts } = run;
  const allAnswers = prompts.flatMap((p) => p.samples.flatMap((s) => (s.parsed ? [s.parsed] : [])));
  const criteriaKeys = [...new Set(prompts.flatMap((p) => p.criteriaScored))];
  const errors = prompts.flatMap((p) => p.samples.flatMap((s) => (s.error ? [`prompt ${quote(p.name)} sample ${s.sample}: ${s.error.message}`] : [])));
  const totals = sumTotals(prompts);
  return {
    schemaVersion: 1,
    status: errors.length ? 'failed' : 'ok',
    createdAt: new Date().toISOString(),
    provider: provider.provider,
    model,
    modelInfo: { reasoning: traits.reasoning, ...(traits.released ? { released: traits.released } : {}), source: traits.source },
    baseURL: run.baseURL,
    promptSet: set.name,
    promptSetSource: set.source,
    params: {
      samples: settings.samples,
      ...(options.images ? { images: options.images } : {}),
      ...(options.detail ? { detail: options.detail } : {}),
      ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
      ...(options.reasoningEffort ? { reasoningEffort: options.reasoningEffort } : {}),
      concurrency: settings.concurrency,
      timeoutMs: settings.timeoutMs,
      maxRetries: settings.retry.maxRetries,
      cache: settings.useCache,
      // Whether the prompt carried measured facts; the prompts' `text` shows exactly which.
      facts: options.context.measuredFacts ? 'measures' : 'none',
    },
    context: { targetName: options.context.targetName, command: options.context.command, ...(options.context.question ? { question: options.context.question } : {}) },
    frames: run.frames,
    ...(options.gridFile ? { grid: options.gridFile } : {}),
    prompts,
    criteria: aggregateAnswers(allAnswers, criteriaKeys),
    ...(prompts.some((p) => p.summary) ? { summary: prompts.flatMap((p) => (p.summary ? [p.summary] : [])).join('\n\n') } : {}),
    tokens: totals.totalTokens,
    costUsd: totals.costUsd,
    totals,
    adjustments: [...new Set(prompts.flatMap((p) => p.samples.flatMap((s) => (s.adjustments ?? []).filter((a) => !a.learned).map((a) => clean(describeAdjustment(a))))))],
    errors,
  };
}

/** After judgments.json is written: an interruption or any failed request is an error, naming the first. */
function throwIfIncomplete(options: JudgeRunOptions, settings: JudgeSettings, judgments: Judgments, total: number): void {
  if (options.signal?.aborted) {
    throw new TermlensError('judging was interrupted', {
      code: 'interrupted',
      stage: 'judge',
      hint: options.outFile ? `The answers that arrived are kept in ${quote(options.outFile)}.` : 'Run it again; answers that arrived were cached.',
    });
  }
  const { errors } = judgments;
  if (errors.length) {
    throw new JudgeFailedError(settings.clean(`${errors.length} of ${total} judge requests failed; first: ${errors[0]}`), {
      hint: `${hintFor(judgments.prompts, settings.provider)} The raw answers are kept in ${options.outFile ? quote(options.outFile) : 'judgments.json'}; failures are never cached, so a rerun asks again.`,
      judgments,
    });
  }
}

/** Write judgments.json whole or not at all, with any secret masked. */
export async function writeJudgments(file: string, judgments: Judgments, secrets: readonly string[] = []): Promise<void> {
  await judgmentsFile.write(file, judgments, { createFolder: true, hint: 'Choose a run folder you can write to.', transform: (text) => redactSecrets(text, secrets) });
}

async function discoverModel(client: OpenAI, provider: ResolvedProvider, clean: (s: string) => string, send: SendOptions): Promise<string> {
  const listed = await listModels(client, send);
  const id = listed.value?.[0];
  if (id) return id;
  if (listed.error) {
    throw new JudgeFailedError(clean(`no model given and the server at ${quote(sanitizeURL(provider.baseURL))} did not list any: ${listed.error.message}`), {
      hint: 'Pass --model NAME (or set TERMLENS_JUDGE_MODEL).',
    });
  }
  throw new JudgeFailedError(`no model given and the server at ${quote(sanitizeURL(provider.baseURL))} lists none`, { hint: 'Pass --model NAME (or set TERMLENS_JUDGE_MODEL).' });
}

function summaryOf(answers: JudgeAnswer[]): { summary?: string } {
  return answers[0] ? { summary: answers[0].summary } : {};
}

function sumTotals(prompts: PromptJudgment[]): JudgmentTotals {
  const all = prompts.flatMap((p) => p.samples);
  const sent = all.filter((s) => !s.cacheHit);
  const sum = (f: (u: Usage) => number) => sent.reduce((t, s) => t + (s.usage ? f(s.usage) : 0), 0);
  // Requests that never got an answer cost nothing we can know of; only answered ones need a price.
  const priced = sent.filter((s) => s.usage);
  const costKnown = priced.every((s) => s.costUsd !== null);
  return {
    requests: all.length,
    sent: sent.length,
    cacheHits: all.length - sent.length,
    failed: all.filter((s) => s.status === 'failed').length,
    promptTokens: sum((u) => u.promptTokens),
    completionTokens: sum((u) => u.completionTokens),
    totalTokens: sum((u) => u.totalTokens),
    reasoningTokens: sum((u) => u.reasoningTokens ?? 0),
    costUsd: costKnown ? Math.round(priced.reduce((t, s) => t + (s.costUsd ?? 0), 0) * 1e6) / 1e6 : null,
  };
}

/** What to do about the first failure, by its kind. */
function hintFor(prompts: PromptJudgment[], provider: ResolvedProvider): string {
  const error = prompts.flatMap((p) => p.samples).find((s) => s.error)?.error;
  const where = sanitizeURL(provider.baseURL);
  switch (error?.kind) {
    case 'connection':
      return `Check that the server at ${where} is running and reachable.`;
    case 'timeout':
      return 'The model is slow to answer: raise --timeout, send fewer frames, or use --detail low.';
    case 'http':
      if (error.httpStatus === 401 || error.httpStatus === 403) return `The server refused the key from ${provider.sources.apiKey}; check it.`;
      if (error.httpStatus === 404) return `Check the model name and that ${where} is an OpenAI-compatible /v1 endpoint.`;
      if (error.httpStatus === 400) return 'The server rejected the request; the model may not take images or JSON schemas (see the error text).';
      return 'The server kept failing; try again later.';
    case 'truncated':
      return 'Raise judge.maxTokens (--max-tokens, or maxTokens in the prompt front matter); for a reasoning model, a lower judge.reasoningEffort (--reasoning-effort) leaves more of the budget for the answer.';
    case 'refusal':
    case 'content-filter':
      return 'The model declined; try another model or prompt set.';
    default:
      return 'The model did not answer in the required JSON shape; a stronger model, or one that supports structured output, usually does.';
  }
}
