import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JudgeFailedError, judgeRun, type JudgeProgress } from '../../src/judge/index.js';
import { startFakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { CONTEXT, fakeProvider, makeFrames, tempDir } from '../judge/setup.js';

async function judge(baseURL: string, overrides: Partial<Parameters<typeof judgeRun>[0]>, events: JudgeProgress[]) {
  const dir = await tempDir();
  return judgeRun({
    frames: await makeFrames(dir, 2),
    baseDir: dir,
    promptSet: 'default',
    provider: fakeProvider(baseURL),
    samples: 1,
    concurrency: 1,
    cacheDir: await tempDir('termlens-cache-'),
    context: CONTEXT,
    onProgress: (e) => events.push(e),
    ...overrides,
  });
}

test('a 429 on the models list is retried after its retry-after like any request, and the retry is shown', async (t) => {
  const server = await startFakeOpenAIServer({ modelsReplies: [{ type: 'http', status: 429, headers: { 'retry-after': '1' } }] });
  t.after(() => server.close());
  const events: JudgeProgress[] = [];
  const judgments = await judge(server.baseURL, { provider: { ...fakeProvider(server.baseURL), model: undefined } }, events);
  assert.equal(judgments.status, 'ok');
  assert.equal(judgments.model, 'fake-vision-1');
  assert.equal(server.requests.filter((r) => r.path === '/v1/models').length, 2);
  const retry = events.find((e) => e.status === 'retrying');
  assert.ok(retry, 'the retry reached the progress line');
  assert.match(retry.message!, /^retry 1 of 3 in 1\.0 s: the server answered 429/);
});

test('a server that never answers fails at the overall deadline, each retry shown, not after 4 × 120 s', async (t) => {
  const server = await startFakeOpenAIServer({ responder: () => ({ type: 'hang', ms: 600_000 }) });
  t.after(() => server.close());
  const events: JudgeProgress[] = [];
  const started = Date.now();
  await assert.rejects(judge(server.baseURL, { timeoutMs: 400, deadlineMs: 2000, retry: { baseDelayMs: 10, maxRetries: 50 } }, events), (e: unknown) => {
    assert.ok(e instanceof JudgeFailedError);
    assert.match(e.message, /overall deadline/);
    return true;
  });
  // The deadline bounds the run; the margin is for a loaded machine, the point is that it is not 484 s.
  assert.ok(Date.now() - started < 60_000);
  const retries = events.filter((e) => e.status === 'retrying');
  assert.ok(retries.length >= 1);
  assert.match(retries[0]!.message!, /^retry 1 of 50 in \d+\.\d s: the request timed out after 0\.4 s/);
});
