/**
 * One sample of one prompt: from the cache when an earlier run got a parsed
 * answer to the same request, otherwise sent (adapting parameters the server
 * rejects) and cached when it parsed. judgeRun (run.ts) asks every prompt × sample.
 */
import type OpenAI from 'openai';
import { interpretAdaptive, type ParamAdapter, sendAdapting } from './adaptive-send.js';
import { readCache, writeCache } from './cache.js';
import { usageAndCost } from './cost.js';
import type { PromptPlan } from './plan.js';
import type { ResolvedProvider } from './providers.js';
import { requestHash } from './request.js';
import { failureOf, interpretCompletion, type SendOptions } from './send.js';
import type { SampleRecord } from './types.js';

/** What every sample of one judging shares. */
export interface SampleAsker {
  client: OpenAI;
  model: string;
  provider: ResolvedProvider;
  /** The server's address without credentials; part of the cache key. */
  baseURL: string;
  /** Where answers are cached; undefined when the cache is off. */
  cacheDir: string | undefined;
  secrets: readonly string[];
  clean: (text: string) => string;
  adapter: ParamAdapter;
  send: (prompt: string, sample: number) => SendOptions;
}

export async function askSample(asker: SampleAsker, plan: PromptPlan, sample: number): Promise<SampleRecord> {
  const { model, provider, cacheDir, clean } = asker;
  const hash = requestHash(plan.body, { baseURL: asker.baseURL, sample });
  const base = { sample, requestHash: hash };
  const cached = cacheDir !== undefined ? await readCache(cacheDir, hash) : undefined;
  const interpCached = cached ? interpretCompletion(cached.completion, plan.schema) : undefined;
  if (cached && interpCached?.parsed) {
    return ordered({ ...base, status: 'ok', cacheHit: true, ...answerFields(interpCached, clean), ...usageAndCost([cached.completion.usage], model, provider.local), latencyMs: cached.latencyMs, attempts: 0, retries: [] });
  }
  const sent = await sendAdapting(asker.client, plan.body, asker.send(plan.record.name, sample), asker.adapter);
  const common = {
    ...base,
    cacheHit: false,
    latencyMs: sent.latencyMs,
    attempts: sent.attempts,
    retries: sent.retries.map((r) => ({ ...r, reason: clean(r.reason) })),
    ...(sent.adjustments.length ? { adjustments: sent.adjustments.map((a) => ({ ...a, reason: clean(a.reason) })) } : {}),
  };
  if (!sent.completion) {
    const spent = usageAndCost(sent.setAside, model, provider.local);
    const error = failureOf(sent);
    return ordered({ ...common, status: 'failed', raw: null, error: { ...error, message: clean(error.message) }, ...(spent.usage ? spent : { costUsd: null }) });
  }
  const interp = interpretAdaptive(sent.completion, plan.schema, sent.adjustments);
  const record: SampleRecord = { ...common, status: interp.parsed ? 'ok' : 'failed', ...answerFields(interp, clean), ...usageAndCost([...sent.setAside, sent.completion.usage], model, provider.local) };
  if (interp.parsed && cacheDir !== undefined) {
    await writeCache(cacheDir, { schemaVersion: 1, hash, model, createdAt: new Date().toISOString(), completion: sent.completion, latencyMs: sent.latencyMs }, asker.secrets);
  }
  return ordered(record);
}

function answerFields(interp: ReturnType<typeof interpretCompletion>, clean: (s: string) => string) {
  return {
    raw: interp.raw === null ? null : clean(interp.raw),
    ...(interp.refusal ? { refusal: clean(interp.refusal) } : {}),
    ...(interp.finishReason ? { finishReason: interp.finishReason } : {}),
    ...(interp.parsed ? { parsed: interp.parsed } : {}),
    ...(interp.error ? { error: { ...interp.error, message: clean(interp.error.message) } } : {}),
  };
}

/** Fields in the order a person reading judgments.json wants them: outcome first, the long texts last. */
function ordered(r: SampleRecord): SampleRecord {
  const { sample, status, cacheHit, requestHash: hash, attempts, latencyMs, retries, adjustments, error, refusal, finishReason, usage, costUsd, raw, parsed } = r;
  return {
    sample,
    status,
    cacheHit,
    requestHash: hash,
    attempts,
    latencyMs,
    retries,
    ...(adjustments ? { adjustments } : {}),
    ...(error ? { error } : {}),
    ...(refusal ? { refusal } : {}),
    ...(finishReason ? { finishReason } : {}),
    ...(usage ? { usage } : {}),
    costUsd,
    raw,
    ...(parsed ? { parsed } : {}),
  };
}
