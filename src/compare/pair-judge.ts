/**
 * `--judge-pair`: the vision model sees baseline and current frames side by
 * side and says, per criterion, which side is better. It is asked twice,
 * with the sides swapped; only a verdict that names the same run both times
 * counts, which cancels the position bias models are known to have.
 */
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionContentPart, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { TermlensError, quote } from '../errors/index.js';
import {
  DEFAULT_RETRY,
  ParamAdapter,
  extractJson,
  usageAndCost,
  modelParams,
  paramFields,
  reasoningBudgetMessage,
  redactSecrets,
  sanitizeURL,
  failureOf,
  sendAdapting,
  spentOnReasoning,
  traitsOf,
  type ModelParams,
  type ParamAdjustment,
  type ReasoningEffort,
  type ResolvedProvider,
  type Usage,
} from '../judge/index.js';
import { CRITERIA, CRITERION_TITLES, type CriterionKey } from '../criteria.js';
import { sideBySideImages, type PairOrderName } from './side-by-side.js';
import { COMPARE_DEFAULTS } from './defaults.js';

export type Side = 'left' | 'right' | 'same';
export type Preference = 'baseline' | 'current' | 'same';
/** What survives the swap: the run preferred both times, or `inconsistent` when the two answers disagree. */
export type PairVerdict = Preference | 'inconsistent';

export interface PairAnswer {
  criteria: Record<CriterionKey, { reasoning: string; better: Side }>;
  summary: string;
}

export interface PairOrder {
  order: PairOrderName;
  /** The model's text exactly as received (secrets masked). */
  raw: string | null;
  answer: PairAnswer;
  /** Parameters the server rejected and how they were changed, or a budget raised after the model spent it on reasoning. */
  adjustments?: ParamAdjustment[];
  /** As the server reported it; absent when it reported none. */
  usage?: Usage;
  /** Estimated USD; null when the model's price is unknown. */
  costUsd: number | null;
}

export interface PairJudgement {
  provider: string;
  model: string;
  baseURL: string;
  /** Labels of the aligned moments shown, in order. */
  moments: string[];
  orders: [PairOrder, PairOrder];
  criteria: Record<CriterionKey, { first: Preference; second: Preference; verdict: PairVerdict }>;
}

export interface PairJudgeOptions {
  provider: ResolvedProvider;
  pairs: ReadonlyArray<{ label: string; baselineFile: string; currentFile: string }>;
  /** Side-by-side images are written here. */
  outDir: string;
  /** Most moments shown, evenly chosen (the final screen always among them). @default 6 */
  maxPairs?: number;
  /** Per attempt. @default 120000 */
  timeoutMs?: number;
  /** Token budget, reasoning and answer together. @default 16384 for reasoning models, else 8192 */
  maxTokens?: number;
  /** @default 'low' for reasoning models, not sent to others */
  reasoningEffort?: ReasoningEffort;
  signal?: AbortSignal;
}

const SCHEMA_NAME = 'termlens_pair_judgment';
const DESCRIPTIONS: Record<CriterionKey, string> = {
  visualClarity: 'text is easy to read: contrast, no stray escape codes or garbage, a calm palette',
  informationOrganization: 'layout and hierarchy: aligned columns and panels, nothing cut off or wrapped wrongly, sensible density',
  statusIndicators: 'the state of each part is visible at a glance: icons, colours, spinners, progress',
  userExperience: 'the display as a whole is pleasant to follow: steady, responsive, no flicker, errors stand out',
};

export function pairSchema() {
  const criterion = z.object({
    reasoning: z.string().describe('what differs between the two sides for this criterion, before deciding'),
    better: z.enum(['left', 'right', 'same']).describe('the side that is better for this criterion, or same when neither is clearly better'),
  });
  return z.object({
    criteria: z.object(Object.fromEntries(CRITERIA.map((k) => [k, criterion])) as Record<CriterionKey, typeof criterion>),
    summary: z.string().describe('one or two sentences on what changed'),
  });
}

