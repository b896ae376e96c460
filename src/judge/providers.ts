/**
 * Where the vision model lives. Every provider is an OpenAI-compatible
 * endpoint; a provider is a preset of defaults and quirks, not a subclass.
 * One resolver decides each field: flag, then config file, then
 * environment, then the preset's default.
 */
import { TermlensError, quote, suggestName } from '../errors/index.js';
import { NO_KEY, sanitizeURL } from '../redact.js';

export const PROVIDERS = ['openai', 'gemini', 'openrouter', 'ollama', 'vllm', 'lmstudio', 'anthropic', 'custom'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export interface ProviderPreset {
  /** Undefined for `custom`: the user must give one. */
  baseURL?: string;
  /** Environment variables that may hold the key, first set wins. */
  keyEnv: string[];
  /** Hosted services refuse requests without a key; local servers do not ask for one. */
  needsKey: boolean;
  /** Undefined: ask the server's /models and take the first (a vLLM server usually serves exactly one). */
  model?: DefaultModel;
  /** Whether an image part may carry `detail` (vLLM rejects it). */
  supportsDetail: boolean;
  /** Whether `response_format: json_schema` is honoured (Anthropic's compat layer ignores it). */
  supportsJsonSchema: boolean;
  /** OpenAI's newer models refuse `max_tokens`; most compatible servers only know `max_tokens`. */
  maxTokensParam: 'max_completion_tokens' | 'max_tokens';
  /** Runs on the user's machine: costs nothing per token. (A custom localhost URL may be a proxy to a paid service, so only presets say this.) */
  local: boolean;
  headers?: Record<string, string>;
}

/**
 * A preset's default model. The presets below are the one table of
 * defaults: each names the provider's current mid-tier vision model, the
 * month the provider released it (from the provider's own model pages) and
 * how it must be asked. `termlens judge --list-presets` prints this table,
 * and the judge says so when the default in use has grown old.
 */
export interface DefaultModel {
  id: string;
  /** Release month, YYYY-MM. */
  released: string;
  /** Thinks before answering: takes reasoning_effort, bills its reasoning tokens as output, and needs a budget with room for both. */
  reasoning: boolean;
  /** False: the model accepts only its default temperature, so none is ever sent. */
  temperature: boolean;
}

/** Handler table keyed by the union, so a new provider cannot lack a preset. */
export const PRESETS: Record<ProviderName, ProviderPreset> = {
  openai: { baseURL: 'https://api.openai.com/v1', keyEnv: ['OPENAI_API_KEY'], needsKey: true, model: { id: 'gpt-5.4-mini', released: '2026-03', reasoning: true, temperature: false }, supportsDetail: true, supportsJsonSchema: true, maxTokensParam: 'max_completion_tokens', local: false },
  gemini: { baseURL: 'https://generativelanguage.googleapis.com/v1beta/openai/', keyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'], needsKey: true, model: { id: 'gemini-3.8-flash', released: '2026-09', reasoning: true, temperature: true }, supportsDetail: false, supportsJsonSchema: true, maxTokensParam: 'max_tokens', local: false },
  openrouter: { baseURL: 'https://openrouter.ai/api/v1', keyEnv: ['OPENROUTER_API_KEY'], needsKey: true, model: { id: 'openai/gpt-5.4-mini', released: '2026-03', reasoning: true, temperature: false }, supportsDetail: true, supportsJsonSchema: true, maxTokensParam: 'max_tokens', local: false, headers: { 'X-Title': 'termlens' } },
  // Ollama takes images only as base64 data URLs, which is all termlens sends. Qwen3.5 sees images natively and thinks by default.
  ollama: { baseURL: 'http://localhost:11434/v1', keyEnv: [], needsKey: false, model: { id: 'qwen3.5', released: '2026-02', reasoning: true, temperature: true }, supportsDetail: true, supportsJsonSchema: true, maxTokensParam: 'max_tokens', local: true },
  vllm: { baseURL: 'http://localhost:8000/v1', keyEnv: ['VLLM_API_KEY'], needsKey: false, supportsDetail: false, supportsJsonSchema: true, maxTokensParam: 'max_tokens', local: true },
  // LM Studio accepts `json_schema` but not `json_object`; termlens only sends the former.
  lmstudio: { baseURL: 'http://localhost:1234/v1', keyEnv: [], needsKey: false, supportsDetail: true, supportsJsonSchema: true, maxTokensParam: 'max_tokens', local: true },
  // The compatibility layer ignores reasoning_effort (Claude's adaptive thinking decides) and Sonnet 5 and later take no temperature but the default.
  anthropic: { baseURL: 'https://api.anthropic.com/v1/', keyEnv: ['ANTHROPIC_API_KEY'], needsKey: true, model: { id: 'claude-sonnet-5-5', released: '2026-09', reasoning: true, temperature: false }, supportsDetail: false, supportsJsonSchema: false, maxTokensParam: 'max_tokens', local: false },
  custom: { keyEnv: ['OPENAI_API_KEY'], needsKey: false, supportsDetail: true, supportsJsonSchema: true, maxTokensParam: 'max_tokens', local: false },
};

export { NO_KEY };

/** What command-line flags can set (never a key: keys come from the environment). */
export interface ProviderFlags {
  provider?: string;
  model?: string;
  baseURL?: string;
}

/** The `judge` part of a config file. */
export interface JudgeProviderConfig {
  provider?: string;
  model?: string;
  baseURL?: string;
  /** Name of the environment variable that holds the key (a config file never holds the key itself). */
  apiKeyEnv?: string;
  /** Override the preset's quirk flags for an unusual server. */
  supportsDetail?: boolean;
  supportsJsonSchema?: boolean;
}

export type ValueSource = 'flag' | 'config' | 'env' | 'preset' | 'inferred';

export interface ResolvedProvider {
  configured: true;
  provider: ProviderName;
  baseURL: string;
  /** The key, or NO_KEY for servers that need none. Never write this anywhere. */
  apiKey: string;
  /** Undefined: ask the server's /models at run time. */
  model?: string;
  supportsDetail: boolean;
  supportsJsonSchema: boolean;
  maxTokensParam: ProviderPreset['maxTokensParam'];
  local: boolean;
  headers: Record<string, string>;
  /** Where each value came from; for the key, the variable's name, never its value. */
  sources: { provider: ValueSource; baseURL: ValueSource; model: ValueSource | 'server'; apiKey: string };
}

export interface NotConfigured {
  configured: false;
  /** One sentence for the user: why there is no judge and how to set one up. */
  reason: string;
}

export type ProviderResolution = ResolvedProvider | NotConfigured;

export interface ResolveInput {
  flag?: ProviderFlags;
  config?: JudgeProviderConfig;
  /** @default process.env */
  env?: Record<string, string | undefined>;
}

const HOW_TO =
  'set OPENAI_API_KEY (or GEMINI_API_KEY, OPENROUTER_API_KEY, ANTHROPIC_API_KEY), or OPENAI_BASE_URL for a local OpenAI-compatible server, or pass --provider/--base-url';

/** The line a caller prints when it skips judging. */
export function judgeSkipLine(resolution: NotConfigured): string {
  return `judge skipped: ${resolution.reason}`;
}

/** The reason text used when nothing at all is set up. */
export function notConfiguredReason(): string {
  return `no vision model configured; ${HOW_TO}`;
}

export function resolveProvider(input: ResolveInput = {}): ProviderResolution {
  const flag = input.flag ?? {};
  const config = input.config ?? {};
  const env = input.env ?? process.env;
  const get = (name: string) => {
    const v = env[name];
    return v && v.trim() ? v.trim() : undefined;
  };

  const explicitURL = first<string>([flag.baseURL, 'flag'], [config.baseURL, 'config'], [get('TERMLENS_JUDGE_BASE_URL'), 'env']);
  let providerPick = first<string>([flag.provider, 'flag'], [config.provider, 'config'], [get('TERMLENS_JUDGE_PROVIDER'), 'env']);
  let fromOpenAIBaseURL = false;
  if (!providerPick) {
    const inferred = inferProvider(explicitURL?.value ?? get('OPENAI_BASE_URL'), get);
    if (!inferred) return { configured: false, reason: notConfiguredReason() };
    providerPick = { value: inferred, source: 'inferred' };
    fromOpenAIBaseURL = !explicitURL && !!get('OPENAI_BASE_URL');
  }
  const provider = checkProviderName(providerPick.value);
  const preset = PRESETS[provider];

  // OPENAI_BASE_URL is the SDK's own variable: it points the openai client, so it
  // applies to `openai` and `custom`, never to another named service.
  const sdkURL = provider === 'openai' || provider === 'custom' || fromOpenAIBaseURL ? get('OPENAI_BASE_URL') : undefined;
  const urlPick = explicitURL ?? first<string>([sdkURL, 'env'], [preset.baseURL, 'preset']);
  if (!urlPick) {
    return { configured: false, reason: `provider ${quote(provider)} needs a base URL; pass --base-url or set TERMLENS_JUDGE_BASE_URL` };
  }
  const baseURL = checkURL(urlPick.value);

  const keyNames = [
    ...(config.apiKeyEnv ? [config.apiKeyEnv] : []),
    'TERMLENS_JUDGE_API_KEY',
    ...preset.keyEnv,
    ...(fromOpenAIBaseURL ? ['OPENAI_API_KEY'] : []),
  ];
  const keyName = keyNames.find((n) => get(n));
  const apiKey = keyName ? get(keyName) : undefined;
  if (!keyName && preset.needsKey) {
    return { configured: false, reason: `provider ${quote(provider)} needs an API key; set ${[...preset.keyEnv, 'TERMLENS_JUDGE_API_KEY'].join(' or ')}` };
  }

  const modelPick = first<string>([flag.model, 'flag'], [config.model, 'config'], [get('TERMLENS_JUDGE_MODEL'), 'env'], [preset.model?.id, 'preset']);
  return {
    configured: true,
    provider,
    baseURL,
    apiKey: apiKey ?? NO_KEY,
    ...(modelPick ? { model: modelPick.value } : {}),
    supportsDetail: config.supportsDetail ?? preset.supportsDetail,
    supportsJsonSchema: config.supportsJsonSchema ?? preset.supportsJsonSchema,
    maxTokensParam: preset.maxTokensParam,
    local: preset.local,
    headers: { ...(preset.headers ?? {}) },
    sources: {
      provider: providerPick.source,
      baseURL: urlPick.source,
      model: modelPick?.source ?? 'server',
      apiKey: keyName ?? 'none',
    },
  };
}

function first<T>(...candidates: Array<[T | undefined, ValueSource]>): { value: T; source: ValueSource } | undefined {
  for (const [value, source] of candidates) {
    if (value !== undefined && value !== null && String(value).trim() !== '') return { value, source };
  }
  return undefined;
}

/** With no provider named: a base URL picks the preset that serves it (else custom); otherwise the first key found does. */
function inferProvider(baseURL: string | undefined, get: (name: string) => string | undefined): ProviderName | undefined {
  if (baseURL) return presetForURL(baseURL) ?? 'custom';
  if (get('TERMLENS_JUDGE_API_KEY') || get('OPENAI_API_KEY')) return 'openai';
  if (get('OPENROUTER_API_KEY')) return 'openrouter';
  if (get('GEMINI_API_KEY') || get('GOOGLE_API_KEY')) return 'gemini';
  if (get('ANTHROPIC_API_KEY')) return 'anthropic';
  return undefined;
}

/** The named preset whose default URL has the same host and port, so OPENAI_BASE_URL=http://localhost:11434/v1 gets Ollama's quirks. */
export function presetForURL(url: string): ProviderName | undefined {
  const key = hostKey(url);
  if (!key) return undefined;
  return PROVIDERS.find((p) => {
    const presetURL = PRESETS[p].baseURL;
    return presetURL !== undefined && hostKey(presetURL) === key;
  });
}

function hostKey(url: string): string | undefined {
  try {
    const u = new URL(url);
    const host = u.hostname === '127.0.0.1' || u.hostname === '[::1]' ? 'localhost' : u.hostname;
    return `${host}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return undefined;
  }
}

function checkProviderName(name: string): ProviderName {
  if ((PROVIDERS as readonly string[]).includes(name)) return name as ProviderName;
  const guess = suggestName(name, PROVIDERS);
  throw new TermlensError(`unknown judge provider ${quote(name)}${guess ? `; did you mean ${quote(guess)}?` : ''}`, {
    code: 'usage',
    stage: 'judge',
    hint: `Use one of: ${PROVIDERS.join(', ')} (custom takes any OpenAI-compatible --base-url).`,
  });
}

function checkURL(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TermlensError(`judge base URL ${quote(sanitizeURL(url))} is not a URL`, {
      code: 'usage',
      stage: 'judge',
      hint: 'Give a full URL such as http://localhost:11434/v1.',
    });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TermlensError(`judge base URL ${quote(sanitizeURL(url))} must use http or https`, {
      code: 'usage',
      stage: 'judge',
      hint: 'Give a full URL such as https://api.openai.com/v1.',
    });
  }
  return url;
}
