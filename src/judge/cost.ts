/**
 * Estimated cost of a request from its token counts. Prices are list prices
 * in US dollars per million tokens for common vision models; anything not in
 * the table is "unknown" (null), never guessed. Local servers cost nothing.
 */

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
  'o4-mini': { input: 1.1, output: 4.4 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-opus-4': { input: 15, output: 75 },
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
