/**
 * Sending a request to a model whose quirks are not all known in advance.
 *
 * - A 400 that names `temperature`, `reasoning_effort`, `max_tokens` or
 *   `max_completion_tokens` as unsupported is answered by dropping (or
 *   renaming) that parameter and asking once more, not by failing the run.
 *   The change is remembered for the rest of the run, so later requests do
 *   not spend a 400 each, and recorded with every sample it applied to.
 * - A reasoning model that spends its whole budget thinking returns empty
 *   content with finish_reason "length". That is asked once more with
 *   double the budget; if it happens again it is a clear error that names
 *   the budget and what to change, never a pass.
 */
import type OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { REASONING_EFFORTS } from './model-params.js';
import type { AnswerSchema } from './schema.js';
import { interpretCompletion, sendRequest, type Interpretation, type SendOptions, type SendResult } from './send.js';

export interface ParamAdjustment {
  param: 'temperature' | 'reasoning_effort' | 'max_tokens' | 'max_completion_tokens';
  action: 'dropped' | 'renamed' | 'changed' | 'raised';
  /** renamed: the field now used; changed: the value now sent; raised: the new budget. */
  to?: string | number;
  /** raised: the budget that was spent. */
  from?: number;
  /** Why, in words (for a rejection: the server's own message). */
  reason: string;
  /** Applied because an earlier request of this run was rejected, without spending a 400 on this one. */
  learned?: boolean;
}

type Body = ChatCompletionCreateParamsNonStreaming;
type Field = Record<string, unknown>;

/** What a rejection names, and what to do about it. Only parameters the request carries are changed. */
const FIXES: ReadonlyArray<{ param: ParamAdjustment['param']; action: 'dropped' | 'renamed'; to?: ParamAdjustment['param'] }> = [
  { param: 'temperature', action: 'dropped' },
  { param: 'reasoning_effort', action: 'dropped' },
  { param: 'max_tokens', action: 'renamed', to: 'max_completion_tokens' },
  { param: 'max_completion_tokens', action: 'renamed', to: 'max_tokens' },
];

/** Wording servers use when a parameter is not accepted (as opposed to, say, a value that is too large). */
const REJECTED = /unsupported|not supported|does not support|unrecognized|unknown|not allowed|not permitted|extra (inputs|fields)|invalid (parameter|argument)|only the default/i;

/** Parameter changes learned during one run, shared by its requests. */
export class ParamAdapter {
  private readonly learned = new Map<string, ParamAdjustment>();

  /** The body with every change learned so far applied, and those changes. */
  apply(body: Body): { body: Body; applied: ParamAdjustment[] } {
    let current = body;
    const applied: ParamAdjustment[] = [];
    for (const fix of this.learned.values()) {
      if (!(fix.param in current)) continue;
      current = applyFix(current, fix);
      applied.push({ ...fix, learned: true });
    }
    return { body: current, applied };
  }

  learn(fix: ParamAdjustment): void {
    if (fix.action !== 'raised') this.learned.set(fix.param, fix);
  }

  /** One line per distinct change, for judgments.json. */
  summary(): string[] {
    return [...this.learned.values()].map(describeAdjustment);
  }
}

export function describeAdjustment(a: ParamAdjustment): string {
  if (a.action === 'dropped') return `${a.param} dropped: ${a.reason}`;
  if (a.action === 'renamed') return `${a.param} renamed to ${a.to}: ${a.reason}`;
  if (a.action === 'changed') return `${a.param} changed to ${a.to}: ${a.reason}`;
  return `${a.param} raised from ${a.from} to ${a.to}: ${a.reason}`;
}

/** The change a 400 asks for, if it names a parameter this request carries and that was not changed already. */
export function fixFor(message: string, body: Body, tried: ReadonlySet<string>): ParamAdjustment | undefined {
  if (!REJECTED.test(message)) return undefined;
  const reason = message.replace(/^the server answered\s*/, '').slice(0, 300);
  for (const f of FIXES) {
    if (tried.has(f.param) || !(f.param in body) || !new RegExp(`\\b${f.param}\\b`).test(message)) continue;
    if (f.param === 'reasoning_effort') {
      const effort = supportedEffort(message, (body as unknown as Field).reasoning_effort);
      if (effort) return { param: f.param, action: 'changed', to: effort, reason };
    }
    return { param: f.param, action: f.action, ...(f.to ? { to: f.to } : {}), reason };
  }
  return undefined;
}

/**
 * When a server refuses one effort and lists those it takes (OpenAI: "does
 * not support 'minimal' … Supported values are: 'none', 'low', …"), the
 * nearest it takes at or below the one asked for, so "less reasoning" never
 * turns into the model's (higher) default by dropping the field.
 */