/** The prompt text; the schema is appended as a ```json block for servers that ignore response_format. */
export function pairPrompt(momentCount: number, schemaInPrompt?: Record<string, unknown>): string {
  const lines = [
    `Each of the ${momentCount} image(s) shows the same moment of two versions of a terminal program's display side by side: one version on the LEFT half, the other on the RIGHT half, separated by a grey bar.`,
    'Judge the two versions against each criterion below, using every image, and say which side is better: "left", "right", or "same" when neither is clearly better. Small differences in streamed text are not a reason to prefer a side.',
    '',
    ...CRITERIA.map((k) => `- ${k} (${CRITERION_TITLES[k]}): ${DESCRIPTIONS[k]}`),
  ];
  if (schemaInPrompt) lines.push('', 'Answer with JSON only, matching this schema:', '```json', JSON.stringify(schemaInPrompt, null, 2), '```');
  return lines.join('\n');
}

/** Map a side to the run it shows in a given order. */
export function preferenceOf(side: Side, order: PairOrder['order']): Preference {
  if (side === 'same') return 'same';
  const leftIsBaseline = order === 'baseline-left';
  return (side === 'left') === leftIsBaseline ? 'baseline' : 'current';
}

/** Only a preference named in both orders survives. */
export function verdictOf(first: Preference, second: Preference): PairVerdict {
  return first === second ? first : 'inconsistent';
}

/** Evenly chosen indices from n, the last always included. */
export function spreadPick(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.round(((n - 1) * (i + 1)) / max));
}

export async function judgePair(options: PairJudgeOptions): Promise<PairJudgement> {
  const { provider } = options;
  if (options.pairs.length === 0) {
    throw new TermlensError('there are no aligned frames to show the model', { code: 'bad-input', stage: 'compare', hint: 'Both report folders need session.mp4 for --judge-pair.' });
  }
  const chosen = spreadPick(options.pairs.length, options.maxPairs ?? COMPARE_DEFAULTS.pairFrames).map((i) => options.pairs[i]!);
  const images = await sideBySideImages(chosen, options.outDir);
  const asking = await startAsking(options, chosen.length, images);
  // One after the other: the two orders are one question, and servers that rate-limit get one request at a time.
  const first = await askOneOrder(asking, 'baseline-left');
  const second = await askOneOrder(asking, 'current-left');
  return { provider: provider.provider, model: asking.model, baseURL: sanitizeURL(provider.baseURL), moments: chosen.map((p) => p.label), orders: [first, second], criteria: verdictsOf(first, second) };
}

/** What both questions share: the client, the model, the answer's schema and the request's parameters. */
interface PairAsking {
  provider: ResolvedProvider;
  client: OpenAI;
  model: string;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  schema: ReturnType<typeof pairSchema>;
  format: { type: 'json_schema'; json_schema: { schema: Record<string, unknown> } };
  params: ModelParams;
  /** Parameter fixes learnt on the first question, kept for the second. */
  adapter: ParamAdapter;
  momentCount: number;
  images: Record<PairOrderName, string[]>;
  /** Masks the API key in anything kept or shown. */
  clean: (s: string) => string;
}

async function startAsking(options: PairJudgeOptions, momentCount: number, images: PairAsking['images']): Promise<PairAsking> {
  const { provider } = options;
  const clean = (s: string) => redactSecrets(s, [provider.apiKey]);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const client = new OpenAI({ apiKey: provider.apiKey, baseURL: provider.baseURL, defaultHeaders: provider.headers, maxRetries: 0, timeout: timeoutMs });
  const model = provider.model ?? (await firstModel(client, provider, clean));
  const schema = pairSchema();
  const format = JSON.parse(JSON.stringify(zodResponseFormat(schema, SCHEMA_NAME))) as PairAsking['format'];
  // The same budget, reasoning effort and parameter fixes as the judge stage, so a reasoning model is asked the same way here.
  const params = modelParams(model, traitsOf(provider, model), { maxTokens: options.maxTokens, reasoningEffort: options.reasoningEffort }, provider.maxTokensParam);
  return { provider, client, model, timeoutMs, signal: options.signal, schema, format, params, adapter: new ParamAdapter(), momentCount, images, clean };
}

function requestBody(asking: PairAsking, order: PairOrder['order']): ChatCompletionCreateParamsNonStreaming {
  const { provider } = asking;
  const content: ChatCompletionContentPart[] = [
    { type: 'text', text: pairPrompt(asking.momentCount, provider.supportsJsonSchema ? undefined : asking.format.json_schema.schema) },
    ...asking.images[order].map((url): ChatCompletionContentPart => ({ type: 'image_url', image_url: { url, ...(provider.supportsDetail ? { detail: 'high' as const } : {}) } })),
  ];
  return {
    model: asking.model,
    messages: [
      { role: 'system', content: 'You are a careful reviewer of terminal user interfaces. You compare two versions of the same display and answer in the JSON schema given.' },
      { role: 'user', content },
    ],
    ...paramFields(asking.params),
    ...(provider.supportsJsonSchema ? { response_format: asking.format } : {}),
  } as ChatCompletionCreateParamsNonStreaming;
}

