/**
 * Estimated cost of a request from its token counts. Prices are list prices
 * in US dollars per million tokens for common vision models; anything not in
 * the table is "unknown" (null), never guessed. Local servers cost nothing.
 * Reasoning tokens are billed as output, so they are part of the output
 * count priced here.
 */
import type { CompletionUsage } from 'openai/resources/completions';
import type { Usage } from './types.js';

export interface Price {
  /** USD per million prompt (input) tokens. */
  input: number;
  /** USD per million completion (output) tokens. */
  output: number;
}

/** Keys are model-name prefixes; the longest matching prefix wins, so dated snapshots (gpt-4o-2024-08-06) find their family. */
export const PRICES: Readonly<Record<string, Price>> = {
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-5.4-mini': { input: 0.75, output: 4.5 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
  // Google's standard rate (it charges half until the end of 2026): an estimate errs high rather than low.
  'gemini-3.8-flash': { input: 1.5, output: 7.5 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-sonnet-5': { input: 2, output: 10 },
};

/** The price for a model name, ignoring a router's vendor prefix ("openai/gpt-4.1-mini"). */
export function priceFor(model: string): Price | undefined {
  const name = model.toLowerCase().split('/').pop() ?? '';
  let best: string | undefined;
  for (const key of Object.keys(PRICES)) {
    const matches = name === key || name.startsWith(key + '-') || name.startsWith(key + ':');
    if (matches && (!best || key.length > best.length)) best = key;
  }
  return best ? PRICES[best] : undefined;
}

/** USD for one request; 0 on a local server; null when the model's price is unknown. */
export function estimateCost(model: string, promptTokens: number, completionTokens: number, local: boolean): number | null {
  if (local) return 0;
  const price = priceFor(model);
  if (!price) return null;
  return Math.round(((promptTokens * price.input + completionTokens * price.output) / 1e6) * 1e6) / 1e6;
}

/**
 * The usage of one sample from the usage of each answer it received (a
 * retry with a larger budget adds to the first answer's). OpenAI counts
 * reasoning tokens inside completion_tokens; a server that reports them
 * beside it instead (its total_tokens then includes them, or they exceed
 * completion_tokens) has them added, so they are billed either way.
 */
export function usageOf(usages: ReadonlyArray<CompletionUsage | undefined>): Usage | undefined {
  const present = usages.filter((u): u is CompletionUsage => !!u);
  if (present.length === 0) return undefined;
  let promptTokens = 0;
  let completionTokens = 0;
  let reasoningTokens = 0;
  let reported = false;
  for (const u of present) {
    const prompt = u.prompt_tokens ?? 0;
    const completion = u.completion_tokens ?? 0;
    const reasoning = u.completion_tokens_details?.reasoning_tokens;
    const beside = !!reasoning && (reasoning > completion || u.total_tokens === prompt + completion + reasoning);
    promptTokens += prompt;
    completionTokens += completion + (beside ? reasoning : 0);
    if (reasoning !== undefined && reasoning !== null) {
      reported = true;
      reasoningTokens += reasoning;
    }
  }
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, ...(reported ? { reasoningTokens } : {}) };
}

/** Tokens of every answer a request received (reasoning included) and what they cost. */
export function usageAndCost(usages: ReadonlyArray<CompletionUsage | undefined>, model: string, local: boolean): { usage?: Usage; costUsd: number | null } {
  const u = usageOf(usages);
  if (!u) return { costUsd: local ? 0 : null };
  return { usage: u, costUsd: estimateCost(model, u.promptTokens, u.completionTokens, local) };
}
