import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { configFromObject } from '../../src/config/index.js';
import { runPipeline } from '../../src/pipeline/index.js';
import { startFakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { WRITES_MP4, fakeBin } from '../helpers/fake-vhs.js';
import { offlineEnv, tempRoots } from './helpers.js';

// VHS cannot run here (it needs ttyd and a browser); a stand-in `vhs` writes the MP4 the tape asks for.

test('with record.backend vhs, the video VHS makes flows into frames, judge and report, scored by the model alone', async () => {
  const roots = await tempRoots();
  const bin = await fakeBin(WRITES_MP4);
  const server = await startFakeOpenAIServer({ responder: () => ({ type: 'answer', scores: 6 }) });
  try {
    const config = configFromObject({ name: 'through-vhs', command: 'ls', record: { backend: 'vhs', timeout: '30s' }, frames: { count: 2 }, judge: { samples: 1, cache: false } }, roots.dir);
    const env = offlineEnv({ OPENAI_BASE_URL: server.baseURL, PATH: `${bin}:${process.env.PATH}` });
    const outcome = await runPipeline(config, { roots, env });
    assert.equal(outcome.exitCode, 0, outcome.error?.message);
    const states = Object.fromEntries(outcome.stages.map((s) => [s.name, s.state]));
    assert.deepEqual(states, { pretest: 'skipped', record: 'done', render: 'skipped', frames: 'done', inspect: 'skipped', judge: 'done', report: 'done' });
    assert.ok(existsSync(outcome.layout.video) && existsSync(outcome.layout.reportVideo), 'the VHS video is in both folders');
    assert.match(readFileSync(`${outcome.layout.recordingDir}/vhs.tape`, 'utf8'), /^Type `ls`$/m);
    const card = outcome.scorecard!;
    assert.ok(card.criteria.every((c) => c.offline === undefined && c.model?.median === 6 && c.score === 6));
    assert.match(readFileSync(outcome.layout.scorecardMd, 'utf8'), /\| Visual clarity \| 6\.0 \(range 6\.0–6\.0, n=1\) \| — \|/);
  } finally {
    await server.close();
  }
});

test('with record.backend vhs and no model, the run says there is nothing to score and how to fix it', async () => {
  const roots = await tempRoots();
  const bin = await fakeBin(WRITES_MP4);
  const config = configFromObject({ name: 'through-vhs', command: 'ls', record: { backend: 'vhs', timeout: '30s' }, frames: { count: 2 } }, roots.dir);
  const outcome = await runPipeline(config, { roots, env: offlineEnv({ PATH: `${bin}:${process.env.PATH}` }) });
  assert.equal(outcome.exitCode, 1);
  assert.match(outcome.error!.message, /nothing to score/);
  assert.match(outcome.error!.hint!, /Configure a vision model/);
});

test('with record.backend vhs and no vhs on the PATH, the run stops at record with how to install it', async () => {
  const roots = await tempRoots();
  const config = configFromObject({ name: 'through-vhs', command: 'ls', record: { backend: 'vhs', timeout: '30s' } }, roots.dir);
  const outcome = await runPipeline(config, { roots, env: offlineEnv({ PATH: '/usr/bin:/bin' }) });
  assert.equal(outcome.exitCode, 2);
  assert.equal(outcome.error?.code, 'missing-tool');
  assert.match(outcome.error!.message + outcome.error!.hint, /vhs/);
});
