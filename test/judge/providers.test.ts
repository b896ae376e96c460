import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TermlensError } from '../../src/errors/index.js';
import { judgeSkipLine, NO_KEY, PRESETS, resolveProvider, type ResolvedProvider } from '../../src/judge/index.js';

function configured(r: ReturnType<typeof resolveProvider>): ResolvedProvider {
  assert.ok(r.configured, r.configured ? '' : r.reason);
  return r;
}

test('each field is taken from the flag, else the config file, else the environment, else the preset', () => {
  const env = { TERMLENS_JUDGE_PROVIDER: 'gemini', TERMLENS_JUDGE_MODEL: 'env-model', TERMLENS_JUDGE_BASE_URL: 'http://env.example/v1', OPENROUTER_API_KEY: 'or-key-123456', GEMINI_API_KEY: 'gm-key-123456' };
  const config = { provider: 'openrouter', model: 'config-model', baseURL: 'http://config.example/v1' };
  const flag = { provider: 'ollama', model: 'flag-model', baseURL: 'http://flag.example/v1' };

  const all = configured(resolveProvider({ flag, config, env }));
  assert.deepEqual([all.provider, all.model, all.baseURL], ['ollama', 'flag-model', 'http://flag.example/v1']);
  assert.deepEqual([all.sources.provider, all.sources.model, all.sources.baseURL], ['flag', 'flag', 'flag']);

  const noFlag = configured(resolveProvider({ config, env }));
  assert.deepEqual([noFlag.provider, noFlag.model, noFlag.baseURL, noFlag.apiKey], ['openrouter', 'config-model', 'http://config.example/v1', 'or-key-123456']);
  assert.equal(noFlag.sources.provider, 'config');

  const envOnly = configured(resolveProvider({ env }));
  assert.deepEqual([envOnly.provider, envOnly.model, envOnly.baseURL, envOnly.apiKey], ['gemini', 'env-model', 'http://env.example/v1', 'gm-key-123456']);
  assert.equal(envOnly.sources.model, 'env');

  const preset = configured(resolveProvider({ env: { GEMINI_API_KEY: 'gm-key-123456' } }));
  assert.deepEqual([preset.provider, preset.model, preset.baseURL], ['gemini', PRESETS.gemini.model!.id, 'https://generativelanguage.googleapis.com/v1beta/openai/']);
  assert.deepEqual([preset.sources.provider, preset.sources.model, preset.sources.baseURL, preset.sources.apiKey], ['inferred', 'preset', 'preset', 'GEMINI_API_KEY']);
});

test('with no key and no base URL anywhere the judge is "not configured" with one clear line', () => {
  const r = resolveProvider({ env: {} });
  assert.equal(r.configured, false);
  assert.ok(!r.configured);
  const line = judgeSkipLine(r);
  assert.match(line, /^judge skipped: no vision model configured; set OPENAI_API_KEY/);
  assert.ok(!line.includes('\n'));
  // A model name alone is not enough to reach anything.
  assert.equal(resolveProvider({ flag: { model: 'gpt-4o' }, env: {} }).configured, false);
});

test('a hosted provider without its key is not configured and says which variable to set', () => {
  const r = resolveProvider({ flag: { provider: 'anthropic' }, env: { OPENAI_API_KEY: 'sk-other-123456' } });
  assert.ok(!r.configured);
  assert.match(r.reason, /ANTHROPIC_API_KEY/);
});

