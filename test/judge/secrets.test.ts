import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatError } from '../../src/errors/index.js';
import { JudgeFailedError, judgeRun, resolveProvider, type JudgeProgress } from '../../src/judge/index.js';
import { startFakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { CONTEXT, makeFrames, tempDir } from './setup.js';

const KEY = 'sk-proj-TESTKEY-9f8e7d6c5b4a39281706';

async function everyFile(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await everyFile(path)));
    else out.push(path);
  }
  return out;
}

test('the API key never appears in judgments.json, cache files, error messages or progress lines', async () => {
  const server = await startFakeOpenAIServer({ echoToken: true });
  try {
    const dir = await tempDir();
    const cacheDir = join(dir, 'cache');
    const frames = await makeFrames(dir, 2);
    const provider = resolveProvider({ flag: { provider: 'openai', baseURL: server.baseURL }, env: { OPENAI_API_KEY: KEY } });
    assert.ok(provider.configured);
    assert.equal(provider.sources.apiKey, 'OPENAI_API_KEY');
    const progress: JudgeProgress[] = [];
    const options = { frames, baseDir: dir, promptSet: 'default', provider, samples: 2, concurrency: 1, cacheDir, context: CONTEXT, retry: { maxRetries: 0 }, onProgress: (e: JudgeProgress) => progress.push(e) };

    // A good run writes the cache and judgments.json.
    const ok = await judgeRun({ ...options, outFile: join(dir, 'ok', 'judgments.json') });
    assert.equal(ok.status, 'ok');
    assert.equal(server.chatRequests()[0]!.headers.authorization, `Bearer ${KEY}`, 'the key really was sent');
    assert.doesNotMatch(ok.baseURL, /TESTKEY/);

    // A failing run where the server echoes the key in its error body and in an answer.
    server.script({ type: 'http', status: 400 }, { type: 'content', content: `I saw your key ${KEY} and refuse to answer.` });
    let error: unknown;
    try {
      await judgeRun({ ...options, cache: false, outFile: join(dir, 'failed', 'judgments.json') });
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof JudgeFailedError);
    assert.match(error.message, /\[redacted\]/, 'the echoed key was masked, not dropped silently');

    const texts = [error.message, formatError(error), JSON.stringify(error.judgments), JSON.stringify(progress)];
    const files = await everyFile(dir);
    assert.ok(files.some((f) => f.includes(join('cache', 'judge'))), 'cache files were written');
    for (const file of files.filter((f) => /\.(json|tmp)$/.test(f))) texts.push(await readFile(file, 'utf8'));
    for (const text of texts) assert.ok(!text.includes(KEY), `the key leaked into: ${text.slice(0, 200)}`);
    assert.ok(!texts.some((t) => t.includes('TESTKEY')), 'not even part of it');
  } finally {
    await server.close();
  }
});
