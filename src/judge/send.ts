/**
 * Sending one request: a timeout per attempt, retries with exponential
 * backoff that honour the server's `retry-after-ms` / `retry-after`, and
 * reading the answer so that a refusal, a truncated or a malformed answer
 * is an error, never a pass.
 *
 * Retries are done here rather than by the SDK (maxRetries: 0) so each
 * sample records how many attempts it took and why, and so the backoff base
 * can be set (the SDK's is fixed at half a second).
 */
import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { JUDGE_DEFAULTS } from './defaults.js';
import { parseAnswer, type AnswerSchema, type JudgeAnswer } from './schema.js';

export interface RetryPolicy {
  /** Retries after the first attempt. @default 3 */
  maxRetries: number;
  /** First backoff; doubles each retry. @default 500 */
  baseDelayMs: number;
  /** Longest backoff of our own. @default 20000 */
  maxDelayMs: number;
  /** A server's retry-after is obeyed up to this long; beyond it our own backoff applies. @default 60000 */
  maxHonouredWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: JUDGE_DEFAULTS.retries, baseDelayMs: 500, maxDelayMs: 20_000, maxHonouredWaitMs: 60_000 };

export type SampleErrorKind = 'http' | 'timeout' | 'connection' | 'interrupted' | 'refusal' | 'truncated' | 'content-filter' | 'malformed' | 'empty';

export interface SampleError {
  kind: SampleErrorKind;
  message: string;
  httpStatus?: number;
}

export interface RetryRecord {
  attempt: number;
  reason: string;
  waitMs: number;
}

export interface SendResult {
  completion?: ChatCompletion;
  error?: SampleError;
  attempts: number;
  retries: RetryRecord[];
  /** Time of the last attempt alone. */
  latencyMs: number;
  /** Time of all attempts and waits. */
  elapsedMs: number;
}

/** How long to wait before retry number `retry` (0 = the first retry). Pure; `random` is for jitter. */
export function retryDelayMs(retry: number, headers: Headers | undefined, policy: RetryPolicy = DEFAULT_RETRY, random: () => number = Math.random): number {
  const fromServer = serverWaitMs(headers);
  if (fromServer !== undefined && fromServer >= 0 && fromServer <= policy.maxHonouredWaitMs) return fromServer;
  const backoff = Math.min(policy.baseDelayMs * 2 ** retry, policy.maxDelayMs);
  // Up to 25% less, so many clients that failed together do not retry together.
  return Math.round(backoff * (1 - 0.25 * random()));
}

function serverWaitMs(headers: Headers | undefined): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const after = headers?.get('retry-after');
  if (!after) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(after)) return Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Rate limits, lock conflicts, server errors, timeouts and dropped connections are worth another try; 4xx answers are not. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof OpenAI.APIConnectionError) return true;
  if (!(error instanceof OpenAI.APIError) || error.status === undefined) return false;
  const hint = error.headers?.get('x-should-retry');
  if (hint === 'true') return true;
  if (hint === 'false') return false;
  return error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
}

export interface SendOptions {
  /** Per attempt. */
  timeoutMs: number;
  retry: RetryPolicy;
  /**
   * The judge's overall deadline (epoch ms): no attempt runs past it and no
   * wait starts that would end after it. @default none
   */
  deadline?: number;
  signal?: AbortSignal;
  /** Told before each wait, so the progress line can show the retry and the wait. */
  onRetry?: (retry: RetryRecord) => void;
  /** For tests of the policy; real waits otherwise. */
  sleep?: (ms: number) => Promise<void>;
}

/** The outcome of a call made through the retry policy. */
export interface Attempted<T> {
  value?: T;
  error?: SampleError;
  attempts: number;
  retries: RetryRecord[];
  latencyMs: number;
  elapsedMs: number;
}

/**
 * Make `call` under the retry policy: every request to the server (the
 * models list as much as a chat request) gets the same timeouts, retries,
 * honoured retry-after waits and overall deadline.
 */
export async function withRetries<T>(call: (timeoutMs: number) => Promise<T>, options: SendOptions): Promise<Attempted<T>> {
  const sleep = options.sleep ?? ((ms: number) => abortableSleep(ms, options.signal));
  const retries: RetryRecord[] = [];
  const started = performance.now();
  const left = () => (options.deadline === undefined ? Infinity : options.deadline - Date.now());
  const deadlineError = (): SampleError => ({ kind: 'timeout', message: `the judge's overall deadline passed after ${Math.round((performance.now() - started) / 1000)} s` });
  for (let attempt = 1; ; attempt++) {
    const attemptStart = performance.now();
    const timeoutMs = Math.min(options.timeoutMs, left());
    if (timeoutMs <= 0) return { error: deadlineError(), attempts: attempt - 1, retries, latencyMs: 0, elapsedMs: ms(performance.now() - started) };
    try {
      const value = await call(timeoutMs);
      return { value, attempts: attempt, retries, latencyMs: ms(performance.now() - attemptStart), elapsedMs: ms(performance.now() - started) };
    } catch (error) {
      const cutByDeadline = timeoutMs < options.timeoutMs && error instanceof OpenAI.APIConnectionTimeoutError;
      const sampleError = cutByDeadline ? deadlineError() : describeError(error, options.timeoutMs);
      const end = { attempts: attempt, retries, latencyMs: ms(performance.now() - attemptStart), elapsedMs: ms(performance.now() - started) };
      if (cutByDeadline || attempt > options.retry.maxRetries || !isRetryable(error) || options.signal?.aborted) return { error: sampleError, ...end };
      const headers = error instanceof OpenAI.APIError ? (error.headers as Headers | undefined) : undefined;
      const waitMs = retryDelayMs(attempt - 1, headers, options.retry);
      if (waitMs >= left()) return { error: { ...sampleError, message: `${sampleError.message}; no time left before the judge's overall deadline to retry` }, ...end };
      const record = { attempt, reason: sampleError.message, waitMs };
      retries.push(record);
      options.onRetry?.(record);
      await sleep(waitMs);
    }
  }
}