function supportedEffort(message: string, asked: unknown): string | undefined {
  const order = REASONING_EFFORTS as readonly string[];
  const listed = [...message.matchAll(/'([a-z]+)'/g)].map((m) => m[1]!).filter((v) => order.includes(v) && v !== asked);
  if (listed.length === 0 || typeof asked !== 'string' || !order.includes(asked)) return undefined;
  const rank = order.indexOf(asked);
  const below = listed.filter((v) => order.indexOf(v) < rank).sort((a, b) => order.indexOf(b) - order.indexOf(a));
  const above = listed.filter((v) => order.indexOf(v) > rank).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return below[0] ?? above[0];
}

function applyFix(body: Body, fix: ParamAdjustment): Body {
  const { [fix.param]: value, ...rest } = body as unknown as Field;
  const next: Field = fix.action === 'renamed' ? { ...rest, [fix.to as string]: value } : fix.action === 'changed' ? { ...rest, [fix.param]: fix.to } : rest;
  return next as unknown as Body;
}

/** Empty content cut off at the token limit: the budget went to hidden reasoning. */
export function spentOnReasoning(completion: ChatCompletion): boolean {
  const choice = completion.choices?.[0];
  return choice?.finish_reason === 'length' && !choice.message?.refusal && !(choice.message?.content ?? '').trim();
}

function budgetOf(body: Body): { param: 'max_tokens' | 'max_completion_tokens'; value: number } | undefined {
  const b = body as unknown as Field;
  for (const param of ['max_completion_tokens', 'max_tokens'] as const) {
    if (typeof b[param] === 'number') return { param, value: b[param] as number };
  }
  return undefined;
}

export interface AdaptiveResult extends SendResult {
  /** The body as last sent. */
  body: Body;
  adjustments: ParamAdjustment[];
  /** Usage of answers set aside (a budget spent on reasoning): billed all the same. */
  setAside: Array<CompletionUsage | undefined>;
}

export async function sendAdapting(client: OpenAI, body: Body, options: SendOptions, adapter: ParamAdapter): Promise<AdaptiveResult> {
  const start = adapter.apply(body);
  let current = start.body;
  const adjustments = [...start.applied];
  const tried = new Set<string>(adjustments.map((a) => a.param));
  const setAside: AdaptiveResult['setAside'] = [];
  let attempts = 0;
  let elapsedMs = 0;
  const retries: SendResult['retries'] = [];
  for (;;) {
    const sent = await sendRequest(client, current, options);
    attempts += sent.attempts;
    elapsedMs += sent.elapsedMs;
    retries.push(...sent.retries);
    const result = (): AdaptiveResult => ({ ...sent, attempts, elapsedMs, retries, body: current, adjustments, setAside });
    if (options.signal?.aborted) return result();
    if (sent.error?.kind === 'http' && sent.error.httpStatus === 400) {
      const fix = fixFor(sent.error.message, current, tried);
      if (!fix) return result();
      tried.add(fix.param);
      adapter.learn(fix);
      adjustments.push(fix);
      current = applyFix(current, fix);
      continue;
    }
    const lost = sent.completion && spentOnReasoning(sent.completion) ? sent.completion : undefined;
    const budget = lost ? budgetOf(current) : undefined;
    if (lost && budget && !tried.has('budget')) {
      tried.add('budget');
      setAside.push(lost.usage);
      const to = budget.value * 2;
      adjustments.push({ param: budget.param, action: 'raised', from: budget.value, to, reason: `the model spent its ${budget.value}-token budget on reasoning and returned no answer; asked once more with double the budget` });
      current = { ...current, [budget.param]: to } as Body;
      continue;
    }
    return result();
  }
}

/** interpretCompletion, except that an answer lost to reasoning says which budget it spent and what to change. */
export function interpretAdaptive(completion: ChatCompletion, schema: AnswerSchema, adjustments: readonly ParamAdjustment[]): Interpretation {
  const interp = interpretCompletion(completion, schema);
  if (!spentOnReasoning(completion)) return interp;
  return { ...interp, error: { kind: 'truncated', message: reasoningBudgetMessage(adjustments) } };
}

/** The error for an answer lost to reasoning, naming the budgets spent (from the sample's adjustments). */
export function reasoningBudgetMessage(adjustments: readonly ParamAdjustment[]): string {
  const raised = adjustments.find((a) => a.action === 'raised');
  const spent = raised ? `its ${raised.from}-token budget on reasoning, and ${raised.to} tokens on a retry,` : 'its whole budget on reasoning';
  return `the model spent ${spent} without answering; raise judge.maxTokens or lower judge.reasoningEffort`;
}
