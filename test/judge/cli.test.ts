import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Judgments } from '../../src/judge/index.js';
import { inspectCast, writeInspectResult, type InspectResult } from '../../src/inspect/index.js';
import { derivedScore, startFakeOpenAIServer, userText } from '../helpers/fake-openai-server.js';
import { castWithProblems, makeFrames, tempDir, writeJson } from './setup.js';

/** Run the real CLI in a child process (async, so the fake server in this process keeps answering). */
function termlens(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: clean, cwd: process.cwd() }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function runFolder(): Promise<string> {
  const dir = await tempDir();
  const frames = await makeFrames(dir, 2);
  await writeJson(join(dir, 'frames.json'), { schemaVersion: 1, frames });
  // A real metrics.json, inspected from a recording that loses offline points.
  await writeInspectResult(await inspectCast(await castWithProblems(dir)), join(dir, 'metrics.json'));
  return dir;
}

test('termlens judge RUN_DIR asks the server named by the environment and writes judgments.json there', async () => {
  const server = await startFakeOpenAIServer();
  try {
    const dir = await runFolder();
    const r = await termlens(['judge', dir, '--samples', '2', '--prompts', 'status-indicators', '--cache-dir', join(dir, 'cache'), '--question', 'Sort a list'], {
      OPENAI_BASE_URL: server.baseURL,
      TERMLENS_JUDGE_MODEL: 'fake-vision-1',
    });
    assert.equal(r.code, 0, r.stderr);
    // Two frames sent: the fake server's derived score for the first criterion.
    const expected = derivedScore(2, 0);
    assert.match(r.stdout, new RegExp(`statusIndicators\\s+${expected}\\s+\\(min ${expected}, max ${expected}, n 2\\)`));
    assert.match(r.stdout, /judgments: .*judgments\.json/);
    assert.match(r.stderr, /\[2\/2\] status-indicators sample \d: ok/);
    const j = JSON.parse(await readFile(join(dir, 'judgments.json'), 'utf8')) as Judgments;
    assert.equal(j.schemaVersion, 1);
    assert.equal(j.provider, 'custom');
    assert.equal(j.promptSet, 'status-indicators');
    assert.match(j.prompts[0]!.text, /Sort a list/);
    assert.equal(server.chatRequests().length, 2);
    // What the server received is what judgments.json says was sent, and it is blind to the offline scores.
    const body = server.chatRequests()[0]!.body;
    const sent = userText(body);
    assert.equal(body.messages[0].content, j.prompts[0]!.system);
    assert.ok(sent.includes(j.prompts[0]!.text), 'the stored prompt text is the text the server received');
    assert.equal(j.params.facts, 'measures');
    assert.match(sent, /## Measured facts[\s\S]*text cells are below 4\.5:1[\s\S]*escape-code debris shown as text: \d+ occurrence/);
    const metrics = JSON.parse(await readFile(join(dir, 'metrics.json'), 'utf8')) as InspectResult;
    assert.ok(metrics.criteria.visualClarity.score < 10);
    assert.doesNotMatch(sent, /offline score|\bpoints?\b|\/10\b|trust them/i);
    for (const c of Object.values(metrics.criteria)) {
      for (const part of c.components) assert.ok(!sent.includes(`${part.points}/${part.max}`), `component ${part.name} leaked`);
    }
  } finally {
    await server.close();
  }
});

test('termlens judge --facts none sends the frames without any measured facts', async () => {
  const server = await startFakeOpenAIServer();
  try {
    const dir = await runFolder();
    const r = await termlens(['judge', dir, '--samples', '1', '--facts', 'none', '--no-cache'], { OPENAI_BASE_URL: server.baseURL, TERMLENS_JUDGE_MODEL: 'fake-vision-1' });
    assert.equal(r.code, 0, r.stderr);
    const sent = userText(server.chatRequests()[0]!.body);
    assert.doesNotMatch(sent, /Measured facts|text cells are|debris shown/);
    assert.match(sent, /You are given 2 frames/);
    const j = JSON.parse(await readFile(join(dir, 'judgments.json'), 'utf8')) as Judgments;
    assert.equal(j.params.facts, 'none');
  } finally {
    await server.close();
  }
});

test('termlens judge with nothing configured fails with the reason and exit code 1', async () => {
  const dir = await runFolder();
  const r = await termlens(['judge', dir], {});
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no vision model configured; set OPENAI_API_KEY/);
});

test('a judge failure exits 2 and still leaves judgments.json with the raw answer', async () => {
  const server = await startFakeOpenAIServer({ responder: () => ({ type: 'content', content: 'Sorry, I only do text.' }) });
  try {
    const dir = await runFolder();
    const r = await termlens(['judge', dir, '--samples', '1', '--no-cache', '--base-url', server.baseURL, '--model', 'fake-vision-1'], {});
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /judge-failed|no JSON object/);
    const j = JSON.parse(await readFile(join(dir, 'judgments.json'), 'utf8')) as Judgments;
    assert.equal(j.status, 'failed');
    assert.equal(j.prompts[0]!.samples[0]!.raw, 'Sorry, I only do text.');
  } finally {
    await server.close();
  }
});