/** Why a request got no answer; a server that answers with an empty body gives no error of its own, so that is said here. */
export function failureOf(sent: Pick<SendResult, 'error'>): SampleError {
  return sent.error ?? { kind: 'empty', message: 'the server answered with an empty body' };
}

export async function sendRequest(client: OpenAI, body: ChatCompletionCreateParamsNonStreaming, options: SendOptions): Promise<SendResult> {
  const { value, ...rest } = await withRetries((timeout) => withOwnSignal(options.signal, (signal) => client.chat.completions.create(body, { timeout, maxRetries: 0, signal })), options);
  return { ...(value ? { completion: value } : {}), ...rest };
}

/**
 * Runs one request with a signal of its own that follows the run's: the SDK
 * leaves its abort listener on the signal it is given, so a run of hundreds of
 * requests sharing one signal would pile them up (and Node warns at 11).
 */
async function withOwnSignal<T>(parent: AbortSignal | undefined, request: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  if (!parent) return request(undefined);
  const own = new AbortController();
  const onAbort = () => own.abort(parent.reason);
  if (parent.aborted) own.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  try {
    return await request(own.signal);
  } finally {
    parent.removeEventListener('abort', onAbort);
  }
}

/** The server's /models, through the same retry policy as every other request. */
export async function listModels(client: OpenAI, options: SendOptions): Promise<Attempted<string[]>> {
  return withRetries(async (timeout) => (await withOwnSignal(options.signal, (signal) => client.models.list({ timeout, maxRetries: 0, signal }))).data.map((m) => m.id), options);
}

/** "retry 1 of 3 in 1.0 s: the server answered 429 …", for progress lines. */
export function describeRetry(retry: RetryRecord, policy: RetryPolicy): string {
  return `retry ${retry.attempt} of ${policy.maxRetries} in ${(retry.waitMs / 1000).toFixed(1)} s: ${retry.reason}`;
}

function describeError(error: unknown, timeoutMs: number): SampleError {
  if (error instanceof OpenAI.APIUserAbortError) return { kind: 'interrupted', message: 'the request was interrupted' };
  if (error instanceof OpenAI.APIConnectionTimeoutError) return { kind: 'timeout', message: `the request timed out after ${timeoutMs / 1000} s` };
  if (error instanceof OpenAI.APIConnectionError) {
    return { kind: 'connection', message: `could not reach the server${causeText(error.cause)}` };
  }
  if (error instanceof OpenAI.APIError) return { kind: 'http', message: `the server answered ${error.message}`, httpStatus: error.status };
  return { kind: 'connection', message: error instanceof Error ? error.message : String(error) };
}

export interface Interpretation {
  /** The model's text, kept whatever happened. */
  raw: string | null;
  refusal?: string;
  finishReason?: string;
  parsed?: JudgeAnswer;
  error?: SampleError;
}

/** Read a completion strictly: refused, cut short, filtered, empty or off-schema answers are errors. */
export function interpretCompletion(completion: ChatCompletion, schema: AnswerSchema): Interpretation {
  const choice = completion.choices?.[0];
  const raw = choice?.message?.content ?? null;
  const finishReason = choice?.finish_reason ?? undefined;
  const base = { raw, ...(finishReason ? { finishReason } : {}) };
  const refusal = choice?.message?.refusal;
  if (!choice) return { ...base, error: { kind: 'empty', message: 'the answer has no choices' } };
  if (refusal) return { ...base, refusal, error: { kind: 'refusal', message: `the model refused: ${refusal.slice(0, 200)}` } };
  if (finishReason === 'length') {
    return { ...base, error: { kind: 'truncated', message: 'the answer was cut off at the token limit (finish_reason "length"); raise maxTokens' } };
  }
  if (finishReason === 'content_filter') return { ...base, error: { kind: 'content-filter', message: 'the answer was withheld by a content filter' } };
  if (!raw || !raw.trim()) return { ...base, error: { kind: 'empty', message: 'the answer is empty' } };
  const parsed = parseAnswer(raw, schema);
  if (!parsed.ok) return { ...base, error: { kind: 'malformed', message: parsed.message } };
  return { ...base, parsed: parsed.value };
}

const ms = (x: number) => Math.round(x);

function abortableSleep(delay: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    // The listener goes when the wait ends, so a long run with one signal does not pile them up.
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delay);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** fetch hides the useful part (ECONNREFUSED, ENOTFOUND) a level or two down the cause chain. */
function causeText(cause: unknown): string {
  const parts: string[] = [];
  for (let c = cause, depth = 0; c instanceof Error && depth < 4; c = c.cause, depth++) {
    const code = (c as { code?: unknown }).code;
    parts.push(typeof code === 'string' && !c.message.includes(code) ? `${c.message} (${code})` : c.message);
  }
  return parts.length ? `: ${parts.join(': ')}` : '';
}
