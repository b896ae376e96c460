import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { configFromObject } from '../../src/config/index.js';
import { runPipeline, type RunOutcome, type RunStatus, type StageRecord } from '../../src/pipeline/index.js';
import { startFakeOpenAIServer, userText } from '../helpers/fake-openai-server.js';
import { fastDemo, offlineEnv, tempRoots } from './helpers.js';

const stateOf = (o: RunOutcome) => Object.fromEntries(o.stages.map((s: StageRecord) => [s.name, s.state]));
const readStatus = (o: RunOutcome) => JSON.parse(readFileSync(o.layout.status, 'utf8')) as RunStatus;

test('a demo run goes through every stage offline and leaves a report folder that stands alone', async (t) => {
  const roots = await tempRoots();
  const first = await runPipeline(fastDemo(), { roots, env: offlineEnv() });
  assert.equal(first.exitCode, 0, first.error?.message);
  assert.deepEqual(stateOf(first), { pretest: 'done', record: 'done', render: 'done', frames: 'done', inspect: 'done', judge: 'skipped', report: 'done' });
  assert.match(first.stages.find((s) => s.name === 'judge')!.note!, /no vision model configured/);

  const r = first.layout;
  for (const f of ['index.html', 'scorecard.md', 'scorecard.json', 'metrics.json', 'pretest.json', 'frames.json', 'grid.png', 'session.cast', 'session.json', 'session.mp4', 'video.json', 'frames/01.png']) {
    assert.ok(existsSync(join(r.reportDir, f)), `report folder has ${f}`);
  }
  assert.ok(existsSync(r.cast) && existsSync(r.video), 'the recording folder keeps the cast and the video');
  const md = readFileSync(r.scorecardMd, 'utf8');
  assert.match(md, /\| Visual clarity \| — \| 10\.0 \|/);
  assert.match(md, /offline \(measured checks only: no vision model configured/);
  assert.ok(first.scorecard && first.scorecard.judge === 'offline');

  const status = readStatus(first);
  assert.equal(status.state, 'passed');
  assert.equal(status.exitCode, 0);
  assert.equal(status.runId, r.runId);
  assert.match(status.verdict!, /^passed: visualClarity 10\.0/);
  assert.ok(status.artifacts.includes(r.scorecardMd));

  await t.test('rerunning from render redoes nothing whose inputs are unchanged', async () => {
    const again = await runPipeline(fastDemo(), { roots, env: offlineEnv(), from: 'render', runDir: r.reportDir });
    assert.equal(again.exitCode, 0, again.error?.message);
    assert.equal(again.layout.runId, r.runId);
    assert.deepEqual(stateOf(again), { pretest: 'reused', record: 'reused', render: 'unchanged', frames: 'unchanged', inspect: 'unchanged', judge: 'skipped', report: 'done' });
  });

  await t.test('a changed setting redoes its stage and what depends on it, and nothing before', async () => {
    const c = fastDemo();
    const changed = await runPipeline({ ...c, frames: { ...c.frames, count: 4 } }, { roots, env: offlineEnv(), from: 'render' });
    assert.equal(changed.layout.runId, r.runId, 'without --run, the newest run of the target is continued');
    assert.deepEqual(stateOf(changed), { pretest: 'reused', record: 'reused', render: 'unchanged', frames: 'done', inspect: 'unchanged', judge: 'skipped', report: 'done' });
    assert.equal(changed.scorecard!.frames.length, 4);
  });

  await t.test('with a model behind an OpenAI-compatible URL, its scores stand beside the offline ones', async () => {
    const server = await startFakeOpenAIServer({ responder: () => ({ type: 'answer', scores: 5 }) });
    try {
      const judged = await runPipeline(fastDemo(), { roots, env: offlineEnv({ OPENAI_BASE_URL: server.baseURL }), from: 'judge' });
      assert.equal(judged.exitCode, 0, judged.error?.message);
      assert.equal(stateOf(judged).judge, 'done');
      assert.ok(server.chatRequests().length >= 1);
      const vc = judged.scorecard!.criteria.find((c) => c.key === 'visualClarity')!;
      assert.equal(vc.model?.median, 5);
      assert.equal(vc.offline?.score, 10);
      assert.equal(vc.score, 5, 'the model median decides the verdict');
      assert.match(readFileSync(r.scorecardMd, 'utf8'), /\| Visual clarity \| 5\.0 \(range 5\.0–5\.0, n=1\) \| 10\.0 \|/);
      // Blind: the model got the demo's measurements as facts, never the offline 10s it is now 5 points from.
      const sent = userText(server.chatRequests()[0]!.body);
      assert.match(sent, /## Measured facts[\s\S]*text cells are below 4\.5:1[\s\S]*status icons: \d+ kinds/);
      assert.doesNotMatch(sent, /offline score|\/10\b|trust them/i);
      assert.deepEqual(judged.scorecard!.agreement, { threshold: 3, needsLook: ['visualClarity', 'informationOrganization', 'statusIndicators', 'userExperience'] });

      // judge.facts: none sends the frames alone; judge.calibration is cited in the scorecard.
      const calibration = join(roots.reports, 'calibration.json');
      writeFileSync(calibration, JSON.stringify({ schemaVersion: 1, provider: 'custom', model: 'fake-vision-1', promptSet: 'default', criteria: { statusIndicators: { pairs: 4, accuracy: 0.75 } } }));
      const c = fastDemo();
      const blind = await runPipeline({ ...c, judge: { ...c.judge, facts: 'none', calibration } }, { roots, env: offlineEnv({ OPENAI_BASE_URL: server.baseURL }), from: 'judge' });
      assert.equal(blind.exitCode, 0, blind.error?.message);
      assert.doesNotMatch(userText(server.chatRequests().at(-1)!.body), /Measured facts/);
      assert.equal(blind.scorecard!.criteria.find((x) => x.key === 'statusIndicators')!.calibration?.text, 'this model ordered 75 % of known pairs correctly on status indicators (4 pairs)');

      const gated = await runPipeline(fastDemo(), { roots, env: offlineEnv({ OPENAI_BASE_URL: server.baseURL }), from: 'report', minScores: { visualClarity: 6 } });
      assert.equal(gated.exitCode, 5, 'a score under its minimum is a failed quality gate');
      assert.match(gated.error!.message, /quality gate failed: Visual clarity 5\.0 < 6/);
      assert.ok(existsSync(r.scorecardMd), 'the scorecard is written even when the gate fails');
      assert.equal(readStatus(gated).state, 'failed');
      assert.equal(readStatus(gated).error?.code, 'quality-gate');
    } finally {
      await server.close();
    }
  });

  await t.test('a judge whose answers are unusable fails the run with exit 2 but keeps the offline scorecard', async () => {
    const server = await startFakeOpenAIServer({ responder: () => ({ type: 'content', content: 'I cannot score this.' }) });
    try {
      const failed = await runPipeline(fastDemo(), { roots, env: offlineEnv({ OPENAI_BASE_URL: server.baseURL }), from: 'judge' });
      assert.equal(failed.exitCode, 2);
      assert.equal(stateOf(failed).judge, 'failed');
      assert.equal(stateOf(failed).report, 'done');
      assert.equal(failed.scorecard!.judge, 'offline');
      assert.match(readFileSync(r.judgments, 'utf8'), /I cannot score this\./, 'the raw answer is kept as evidence');
    } finally {
      await server.close();
    }
  });

  await t.test("the config's judge.maxTokens and judge.reasoningEffort reach a reasoning model, and the stage counts its reasoning tokens", async () => {
    const server = await startFakeOpenAIServer({ reasoning: { rejectTemperature: true, reasoningTokens: 500 } });
    try {
      const c = fastDemo();
      const config = { ...c, judge: { ...c.judge, model: 'gpt-5.4-mini', maxTokens: 6000, reasoningEffort: 'medium' as const } };
      const judged = await runPipeline(config, { roots, env: offlineEnv({ OPENAI_BASE_URL: server.baseURL }), from: 'judge' });
      assert.equal(judged.exitCode, 0, judged.error?.message);
      const body = server.chatRequests()[0]!.body;
      assert.deepEqual([body.model, body.max_tokens, body.reasoning_effort, body.temperature], ['gpt-5.4-mini', 6000, 'medium', undefined]);
      assert.match(judged.stages.find((s) => s.name === 'judge')!.note!, /gpt-5\.4-mini: \d+ requests, \d+ tokens \(\d+ reasoning\)/);
    } finally {
      await server.close();
    }
  });
});

test('a failing pre-test stops the run before anything is recorded, with exit 2 and the reason', async () => {
  const roots = await tempRoots();
  const outcome = await runPipeline(fastDemo({ faults: ['agent-error'] }), { roots, env: offlineEnv() });
  assert.equal(outcome.exitCode, 2);
  assert.equal(outcome.error?.code, 'pretest-failed');
  assert.match(outcome.error!.message, /^pre-test failed: .*error/);
  assert.equal(stateOf(outcome).record, 'pending');
  assert.ok(!existsSync(outcome.layout.cast), 'nothing was recorded');
  const status = readStatus(outcome);
  assert.equal(status.state, 'failed');
  assert.equal(status.stage, 'pretest');
  assert.equal(status.error?.exitCode, 2);
  assert.ok(existsSync(outcome.layout.pretest), 'pretest.json says what happened');
});

test('a pre-test that outlives its timeout ends the run with exit 3', async () => {
  const roots = await tempRoots();
  const c = fastDemo({ faults: ['hang'] });
  const outcome = await runPipeline({ ...c, pretest: { ...c.pretest!, timeout: 2 } }, { roots, env: offlineEnv() });
  assert.equal(outcome.exitCode, 3);
  assert.equal(outcome.error?.code, 'timeout');
  assert.equal(readStatus(outcome).error?.code, 'timeout');
});

test('a target that crashes while recording ends the run with exit 2 and keeps its recording', async () => {
  const roots = await tempRoots();
  const c = fastDemo({ faults: ['crash-after=1'] });
  const outcome = await runPipeline({ ...c, pretest: null }, { roots, env: offlineEnv() });
  assert.equal(outcome.exitCode, 2);
  assert.equal(outcome.error?.code, 'target-failed');
  assert.equal(stateOf(outcome).pretest, 'skipped');
  assert.ok(existsSync(outcome.layout.cast) && readFileSync(outcome.layout.cast, 'utf8').split('\n').length > 2, 'the cast up to the crash is kept');
  assert.ok(outcome.artifacts.includes(outcome.layout.cast));
});

test('an interrupt during the recording stops the target, keeps the cast and says interrupted, exit 4', async () => {
  const roots = await tempRoots();
  const controller = new AbortController();
  const c = fastDemo({ vars: { speed: '1' } });
  const outcome = await runPipeline(
    { ...c, pretest: null },
    {
      roots,
      env: offlineEnv(),
      signal: controller.signal,
      onEvent: (e) => {
        if (e.kind === 'stage-started' && e.stage === 'record') setTimeout(() => controller.abort(), 1500);
      },
    },
  );
  assert.equal(outcome.exitCode, 4);
  assert.equal(stateOf(outcome).record, 'interrupted');
  assert.equal(stateOf(outcome).render, 'pending');
  assert.ok(existsSync(outcome.layout.cast), 'the cast so far is kept');
  const status = readStatus(outcome);
  assert.equal(status.state, 'interrupted');
  assert.equal(status.exitCode, 4);
  assert.ok(status.artifacts.includes(outcome.layout.cast));
});

test('--from with no earlier run of the target says so and how to start one', async () => {
  const roots = await tempRoots();
  await assert.rejects(runPipeline(fastDemo(), { roots, env: offlineEnv(), from: 'render' }), (e: Error) => {
    assert.match(e.message, /--from render: there is no earlier run of "demo"/);
    return true;
  });
});

test('a config whose recording is a VHS tape runs through every stage with the tape deciding the look', async (t) => {
  const roots = await tempRoots();
  const tapeFile = join(roots.dir, 'small.tape');
  const lookFile = join(roots.dir, 'look.tape');
  writeFileSync(lookFile, 'Set Theme "Nord"\n');
  writeFileSync(tapeFile, 'Set Width 640\nSet Height 320\nSource look.tape\nSet TypingSpeed 1ms\nType "echo small" Enter\nWait+Screen /^small$/\n');
  const config = configFromObject({ name: 'tapey', record: { tape: 'small.tape', timeout: '30s' }, frames: { count: 3 } }, roots.dir);
  const outcome = await runPipeline(config, { roots, env: offlineEnv() });
  assert.equal(outcome.exitCode, 0, outcome.error?.message);
  const video = JSON.parse(readFileSync(outcome.layout.videoJson, 'utf8')) as { width: number; height: number; theme: string };
  assert.deepEqual([video.width, video.height, video.theme], [640, 320, 'Nord']);
  assert.match(readFileSync(outcome.layout.cast, 'utf8'), /small/);
  assert.match(outcome.scorecard!.run.command, /^\(tape .*small\.tape\)$/);

  await t.test('a setting changed in a file the tape sources redoes the render', async () => {
    writeFileSync(lookFile, 'Set Theme "Dracula"\n');
    const again = await runPipeline(config, { roots, env: offlineEnv(), from: 'render', runDir: outcome.layout.reportDir });
    assert.equal(again.exitCode, 0, again.error?.message);
    assert.equal(stateOf(again).render, 'done');
    const redone = JSON.parse(readFileSync(again.layout.videoJson, 'utf8')) as { theme: string };
    assert.equal(redone.theme, 'Dracula');
  });
});

test('a config with steps drives an interactive program, and strategy markers takes a frame at each step that changed the screen', async () => {
  const roots = await tempRoots();
  const config = configFromObject(
    {
      name: 'shell',
      command: 'bash --norc --noprofile',
      record: {
        cols: 60,
        rows: 10,
        env: { PS1: '$ ' },
        timeout: '30s',
        steps: [
          { wait: '/\\$ $/' },
          { marker: 'prompt' },
          { type: 'echo hello from steps', speed: '5ms' },
          { key: 'Enter' },
          { wait: '/^hello from steps$/', scope: 'screen' },
          { marker: 'echoed' },
          { type: 'exit' },
          { key: 'Enter' },
          'wait-exit',
        ],
      },
      render: { width: 480, height: 270 },
      frames: { strategy: 'markers' },
    },
    roots.dir,
  );
  const outcome = await runPipeline(config, { roots, env: offlineEnv() });
  assert.equal(outcome.exitCode, 0, outcome.error?.message);
  const frames = outcome.scorecard!.frames;
  assert.ok(frames.length >= 2, `one frame per marker, got ${frames.length}`);
  assert.ok(frames.every((f) => /marker/.test(f.reason)), frames.map((f) => f.reason).join('; '));
  const video = JSON.parse(readFileSync(outcome.layout.videoJson, 'utf8')) as { markers: Array<{ label: string }> };
  assert.ok(['prompt', 'echoed'].every((l) => video.markers.some((m) => m.label === l)), 'the marker steps are in the video');
  assert.match(readFileSync(outcome.layout.cast, 'utf8'), /hello from steps/);
  const session = JSON.parse(readFileSync(outcome.layout.session, 'utf8')) as { steps: Array<{ status: string }> };
  assert.ok(session.steps.length >= 9 && session.steps.every((s) => s.status === 'ok'), JSON.stringify(session.steps));
});
