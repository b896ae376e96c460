import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { estimateCost, judgeRun, PRESETS, resolveProvider, usageOf, type Judgments, type ResolvedProvider } from '../../src/judge/index.js';
import { startFakeOpenAIServer, type FakeServer, type FakeServerOptions } from '../helpers/fake-openai-server.js';
import { CONTEXT, fakeProvider, makeFrames, tempDir, judgeFailure } from './setup.js';

let dir: string;
let frames: Awaited<ReturnType<typeof makeFrames>>;
const servers: FakeServer[] = [];

before(async () => {
  dir = await tempDir();
  frames = await makeFrames(dir, 2);
});
after(() => Promise.all(servers.map((s) => s.close())));

async function serve(options: FakeServerOptions): Promise<FakeServer> {
  const server = await startFakeOpenAIServer(options);
  servers.push(server);
  return server;
}

/** The `openai` preset (its default model) pointed at a fake server. */
function openaiPreset(server: FakeServer): ResolvedProvider {
  const r = resolveProvider({ flag: { provider: 'openai', baseURL: server.baseURL }, env: { OPENAI_API_KEY: 'sk-test-reasoning-0123456789' } });
  assert.ok(r.configured);
  return r;
}

async function run(provider: ResolvedProvider, overrides: Partial<Parameters<typeof judgeRun>[0]> = {}): Promise<Judgments> {
  return judgeRun({
    frames,
    baseDir: dir,
    promptSet: 'status-indicators',
    provider,
    samples: 1,
    concurrency: 1,
    cacheDir: await tempDir('termlens-cache-'),
    retry: { baseDelayMs: 5 },
    context: CONTEXT,
    ...overrides,
  });
}


const cost = (j: Judgments, input: number, output: number) => Math.round(((j.totals.promptTokens * input + j.totals.completionTokens * output) / 1e6) * 1e6) / 1e6;
/** The run's cost is the sum of each sample's cost, each rounded to a millionth of a dollar, so it may differ from the cost of the totals by that rounding. */
function assertCost(j: Judgments, input: number, output: number): void {
  const samples = j.prompts.reduce((n, p) => n + p.samples.length, 0);
  assert.ok(Math.abs(j.costUsd! - cost(j, input, output)) <= samples * 1e-6, `cost ${j.costUsd} is not the totals' cost ${cost(j, input, output)}`);
}

test('the default reasoning model is sent reasoning_effort low, max_completion_tokens with room to think, and no temperature', async () => {
  const server = await serve({ reasoning: { rejectTemperature: true, rejectMaxTokens: true, reasoningTokens: 1500 } });
  const j = await run(openaiPreset(server), { samples: 2, temperature: 0.2 });
  const requests = server.chatRequests();
  assert.equal(requests.length, 2, 'no request was refused: nothing the model rejects was sent');
  for (const { body } of requests) {
    assert.equal(body.model, PRESETS.openai.model!.id);
    assert.equal(body.reasoning_effort, 'low');
    assert.equal(body.max_completion_tokens, 16384);
    assert.equal(body.max_tokens, undefined);
    assert.equal(body.temperature, undefined);
  }
  const params = j.prompts[0]!.params;
  assert.equal(params.reasoningEffort, 'low');
  assert.match(params.omitted![0]!, /temperature 0\.2 not sent: gpt-5\.4-mini accepts only its default/);
  assert.deepEqual(j.modelInfo, { reasoning: true, released: PRESETS.openai.model!.released, source: 'preset' });
  assert.equal(j.status, 'ok');
});

test('reasoning tokens are counted per sample and in the totals, and billed as output in the cost', async () => {
  const server = await serve({ reasoning: { reasoningTokens: 1500 } });
  const j = await run(openaiPreset(server), { samples: 2 });
  for (const s of j.prompts[0]!.samples) {
    assert.equal(s.usage!.reasoningTokens, 1500);
    assert.ok(s.usage!.completionTokens > 1500, 'the answer comes on top of the reasoning');
  }
  assert.equal(j.totals.reasoningTokens, 3000);
  // gpt-5.4-mini: $0.75 in, $4.50 out per million; reasoning tokens are output.
  assertCost(j, 0.75, 4.5);
  assert.ok(j.costUsd! > (j.totals.promptTokens * 0.75 + (j.totals.completionTokens - 3000) * 4.5) / 1e6);
});

