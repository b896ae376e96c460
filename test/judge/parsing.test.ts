import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  aggregateAnswers,
  answerSchema,
  estimateCost,
  extractJson,
  mergeFindings,
  parseAnswer,
  readJudgeInputs,
  redactSecrets,
  requestHash,
  retryDelayMs,
  sanitizeURL,
  scoreStats,
  type JudgeAnswer,
} from '../../src/judge/index.js';
import { recordSession } from '../../src/record/index.js';
import { FIXTURES } from '../helpers/golden.js';
import { makeFrames, tempDir, writeJson } from './setup.js';

const schema = answerSchema(['visualClarity', 'statusIndicators'], [1, 2, 3]);

async function saved(name: string): Promise<string> {
  return readFile(join(FIXTURES, 'judge', name), 'utf8');
}

test('a saved strict-mode answer parses into scores, findings and recommendations', async () => {
  const r = parseAnswer(await saved('answer-strict.json'), schema);
  assert.ok(r.ok, r.ok ? '' : r.message);
  assert.equal(r.value.criteria.statusIndicators!.score, 4);
  assert.deepEqual(r.value.criteria.statusIndicators!.findings[0], { frame: 2, observation: 'Waiting (⏳) and working (🔄) agents both render as grey text; only the icon differs.' });
});

test('a saved fenced answer with prose around it (Anthropic style) parses the same', async () => {
  const r = parseAnswer(await saved('answer-fenced.txt'), schema);
  assert.ok(r.ok, r.ok ? '' : r.message);
  assert.equal(r.value.criteria.visualClarity!.score, 7);
});

test('answers that are not the schema are rejected with the reason', async () => {
  const cases: Array<[string, RegExp]> = [
    ['I think the display is great, 9/10.', /no JSON object/],
    ['{"criteria": {', /not valid JSON/],
    [(await saved('answer-strict.json')).replace('"score": 4', '"score": 0'), /statusIndicators\.score/],
    [(await saved('answer-strict.json')).replace('"frame": 2', '"frame": 7'), /findings\.0\.frame/],
    [(await saved('answer-strict.json')).replace('"score": 4', '"score": "4"'), /statusIndicators\.score/],
  ];
  for (const [text, reason] of cases) {
    const r = parseAnswer(text, schema);
    assert.ok(!r.ok, `accepted: ${text.slice(0, 60)}`);
    assert.match(r.message, reason);
  }
  assert.equal(extractJson('```\n{"a":1}\n```'), '{"a":1}');
});

test('median and spread are taken over samples; an even count averages the middle pair', () => {
  assert.deepEqual(scoreStats([6, 9, 7]), { median: 7, min: 6, max: 9, spread: 3, stdev: 1.25, n: 3, scores: [6, 9, 7] });
  assert.equal(scoreStats([4, 8])!.median, 6);
  assert.equal(scoreStats([5, 5, 5])!.stdev, 0);
  assert.equal(scoreStats([]), undefined);
});

test('findings from several samples merge by frame and text, counting how many samples agree', () => {
  const merged = mergeFindings([
    [{ frame: 2, text: 'Low contrast footer.' }, { frame: 1, text: 'Spinner frozen' }],
    [{ frame: 2, text: 'low contrast  footer' }],
    [{ frame: 3, text: 'Winner unclear.' }],
  ]);
  assert.deepEqual(merged, [
    { frame: 1, text: 'Spinner frozen', samples: 1 },
    { frame: 2, text: 'Low contrast footer.', samples: 2 },
    { frame: 3, text: 'Winner unclear.', samples: 1 },
  ]);
  const answer = (score: number, rec: string): JudgeAnswer => ({
    criteria: { visualClarity: { reasoning: 'r', score, findings: [], recommendations: [rec, 'Use bold for headers.'] } },
    summary: 's',
  });
  const agg = aggregateAnswers([answer(5, 'Raise contrast.'), answer(7, 'raise contrast')], ['visualClarity', 'statusIndicators']);
  assert.deepEqual(agg.visualClarity!.recommendations, ['Raise contrast.', 'Use bold for headers.']);
  assert.equal(agg.statusIndicators, undefined, 'a criterion nobody scored has no aggregate');
});