async function askOneOrder(asking: PairAsking, order: PairOrder['order']): Promise<PairOrder> {
  const { clean } = asking;
  const sent = await sendAdapting(asking.client, requestBody(asking, order), { timeoutMs: asking.timeoutMs, retry: DEFAULT_RETRY, signal: asking.signal }, asking.adapter);
  const adjustments = sent.adjustments.length ? { adjustments: sent.adjustments.map((a) => ({ ...a, reason: clean(a.reason) })) } : {};
  if (!sent.completion) throw pairFailed(clean, `the pair judge's request (${order}) failed: ${clean(failureOf(sent).message)}`, null);
  const raw = sent.completion.choices?.[0]?.message?.content ?? null;
  const answer = answerOf(asking, sent, order);
  // Answers set aside for a spent budget are billed too.
  const { usage, costUsd } = usageAndCost([...sent.setAside, sent.completion.usage], asking.model, asking.provider.local);
  return { order, raw: raw === null ? null : clean(raw), answer, ...adjustments, ...(usage ? { usage } : {}), costUsd };
}

/** The model's answer, checked: not refused, not cut off, not spent on reasoning, and matching the schema. */
function answerOf(asking: PairAsking, sent: Awaited<ReturnType<typeof sendAdapting>>, order: PairOrder['order']): PairAnswer {
  const { clean } = asking;
  const choice = sent.completion?.choices?.[0];
  const raw = choice?.message?.content ?? null;
  if (choice?.message?.refusal) throw pairFailed(clean, `the model refused the pair comparison: ${clean(choice.message.refusal).slice(0, 200)}`, raw);
  if (sent.completion && spentOnReasoning(sent.completion)) throw pairFailed(clean, `the pair judge: ${reasoningBudgetMessage(sent.adjustments)}`, raw);
  if (choice?.finish_reason === 'length') throw pairFailed(clean, 'the pair judge answer was cut off at the token limit', raw);
  const json = raw ? extractJson(raw) : undefined;
  let data: unknown;
  try {
    data = json === undefined ? undefined : JSON.parse(json);
  } catch {
    data = undefined;
  }
  const parsed = asking.schema.safeParse(data);
  if (!parsed.success) throw pairFailed(clean, `the pair judge answer (${order}) does not match the schema`, raw);
  return parsed.data as PairAnswer;
}

function pairFailed(clean: (s: string) => string, message: string, raw: string | null): TermlensError {
  return new TermlensError(raw ? `${message}; the raw answer began: ${clean(raw).slice(0, 300)}` : message, {
    code: 'judge-failed',
    stage: 'compare',
    hint: 'Check the model supports images and JSON answers, or run compare without --judge-pair.',
  });
}

/** Per criterion, the run each order preferred, and the verdict that survives the swap. */
function verdictsOf(first: PairOrder, second: PairOrder): PairJudgement['criteria'] {
  return Object.fromEntries(
    CRITERIA.map((k) => {
      const a = preferenceOf(first.answer.criteria[k].better, first.order);
      const b = preferenceOf(second.answer.criteria[k].better, second.order);
      return [k, { first: a, second: b, verdict: verdictOf(a, b) }];
    }),
  ) as PairJudgement['criteria'];
}

async function firstModel(client: OpenAI, provider: ResolvedProvider, clean: (s: string) => string): Promise<string> {
  try {
    const page = await client.models.list();
    const id = page.data[0]?.id;
    if (id) return id;
  } catch (cause) {
    throw new TermlensError(clean(`no model given and the server at ${quote(sanitizeURL(provider.baseURL))} did not list any: ${(cause as Error).message}`), {
      code: 'judge-failed',
      stage: 'compare',
      hint: 'Pass --model NAME (or set TERMLENS_JUDGE_MODEL).',
    });
  }
  throw new TermlensError(`no model given and the server at ${quote(sanitizeURL(provider.baseURL))} lists none`, { code: 'judge-failed', stage: 'compare', hint: 'Pass --model NAME.' });
}
