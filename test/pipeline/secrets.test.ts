import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { configFromObject } from '../../src/config/index.js';
import { runPipeline } from '../../src/pipeline/index.js';
import { startFakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { offlineEnv, tempRoots } from './helpers.js';

test('no secret from the environment or the API key lands in any file of the run', async () => {
  const roots = await tempRoots();
  const secret = 'tok-5f1c9e0a7d3b42e8';
  const apiKey = 'sk-test-b7a1c2d3e4f5a6b7';
  const server = await startFakeOpenAIServer();
  try {
    const config = configFromObject(
      {
        name: 'secretive',
        command: 'printf "token has %s characters\\n" "$(printf %s {{env.TL_TOKEN | shell}} | wc -c)"; sleep 0.3',
        pretest: { protocol: 'exit-code', timeout: '20s' },
        record: { cols: 60, rows: 8, timeout: '20s' },
        render: { width: 480, height: 270 },
        frames: { count: 2 },
        judge: { provider: 'openai', baseURL: server.baseURL, model: 'fake-vision-1', samples: 1, cache: false },
      },
      roots.dir,
    );
    const outcome = await runPipeline(config, { roots, env: offlineEnv({ TL_TOKEN: secret, OPENAI_API_KEY: apiKey }) });
    assert.equal(outcome.exitCode, 0, outcome.error?.message);
    assert.ok(server.chatRequests().length > 0, 'the judge ran with the key');
    assert.equal(server.chatRequests()[0]!.headers.authorization, `Bearer ${apiKey}`);
    assert.match(readFileSync(outcome.layout.cast, 'utf8'), /token has 20 characters/, 'the program got the secret');
    for (const file of outcome.artifacts) {
      const bytes = readFileSync(file).toString('latin1');
      assert.ok(!bytes.includes(secret), `${file} holds the environment secret`);
      assert.ok(!bytes.includes(apiKey), `${file} holds the API key`);
    }
    assert.ok(outcome.artifacts.some((f) => f.endsWith('session.json')) && outcome.artifacts.some((f) => f.endsWith('judgments.json')));
  } finally {
    await server.close();
  }
});