test('a server that rejects temperature has it dropped once for the whole run, recorded in judgments.json, and the run passes', async () => {
  const server = await serve({ reasoning: { rejectTemperature: true } });
  const out = join(await tempDir(), 'judgments.json');
  const j = await run(fakeProvider(server.baseURL), { samples: 3, temperature: 0.2, outFile: out });
  const sent = server.chatRequests().map((r) => r.body.temperature);
  assert.deepEqual(sent, [0.2, undefined, undefined, undefined], 'one 400, then never again');
  assert.equal(j.status, 'ok');
  const [first, second] = j.prompts[0]!.samples;
  assert.equal(first!.adjustments![0]!.param, 'temperature');
  assert.equal(first!.adjustments![0]!.action, 'dropped');
  assert.match(first!.adjustments![0]!.reason, /Only the default \(1\) value is supported/);
  assert.equal(second!.adjustments![0]!.learned, true);
  const written = JSON.parse(await readFile(out, 'utf8')) as Judgments;
  assert.equal(written.adjustments.length, 1);
  assert.match(written.adjustments[0]!, /^temperature dropped: /);
});

test('a server that rejects max_tokens is sent max_completion_tokens instead, and the change is recorded', async () => {
  const server = await serve({ reasoning: { rejectMaxTokens: true } });
  const j = await run(fakeProvider(server.baseURL));
  const [refused, accepted] = server.chatRequests().map((r) => r.body);
  assert.equal(refused!.max_tokens, 8192);
  assert.equal(accepted!.max_tokens, undefined);
  assert.equal(accepted!.max_completion_tokens, 8192);
  assert.deepEqual(
    j.prompts[0]!.samples[0]!.adjustments!.map((a) => [a.param, a.action, a.to]),
    [['max_tokens', 'renamed', 'max_completion_tokens']],
  );
  assert.equal(j.status, 'ok');
});

test('an answer spent entirely on reasoning is asked once more with double the budget, and both answers are billed', async () => {
  // 3999 hidden tokens at effort low leave no room for the answer in 4000, plenty in 8000.
  const server = await serve({ reasoning: { reasoningTokens: 3999 } });
  const j = await run(fakeProvider(server.baseURL, { model: 'gpt-5.4-mini' }), { maxTokens: 4000 });
  assert.deepEqual(server.chatRequests().map((r) => r.body.max_tokens), [4000, 8000]);
  const s = j.prompts[0]!.samples[0]!;
  assert.equal(s.status, 'ok');
  assert.deepEqual(s.adjustments!.map((a) => [a.param, a.action, a.from, a.to]), [['max_tokens', 'raised', 4000, 8000]]);
  assert.equal(s.usage!.reasoningTokens, 4000 + 3999, 'the first answer spent its whole budget on reasoning');
  assertCost(j, 0.75, 4.5);
});

test('an answer lost to reasoning twice is a clear error naming the budget and what to change, never a pass', async () => {
  const server = await serve({ reasoning: { reasoningTokens: 8000 } });
  const out = join(await tempDir(), 'judgments.json');
  const error = await judgeFailure(run(fakeProvider(server.baseURL, { model: 'gpt-5.4-mini' }), { maxTokens: 4000, outFile: out }));
  assert.match(error.message, /the model spent its 4000-token budget on reasoning, and 8000 tokens on a retry, without answering; raise judge\.maxTokens or lower judge\.reasoningEffort/);
  assert.match(error.hint ?? '', /judge\.reasoningEffort/);
  const written = JSON.parse(await readFile(out, 'utf8')) as Judgments;
  const s = written.prompts[0]!.samples[0]!;
  assert.equal(written.status, 'failed');
  assert.equal(s.status, 'failed');
  assert.equal(s.parsed, undefined);
  assert.equal(s.finishReason, 'length');
  assert.equal(written.totals.reasoningTokens, 12_000, 'what was spent is still counted');
  assert.ok(written.costUsd! > 0);
});

test('a lower reasoning effort leaves room for the answer the same budget could not hold at low', async () => {
  const server = await serve({ reasoning: { reasoningTokens: 8000 } });
  const j = await run(fakeProvider(server.baseURL, { model: 'gpt-5.4-mini' }), { maxTokens: 4000, reasoningEffort: 'minimal' });
  assert.equal(server.chatRequests()[0]!.body.reasoning_effort, 'minimal');
  assert.equal(j.status, 'ok');
  assert.equal(j.prompts[0]!.samples[0]!.usage!.reasoningTokens, 2000);
});