test('the retry wait obeys retry-after-ms, then retry-after (seconds or a date), else backs off exponentially', () => {
  const policy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 20_000, maxHonouredWaitMs: 60_000 };
  const none = () => 0;
  assert.equal(retryDelayMs(0, new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), policy, none), 250);
  assert.equal(retryDelayMs(0, new Headers({ 'retry-after': '2' }), policy, none), 2000);
  const date = new Date(Date.now() + 30_000).toUTCString();
  const fromDate = retryDelayMs(0, new Headers({ 'retry-after': date }), policy, none);
  assert.ok(fromDate > 25_000 && fromDate <= 30_000, String(fromDate));
  assert.deepEqual([0, 1, 2, 3].map((r) => retryDelayMs(r, undefined, policy, none)), [500, 1000, 2000, 4000]);
  assert.equal(retryDelayMs(10, undefined, policy, none), 20_000, 'capped');
  assert.equal(retryDelayMs(1, new Headers({ 'retry-after': '3600' }), policy, none), 1000, 'an hour is not obeyed; our own backoff applies');
  assert.equal(retryDelayMs(0, undefined, policy, () => 1), 375, 'jitter takes off at most a quarter');
});

test('cost comes from the price table by model family; local servers cost nothing; unknown models are null', () => {
  assert.equal(estimateCost('gpt-4o-mini-2024-07-18', 1_000_000, 0, false), 0.15);
  assert.equal(estimateCost('openai/gpt-4.1-mini', 0, 1_000_000, false), 1.6);
  assert.equal(estimateCost('gpt-4o', 1000, 1000, false), 0.0125);
  assert.equal(estimateCost('llava:13b', 1000, 1000, true), 0);
  assert.equal(estimateCost('llava:13b', 1000, 1000, false), null);
});

test('the cache key ignores key order but not image bytes, model or sample number', () => {
  const body = (model: string, img: string) => ({ model, messages: [{ role: 'user' as const, content: [{ type: 'image_url' as const, image_url: { url: `data:image/png;base64,${img}` } }] }], max_tokens: 10 });
  const base = requestHash(body('m', 'AAAA'), { baseURL: 'http://x/v1', sample: 1 });
  const reordered = { max_tokens: 10, messages: body('m', 'AAAA').messages, model: 'm' };
  assert.equal(requestHash(reordered, { baseURL: 'http://x/v1', sample: 1 }), base);
  assert.notEqual(requestHash(body('m', 'AAAB'), { baseURL: 'http://x/v1', sample: 1 }), base);
  assert.notEqual(requestHash(body('n', 'AAAA'), { baseURL: 'http://x/v1', sample: 1 }), base);
  assert.notEqual(requestHash(body('m', 'AAAA'), { baseURL: 'http://x/v1', sample: 2 }), base);
});

test('secrets are masked in text and base URLs lose credentials', () => {
  assert.equal(redactSecrets('key sk-abcdef123 and sk-abcdef123', ['sk-abcdef123']), 'key [redacted] and [redacted]');
  assert.equal(redactSecrets('not-needed stays', ['not-needed']), 'not-needed stays');
  assert.equal(sanitizeURL('https://user:pw@proxy.example/v1?api_key=abc&x=1'), 'https://proxy.example/v1?api_key=%5Bredacted%5D&x=1');
});

test('judge RUN_DIR reads frames.json from the run folder or, for reports/<id>, from recordings/<id>', async () => {
  const root = await tempDir();
  const rec = join(root, 'recordings', 'run-1');
  const rep = join(root, 'reports', 'run-1');
  await mkdir(rep, { recursive: true });
  await mkdir(rec, { recursive: true });
  const frames = await makeFrames(rec, 2);
  await writeJson(join(rec, 'frames.json'), { schemaVersion: 1, frames: frames.map((f) => ({ ...f, videoFrame: 3 })), grid: 'grid.png' });
  await recordSession({ command: 'echo', args: ['demo-target', '--seed', '1'], output: join(rec, 'session.cast'), sessionPath: join(rec, 'session.json') });
  await writeJson(join(rep, 'metrics.json'), { criteria: { visualClarity: { score: 8 } } });
  const inputs = await readJudgeInputs(rep);
  assert.equal(inputs.baseDir, rec);
  assert.equal(inputs.outFile, join(rep, 'judgments.json'));
  assert.deepEqual(inputs.frames.map((f) => f.file), ['frames/01.png', 'frames/02.png']);
  assert.equal(inputs.gridFile, 'grid.png');
  assert.equal(inputs.command, 'echo demo-target --seed 1', 'the command line from the recording folder\'s session.json');
  assert.equal(inputs.measuredFacts, '', 'a metrics.json without measures gives no facts, and never its score');
  await assert.rejects(readJudgeInputs(root), /no frames\.json/);
});