test('OPENAI_BASE_URL alone points the judge at a local server, with a placeholder key and that server\'s quirks', () => {
  const ollama = configured(resolveProvider({ env: { OPENAI_BASE_URL: 'http://localhost:11434/v1' } }));
  assert.equal(ollama.provider, 'ollama');
  assert.equal(ollama.baseURL, 'http://localhost:11434/v1');
  assert.equal(ollama.apiKey, NO_KEY);
  assert.equal(ollama.local, true);

  const vllm = configured(resolveProvider({ env: { OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1' } }));
  assert.equal(vllm.provider, 'vllm');
  assert.equal(vllm.supportsDetail, false, 'vLLM takes no detail');
  assert.equal(vllm.model, undefined, 'asks the server which model it serves');

  const other = configured(resolveProvider({ env: { OPENAI_BASE_URL: 'http://gpu-box:9999/v1', OPENAI_API_KEY: 'sk-local-123456' } }));
  assert.equal(other.provider, 'custom');
  assert.equal(other.apiKey, 'sk-local-123456', 'the SDK would send OPENAI_API_KEY there too');
});

test('OPENAI_API_KEY alone selects OpenAI; OPENAI_BASE_URL never redirects another named provider', () => {
  const openai = configured(resolveProvider({ env: { OPENAI_API_KEY: 'sk-abc-123456' } }));
  assert.deepEqual([openai.provider, openai.baseURL, openai.model, openai.maxTokensParam], ['openai', 'https://api.openai.com/v1', PRESETS.openai.model!.id, 'max_completion_tokens']);
  const gemini = configured(resolveProvider({ flag: { provider: 'gemini' }, env: { GEMINI_API_KEY: 'gm-123456', OPENAI_BASE_URL: 'http://localhost:11434/v1' } }));
  assert.equal(gemini.baseURL, 'https://generativelanguage.googleapis.com/v1beta/openai/');
});

test('TERMLENS_JUDGE_API_KEY and a config apiKeyEnv name the key; the source records the name, never the value', () => {
  const r = configured(resolveProvider({ config: { provider: 'openai', apiKeyEnv: 'MY_TEAM_KEY' }, env: { MY_TEAM_KEY: 'team-secret-123456', OPENAI_API_KEY: 'sk-personal-123456' } }));
  assert.equal(r.apiKey, 'team-secret-123456');
  assert.equal(r.sources.apiKey, 'MY_TEAM_KEY');
  const t = configured(resolveProvider({ flag: { provider: 'openrouter' }, env: { TERMLENS_JUDGE_API_KEY: 'tl-123456', OPENROUTER_API_KEY: 'or-123456' } }));
  assert.equal(t.apiKey, 'tl-123456');
});

test('presets carry their quirks: anthropic gets the schema in the prompt, LM Studio uses json_schema, vLLM drops detail', () => {
  const anthropic = configured(resolveProvider({ flag: { provider: 'anthropic' }, env: { ANTHROPIC_API_KEY: 'ak-123456' } }));
  assert.equal(anthropic.supportsJsonSchema, false);
  const lmstudio = configured(resolveProvider({ flag: { provider: 'lmstudio' }, env: {} }));
  assert.equal(lmstudio.supportsJsonSchema, true);
  assert.equal(lmstudio.baseURL, 'http://localhost:1234/v1');
  const custom = configured(resolveProvider({ flag: { provider: 'custom', baseURL: 'http://x.example/v1' }, config: { supportsDetail: false }, env: {} }));
  assert.equal(custom.supportsDetail, false, 'config can override a quirk');
});

test('a misspelt provider is a usage error with a did-you-mean and the list', () => {
  assert.throws(
    () => resolveProvider({ flag: { provider: 'olama' }, env: {} }),
    (e: unknown) => e instanceof TermlensError && e.code === 'usage' && /did you mean "ollama"/.test(e.message) && /custom/.test(e.hint ?? ''),
  );
});

test('custom needs a base URL, and a bad URL is rejected without echoing credentials', () => {
  const r = resolveProvider({ flag: { provider: 'custom' }, env: {} });
  assert.ok(!r.configured);
  assert.match(r.reason, /base URL/);
  assert.throws(
    () => resolveProvider({ flag: { provider: 'custom', baseURL: 'ftp://user:hunter2secret@host/v1' }, env: {} }),
    (e: unknown) => e instanceof TermlensError && /http or https/.test(e.message) && !e.message.includes('hunter2secret'),
  );
});