test('an older model gets no reasoning_effort, keeps its temperature and max_tokens, and reports no reasoning tokens', async () => {
  const server = await serve({ rejectReasoningEffort: true });
  const j = await run(fakeProvider(server.baseURL, { model: 'gpt-4.1-mini' }), { temperature: 0.2 });
  const [body] = server.chatRequests().map((r) => r.body);
  assert.equal(server.chatRequests().length, 1);
  assert.equal(body.reasoning_effort, undefined);
  assert.equal(body.temperature, 0.2);
  assert.equal(body.max_tokens, 8192);
  assert.equal(j.modelInfo.reasoning, false);
  assert.equal(j.prompts[0]!.samples[0]!.usage!.reasoningTokens, undefined);
  assert.equal(j.totals.reasoningTokens, 0);
  assert.deepEqual(j.adjustments, []);
  assertCost(j, 0.4, 1.6);
});

test('a reasoning effort asked of an older model that rejects it is dropped and recorded, not a failed run', async () => {
  const server = await serve({ rejectReasoningEffort: true });
  const j = await run(fakeProvider(server.baseURL, { model: 'gpt-4.1-mini' }), { reasoningEffort: 'high' });
  assert.deepEqual(server.chatRequests().map((r) => r.body.reasoning_effort), ['high', undefined]);
  assert.equal(j.status, 'ok');
  assert.match(j.adjustments[0]!, /^reasoning_effort dropped: 400 Unsupported parameter: 'reasoning_effort'/);
});

test('a 400 that names no parameter termlens can change still fails the sample with the server text', async () => {
  const server = await serve({});
  server.script({ type: 'http', status: 400, body: { error: { message: 'Invalid image data', type: 'invalid_request_error' } } });
  const error = await judgeFailure(run(fakeProvider(server.baseURL)));
  assert.match(error.message, /Invalid image data/);
  assert.equal(server.chatRequests().length, 1, 'not asked again');
});

test('reasoning tokens reported beside completion_tokens rather than inside it are billed too, and today\'s defaults have prices', () => {
  const inside = usageOf([{ prompt_tokens: 1000, completion_tokens: 900, total_tokens: 1900, completion_tokens_details: { reasoning_tokens: 600 } }]);
  assert.deepEqual(inside, { promptTokens: 1000, completionTokens: 900, totalTokens: 1900, reasoningTokens: 600 });
  const beside = usageOf([{ prompt_tokens: 1000, completion_tokens: 300, total_tokens: 1900, completion_tokens_details: { reasoning_tokens: 600 } }]);
  assert.deepEqual(beside, { promptTokens: 1000, completionTokens: 900, totalTokens: 1900, reasoningTokens: 600 });
  const twoAnswers = usageOf([{ prompt_tokens: 10, completion_tokens: 4000, total_tokens: 4010, completion_tokens_details: { reasoning_tokens: 4000 } }, undefined, { prompt_tokens: 10, completion_tokens: 500, total_tokens: 510 }]);
  assert.deepEqual(twoAnswers, { promptTokens: 20, completionTokens: 4500, totalTokens: 4520, reasoningTokens: 4000 });
  assert.equal(usageOf([undefined]), undefined);
  for (const name of ['openai', 'gemini', 'openrouter', 'anthropic'] as const) {
    assert.notEqual(estimateCost(PRESETS[name].model!.id, 1000, 1000, false), null, `${name}'s default has a price`);
  }
  assert.equal(estimateCost(PRESETS.ollama.model!.id, 1000, 1000, true), 0);
});

test('an effort the model does not take becomes the nearest lower one it lists, not the model\'s higher default', async () => {
  const server = await serve({ reasoning: { efforts: ['none', 'low', 'medium', 'high', 'xhigh'], reasoningTokens: 100 } });
  const j = await run(fakeProvider(server.baseURL, { model: 'gpt-5.4-mini' }), { reasoningEffort: 'minimal', samples: 2 });
  assert.deepEqual(server.chatRequests().map((r) => r.body.reasoning_effort), ['minimal', 'none', 'none']);
  assert.equal(j.status, 'ok');
  assert.match(j.adjustments[0]!, /^reasoning_effort changed to none: 400 Unsupported value: 'reasoning_effort' does not support 'minimal'/);
});
