import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { judgeRun, loadPromptSet, PRESETS, resolveProvider, type Judgments } from '../../src/judge/index.js';
import { TermlensError } from '../../src/errors/index.js';
import { derivedScore, imageParts, startFakeOpenAIServer, userText, type FakeServer } from '../helpers/fake-openai-server.js';
import { CONTEXT, fakeProvider, makeFrames, makeGrid, tempDir, judgeFailure } from './setup.js';

let server: FakeServer;
let dir: string;
let frames: Awaited<ReturnType<typeof makeFrames>>;

before(async () => {
  server = await startFakeOpenAIServer();
  dir = await tempDir();
  frames = await makeFrames(dir, 3, [3]);
  await makeGrid(dir);
});
after(() => server.close());

/** A run against the shared server with a fresh cache, so tests do not see each other's answers. */
async function run(overrides: Partial<Parameters<typeof judgeRun>[0]> = {}): Promise<Judgments> {
  return judgeRun({
    frames,
    baseDir: dir,
    promptSet: 'default',
    provider: fakeProvider(server.baseURL),
    samples: 1,
    concurrency: 1,
    cacheDir: await tempDir('termlens-cache-'),
    retry: { baseDelayMs: 5 },
    context: CONTEXT,
    ...overrides,
  });
}


test('sends the model, the system and user text, every frame as a data URL with detail, and a strict schema', async () => {
  const before = server.chatRequests().length;
  await run({ detail: 'low' });
  const req = server.chatRequests().slice(before);
  assert.equal(req.length, 1);
  const body = req[0]!.body;
  assert.equal(body.model, 'fake-vision-1');
  assert.equal(body.messages[0].role, 'system');
  assert.match(body.messages[0].content, /terminal user interfaces/);
  const images = imageParts(body);
  assert.equal(images.length, 3);
  assert.deepEqual(images.map((i) => i.url.slice(0, 22)), ['data:image/png;base64,', 'data:image/png;base64,', 'data:image/jpeg;base64']);
  assert.ok(images.every((i) => i.detail === 'low'));
  assert.match(userText(body), /Frame 2 at 3\.0 s \(distinct: new state 2\)/);
  assert.match(userText(body), /Which sorting algorithm is best\?/);
  assert.match(userText(body), /## Measured facts[\s\S]*2\.0 % of 4,000 text cells are below 4\.5:1/);
  assert.equal(body.response_format.type, 'json_schema');
  assert.equal(body.response_format.json_schema.strict, true);
  const schema = body.response_format.json_schema.schema;
  assert.deepEqual(Object.keys(schema.properties.criteria.properties), ['visualClarity', 'informationOrganization', 'statusIndicators', 'userExperience']);
  const crit = schema.properties.criteria.properties.visualClarity;
  assert.deepEqual(Object.keys(crit.properties), ['reasoning', 'score', 'findings', 'recommendations'], 'reasoning comes before the score');
  assert.deepEqual(crit.properties.findings.items.properties.frame, { type: 'integer', enum: [1, 2, 3], description: 'number of the frame this observation is about' });
  assert.deepEqual(crit.properties.score, { type: 'integer', minimum: 1, maximum: 10, description: '1 (worst) to 10 (best), following the rubric' });
  assert.equal(crit.additionalProperties, false);
  assert.equal(body.max_tokens, 8192);
});

test('parses the answer into per-criterion scores, findings tied to frames, and recommendations', async () => {
  const j = await run();
  // The server scores from the number of images it received (3) and the criterion's position.
  assert.deepEqual(
    Object.fromEntries(Object.entries(j.criteria).map(([k, c]) => [k, c.median])),
    { visualClarity: derivedScore(3, 0), informationOrganization: derivedScore(3, 1), statusIndicators: derivedScore(3, 2), userExperience: derivedScore(3, 3) },
  );
  assert.equal(j.status, 'ok');
  assert.deepEqual(j.criteria.statusIndicators!.findings, [{ frame: 3, text: 'statusIndicators observation about frame 3.', samples: 1 }]);
  assert.deepEqual(j.criteria.userExperience!.recommendations, ['Improve userExperience.']);
  assert.match(j.summary!, /Judged 4 criteria from 3 image/);
});

test('sending only the grid changes what the model sees and therefore its scores', async () => {
  const j = await run({ images: 'grid', gridFile: 'grid.png' });
  assert.equal(j.prompts[0]!.imagesSent.length, 1);
  assert.equal(j.prompts[0]!.imagesSent[0]!.kind, 'grid');
  assert.equal(j.criteria.visualClarity!.median, derivedScore(1, 0));
  assert.match(j.prompts[0]!.text, /one contact sheet/);
});

test('three samples give the median, min, max and spread of each criterion', async () => {
  server.script({ type: 'answer', scores: 6 }, { type: 'answer', scores: 9 }, { type: 'answer', scores: 7 });
  const j = await run({ samples: 3 });
  const c = j.criteria.visualClarity!;
  assert.deepEqual([c.median, c.min, c.max, c.spread, c.n], [7, 6, 9, 3, 3]);
  assert.deepEqual([...c.scores].sort(), [6, 7, 9]);
  assert.equal(c.stdev, 1.25);
  assert.equal(j.prompts[0]!.samples.length, 3);
  assert.ok(j.prompts[0]!.samples.every((s) => s.status === 'ok' && typeof s.raw === 'string' && s.parsed));
  assert.equal(j.totals.requests, 3);
  assert.equal(j.totals.sent, 3);
});

test('a 429 with retry-after is waited out and the retry succeeds', async () => {
  const before = server.chatRequests().length;
  server.script({ type: 'http', status: 429, headers: { 'retry-after': '1' } });
  const j = await run();
  const sample = j.prompts[0]!.samples[0]!;
  assert.equal(sample.status, 'ok');
  assert.equal(sample.attempts, 2);
  assert.equal(sample.retries[0]!.waitMs, 1000);
  const [first, second] = server.chatRequests().slice(before);
  // A lower bound only: the client must not come back before the server said it may.
  assert.ok(second!.at - first!.at >= 950, `retried after ${second!.at - first!.at} ms`);
});

test('a 500 followed by success is retried', async () => {
  server.script({ type: 'http', status: 500 });
  const j = await run();
  assert.equal(j.prompts[0]!.samples[0]!.attempts, 2);
  assert.equal(j.status, 'ok');
});

test('a server that keeps failing with 500 ends in judge-failed, with every attempt counted and the file written', async () => {
  const before = server.chatRequests().length;
  server.script(...Array.from({ length: 3 }, () => ({ type: 'http' as const, status: 500 })));
  const out = join(await tempDir(), 'judgments.json');
  const error = await judgeFailure(run({ retry: { maxRetries: 2, baseDelayMs: 5 }, outFile: out }));
  assert.equal(server.chatRequests().length - before, 3);
  assert.match(error.message, /500/);
  const saved = JSON.parse(await readFile(out, 'utf8')) as Judgments;
  assert.equal(saved.status, 'failed');
  assert.equal(saved.prompts[0]!.samples[0]!.attempts, 3);
  assert.equal(saved.prompts[0]!.samples[0]!.error!.httpStatus, 500);
  assert.deepEqual(saved.criteria, {}, 'no score comes out of a failed request');
});

test('a server that answers 200 with an empty body fails the sample as empty, saying so, instead of crashing', async () => {
  server.script({ type: 'http', status: 200, body: '' });
  const error = await judgeFailure(run({ retry: { maxRetries: 0 } }));
  const sample = error.judgments!.prompts[0]!.samples[0]!;
  assert.equal(sample.status, 'failed');
  assert.equal(sample.error!.kind, 'empty');
  assert.match(error.message, /empty body/);
});

test('a request that takes longer than the timeout fails as a timeout, and a retry after it can succeed', async () => {
  server.script({ type: 'hang', ms: 5000 });
  const error = await judgeFailure(run({ timeoutMs: 300, retry: { maxRetries: 0 } }));
  assert.equal(error.judgments!.prompts[0]!.samples[0]!.error!.kind, 'timeout');
  server.script({ type: 'hang', ms: 5000 });
  const j = await run({ timeoutMs: 300, retry: { maxRetries: 1, baseDelayMs: 5 } });
  assert.equal(j.prompts[0]!.samples[0]!.attempts, 2);
});

test('malformed JSON is an error and the raw text is kept in judgments.json', async () => {
  const broken = '{"criteria": {"visualClarity": {"reasoning": "looks fine", "score": 8';
  server.script({ type: 'content', content: broken });
  const out = join(await tempDir(), 'judgments.json');
  const error = await judgeFailure(run({ outFile: out }));
  assert.match(error.message, /not valid JSON/);
  const saved = JSON.parse(await readFile(out, 'utf8')) as Judgments;
  assert.equal(saved.prompts[0]!.samples[0]!.raw, broken);
  assert.equal(saved.prompts[0]!.samples[0]!.error!.kind, 'malformed');
});

test('JSON that breaks the schema (a score of 11, a missing criterion) is an error, not a pass', async () => {
  server.script({ type: 'answer', scores: 11 });
  const e1 = await judgeFailure(run());
  assert.match(e1.message, /does not match the schema/);
  server.script({ type: 'content', content: JSON.stringify({ criteria: {}, summary: 'nothing to say' }) });
  const e2 = await judgeFailure(run());
  assert.match(e2.message, /criteria\.visualClarity/);
});

test('a refusal is an error that keeps the refusal text', async () => {
  server.script({ type: 'refusal', refusal: 'I cannot help with that.' });
  const error = await judgeFailure(run());
  const sample = error.judgments!.prompts[0]!.samples[0]!;
  assert.equal(sample.error!.kind, 'refusal');
  assert.equal(sample.refusal, 'I cannot help with that.');
  assert.match(error.message, /refused/);
});

test('an answer cut off at the token limit (finish_reason length) is an error', async () => {
  server.script({ type: 'answer', truncate: true });
  const error = await judgeFailure(run());
  const sample = error.judgments!.prompts[0]!.samples[0]!;
  assert.equal(sample.error!.kind, 'truncated');
  assert.equal(sample.finishReason, 'length');
  assert.ok(sample.raw && sample.raw.length > 10, 'the partial text is kept');
});

test('a second identical run is answered from the cache without any request', async () => {
  const cacheDir = await tempDir('termlens-cache-');
  const first = await run({ cacheDir, samples: 2 });
  const before = server.chatRequests().length;
  const second = await run({ cacheDir, samples: 2 });
  assert.equal(server.chatRequests().length, before, 'no request reached the server');
  assert.ok(second.prompts[0]!.samples.every((s) => s.cacheHit));
  assert.equal(second.totals.cacheHits, 2);
  assert.equal(second.totals.totalTokens, 0, 'cache hits spend no tokens');
  assert.deepEqual(second.criteria, first.criteria);
  const third = await run({ cacheDir, samples: 2, cache: false });
  assert.equal(server.chatRequests().length, before + 2, '--no-cache asks again');
  assert.ok(third.prompts[0]!.samples.every((s) => !s.cacheHit));
});

test('a failed sample is not cached: the next run asks for exactly that one again', async () => {
  const cacheDir = await tempDir('termlens-cache-');
  server.script({ type: 'answer' }, { type: 'refusal', refusal: 'no' });
  await judgeFailure(run({ cacheDir, samples: 2 }));
  const before = server.chatRequests().length;
  const j = await run({ cacheDir, samples: 2 });
  assert.equal(server.chatRequests().length - before, 1);
  assert.deepEqual(j.prompts[0]!.samples.map((s) => s.cacheHit).sort(), [false, true]);
});

test('anthropic-style servers that ignore response_format get the schema in the prompt and fenced JSON is accepted', async () => {
  const anthropic = await startFakeOpenAIServer({ ignoreResponseFormat: true });
  try {
    const provider = resolveProvider({ flag: { provider: 'anthropic', baseURL: anthropic.baseURL }, env: { ANTHROPIC_API_KEY: 'sk-ant-test-0123456789' } });
    assert.ok(provider.configured);
    assert.equal(provider.supportsJsonSchema, false);
    const j = await run({ provider, promptSet: 'status-indicators' });
    const body = anthropic.chatRequests()[0]!.body;
    assert.equal(body.response_format, undefined);
    assert.equal(body.model, PRESETS.anthropic.model!.id);
    assert.match(userText(body), /"statusIndicators"/);
    assert.ok(imageParts(body).every((i) => i.detail === undefined), 'no detail field for anthropic');
    assert.match(j.prompts[0]!.samples[0]!.raw!, /```json/);
    assert.equal(j.prompts[0]!.schemaVia, 'prompt');
    assert.equal(j.criteria.statusIndicators!.median, derivedScore(3, 0));
  } finally {
    await anthropic.close();
  }
});

test('requests never exceed the concurrency limit', async () => {
  const slow = await startFakeOpenAIServer({ responder: () => ({ type: 'answer', delayMs: 40 }) });
  try {
    const j = await run({ provider: fakeProvider(slow.baseURL), samples: 6, concurrency: 2 });
    assert.equal(j.totals.sent, 6);
    assert.ok(slow.maxInFlight() <= 2, `max in flight ${slow.maxInFlight()}`);
  } finally {
    await slow.close();
  }
});

test('without a model name the first model the server lists is used', async () => {
  const listing = await startFakeOpenAIServer({ models: ['llava-served', 'other'] });
  try {
    const provider = resolveProvider({ flag: { baseURL: listing.baseURL }, env: {} });
    assert.ok(provider.configured && provider.model === undefined);
    const j = await run({ provider });
    assert.equal(j.model, 'llava-served');
    assert.equal(listing.chatRequests()[0]!.body.model, 'llava-served');
  } finally {
    await listing.close();
  }
});

test('tokens and an estimated cost are recorded per request; an unknown model costs "unknown" (null)', async () => {
  const known = await run({ provider: fakeProvider(server.baseURL, { model: 'gpt-4o-mini' }) });
  const s = known.prompts[0]!.samples[0]!;
  assert.ok(s.usage && s.usage.promptTokens > 3 * 85);
  const expected = (s.usage.promptTokens * 0.15 + s.usage.completionTokens * 0.6) / 1e6;
  assert.ok(Math.abs(s.costUsd! - expected) < 1e-6);
  assert.equal(known.costUsd, s.costUsd);
  assert.equal(known.tokens, s.usage.totalTokens);
  const unknown = await run();
  assert.equal(unknown.prompts[0]!.samples[0]!.costUsd, null);
  assert.equal(unknown.costUsd, null);
});

test('a focused prompt set scores only its own criteria', async () => {
  const set = loadPromptSet('coordination-voting');
  const j = await run({ promptSet: set });
  assert.deepEqual(Object.keys(j.criteria).sort(), ['informationOrganization', 'statusIndicators']);
  assert.equal(j.promptSet, 'coordination-voting');
  assert.match(j.prompts[0]!.text, /who voted for whom/);
});

test('an interrupted run stops waiting, keeps what it has in judgments.json and reports "interrupted"', async () => {
  const hanging = await startFakeOpenAIServer({ responder: () => ({ type: 'hang', ms: 30_000 }) });
  try {
    const controller = new AbortController();
    const out = join(await tempDir(), 'judgments.json');
    const pending = run({ provider: fakeProvider(hanging.baseURL), samples: 2, concurrency: 2, signal: controller.signal, outFile: out });
    while (hanging.chatRequests().length < 2) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await assert.rejects(pending, (e: unknown) => e instanceof TermlensError && e.code === 'interrupted');
    const saved = JSON.parse(await readFile(out, 'utf8')) as Judgments;
    assert.equal(saved.status, 'failed');
    assert.deepEqual(saved.prompts[0]!.samples.map((s) => s.error?.kind), ['interrupted', 'interrupted']);
    assert.equal(hanging.chatRequests().length, 2, 'nothing was retried after the interrupt');
  } finally {
    await hanging.close();
  }
});
