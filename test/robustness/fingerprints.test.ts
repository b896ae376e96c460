import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runPipeline, type RunOutcome, type StageRecord } from '../../src/pipeline/index.js';
import { startFakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { ROOT } from '../helpers/paths.js';
import { fastDemo, offlineEnv, tempRoots } from '../pipeline/helpers.js';

const stateOf = (o: RunOutcome, stage: string) => o.stages.find((s: StageRecord) => s.name === stage)!.state;

test('--from judge redoes the judging after a prompt template or a partial changed, and only then', async (t) => {
  const server = await startFakeOpenAIServer({ responder: () => ({ type: 'answer', scores: 6 }) });
  t.after(() => server.close());
  const roots = await tempRoots();
  // A prompt set of one's own, with a partial beside it that overrides a built-in one.
  const set = join(roots.dir, 'prompts', 'mine');
  cpSync(join(ROOT, 'prompts', 'overall-ux'), set, { recursive: true });
  mkdirSync(join(roots.dir, 'prompts', '_partials'));
  const partial = join(roots.dir, 'prompts', '_partials', 'answer-rules.hbs');
  copyFileSync(join(ROOT, 'prompts', '_partials', 'answer-rules.hbs'), partial);
  const c = fastDemo();
  const config = { ...c, judge: { ...c.judge, prompts: set } };
  const env = offlineEnv({ OPENAI_BASE_URL: server.baseURL });

  const first = await runPipeline(config, { roots, env });
  assert.equal(first.exitCode, 0, first.error?.message);
  assert.equal(stateOf(first, 'judge'), 'done');
  const again = await runPipeline(config, { roots, env, from: 'judge', runDir: first.layout.reportDir });
  assert.equal(stateOf(again, 'judge'), 'unchanged', 'nothing changed: the judgments are kept');

  appendFileSync(partial, '\nKeep every observation short.\n');
  const afterPartial = await runPipeline(config, { roots, env, from: 'judge', runDir: first.layout.reportDir });
  assert.equal(stateOf(afterPartial, 'judge'), 'done', 'an edited partial is a change');

  const template = join(set, readdirSync(set).find((f) => f.endsWith('.hbs'))!);
  appendFileSync(template, '\nLook closely at the status line.\n');
  const afterTemplate = await runPipeline(config, { roots, env, from: 'judge', runDir: first.layout.reportDir });
  assert.equal(stateOf(afterTemplate, 'judge'), 'done', 'an edited template is a change');
});
