/**
 * What the judge must know about the model it asks: whether it reasons
 * (takes reasoning_effort, spends hidden tokens out of the same budget as
 * its answer) and whether it rejects a temperature. A preset's default
 * model answers from the preset table; any other model from its family's
 * name. A server that still rejects a parameter is handled when it says so
 * (see adaptive-send.ts), so a family missing here costs one 400, not a run.
 */
import { PRESETS, PROVIDERS, type DefaultModel, type ProviderName, type ResolvedProvider } from './providers.js';

export interface ModelTraits {
  reasoning: boolean;
  /** False: only the model's default temperature is accepted. */
  temperature: boolean;
  /** Release month (YYYY-MM) when the model is a preset's default. */
  released?: string;
  /** Where the traits came from. */
  source: 'preset' | 'family' | 'unknown';
}

/** Model families by name (router prefixes such as "openai/" removed), first match wins. */
const FAMILIES: ReadonlyArray<{ pattern: RegExp; reasoning: boolean; temperature: boolean }> = [
  { pattern: /^gpt-5(\.\d+)?-chat/, reasoning: false, temperature: true },
  { pattern: /^(gpt-5|o\d)/, reasoning: true, temperature: false },
  { pattern: /^gpt-(4|3\.5)/, reasoning: false, temperature: true },
  { pattern: /^gemini-(2\.5|[3-9])/, reasoning: true, temperature: true },
  { pattern: /^gemini-/, reasoning: false, temperature: true },
  // Claude 5 and later think adaptively and take no sampling parameters but the defaults.
  { pattern: /^claude-(sonnet|opus|haiku|fable|mythos)-([5-9]|\d\d)/, reasoning: true, temperature: false },
  { pattern: /^claude-/, reasoning: false, temperature: true },
  { pattern: /^(qwen3\.[5-9]|qwq|deepseek-r1|gpt-oss|magistral)|thinking/, reasoning: true, temperature: true },
];

export function traitsOf(provider: Pick<ResolvedProvider, 'provider'>, model: string): ModelTraits {
  const preset = PRESETS[provider.provider].model;
  if (preset && preset.id === model) return { reasoning: preset.reasoning, temperature: preset.temperature, released: preset.released, source: 'preset' };
  const name = model.toLowerCase().split('/').pop() ?? '';
  const family = FAMILIES.find((f) => f.pattern.test(name));
  return family ? { reasoning: family.reasoning, temperature: family.temperature, source: 'family' } : { reasoning: false, temperature: true, source: 'unknown' };
}

/** Whole months from a YYYY-MM release month to `now` (the machine's date; injected so no test depends on it). */
export function monthsSince(released: string, now: Date): number {
  const [year, month] = released.split('-').map(Number) as [number, number];
  return (now.getUTCFullYear() - year) * 12 + (now.getUTCMonth() + 1 - month);
}

/** A default is outdated after this many months. */
export const OUTDATED_AFTER_MONTHS = 12;

/**
 * One line when the model in use is a preset's default released more than
 * twelve months before `now`, else undefined. A model the user chose is
 * theirs to judge; this only warns about what termlens picked.
 */
export function outdatedDefaultLine(provider: ResolvedProvider, now: Date): string | undefined {
  const preset = PRESETS[provider.provider].model;
  if (!preset || provider.sources.model !== 'preset' || provider.model !== preset.id) return undefined;
  const age = monthsSince(preset.released, now);
  if (age <= OUTDATED_AFTER_MONTHS) return undefined;
  return `judge: the ${provider.provider} default ${preset.id} was released ${preset.released}, ${age} months ago; a newer model may judge better (pass --model or set judge.model; termlens judge --list-presets shows the defaults)`;
}

/** The preset table as text for `termlens judge --list-presets`. */
export function presetTable(now: Date): string {
  const rows = PROVIDERS.map((name: ProviderName) => {
    const p = PRESETS[name];
    const m: DefaultModel | undefined = p.model;
    const age = m ? monthsSince(m.released, now) : undefined;
    return [
      name,
      m?.id ?? '(first model the server lists)',
      m?.released ?? '-',
      m ? (m.reasoning ? 'yes' : 'no') : '-',
      age === undefined ? '-' : `${age} mo${age > OUTDATED_AFTER_MONTHS ? ' (outdated)' : ''}`,
      p.baseURL ?? '(--base-url)',
      p.keyEnv.length ? p.keyEnv.join(' or ') : '(none)',
    ];
  });
  const head = ['provider', 'default model', 'released', 'reasoning', 'age', 'base URL', 'key'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}
