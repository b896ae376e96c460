import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { readRunFolder } from '../../src/compare/index.js';
import { TermlensError } from '../../src/errors/index.js';
import { readReportInputs } from '../../src/report/index.js';
import { framesFile, judgmentsFile, metricsFile, pretestFile, scorecardFile, statusFile, writeFileAtomic } from '../../src/run-folder/index.js';
import { tempDir } from '../helpers/paths.js';

const frames = {
  schemaVersion: 1,
  video: 'session.mp4',
  strategy: 'distinct',
  requested: 2,
  width: 960,
  height: 540,
  duration: 3.5,
  frames: [
    { index: 1, time: 0.5, file: 'frames/01.png', reason: 'first screen', videoFrame: 15 },
    { index: 2, time: 3.4, file: 'frames/02.png', reason: 'last screen', videoFrame: 102 },
  ],
  grid: 'grid.png',
};

const metricsCriterion = (score: number) => ({ score, components: [{ name: 'contrast', points: score, max: 10, basis: 'all text readable' }], measures: { lowContrastShare: 0 } });
const metrics = {
  schemaVersion: 1,
  criteria: { visualClarity: metricsCriterion(9), informationOrganization: metricsCriterion(8), statusIndicators: metricsCriterion(7), userExperience: metricsCriterion(6) },
  metrics: { scheme: 'VHS' },
};

function rejects(error: unknown, code: string, ...parts: Array<string | RegExp>): boolean {
  assert.ok(error instanceof TermlensError, `expected a TermlensError, got ${String(error)}`);
  assert.equal(error.code, code);
  for (const part of parts) assert.match(error.message, typeof part === 'string' ? new RegExp(part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : part);
  return true;
}

test('a file written through its artifact reads back the same, fields the schema does not name included', async () => {
  const dir = await tempDir();
  const path = join(dir, framesFile.file);
  await framesFile.write(path, frames);
  assert.deepEqual(await framesFile.read(path, { stage: 'judge' }), frames);
  assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), frames, 'the file on disk is plain JSON of the value');
  const back = await framesFile.read(path, { stage: 'judge' });
  assert.equal((back.frames[0] as unknown as Record<string, unknown>).videoFrame, 15);
});

test('a file of a newer major schemaVersion is refused, saying which version and what to do', async () => {
  const dir = await tempDir();
  const path = join(dir, metricsFile.file);
  await writeFile(path, JSON.stringify({ ...metrics, schemaVersion: 2 }));
  await assert.rejects(metricsFile.read(path, { stage: 'report' }), (e) => rejects(e, 'bad-input', path, 'schemaVersion 2', 'newer than this termlens reads (1)'));
  await assert.rejects(metricsFile.read(path, { stage: 'report' }), (e) => /Upgrade termlens/.test((e as TermlensError).hint ?? ''));
  // A newer minor version of the same major is read: it only adds fields.
  await writeFile(path, JSON.stringify({ ...metrics, schemaVersion: 1.1 }));
  assert.equal((await metricsFile.read(path, { stage: 'report' })).criteria.userExperience.score, 6);
});

test('a malformed file is named with what is wrong and the stage that writes it', async () => {
  const dir = await tempDir();
  const path = join(dir, metricsFile.file);
  await writeFile(path, JSON.stringify({ ...metrics, criteria: { ...metrics.criteria, statusIndicators: { ...metricsCriterion(7), score: 'high' } } }));
  await assert.rejects(metricsFile.read(path, { stage: 'compare' }), (e) =>
    rejects(e, 'bad-input', path, 'is not a valid metrics.json: criteria.statusIndicators.score', 'written by the inspect stage'),
  );
  await writeFile(path, '{"schemaVersion": 1, "criteria": {');
  await assert.rejects(metricsFile.read(path, { stage: 'compare' }), (e) => rejects(e, 'bad-input', path, 'is not valid JSON', 'written by the inspect stage'));
  await writeFile(path, '{"criteria": {}}');
  await assert.rejects(metricsFile.read(path, { stage: 'compare' }), (e) => rejects(e, 'bad-input', 'has no schemaVersion'));
});

test('a missing file is not-found for read, and nothing for readIfPresent', async () => {
  const dir = await tempDir();
  const path = join(dir, scorecardFile.file);
  await assert.rejects(scorecardFile.read(path, { stage: 'report' }), (e) => rejects(e, 'not-found', path, 'does not exist', 'the report stage'));
  assert.equal(await scorecardFile.readIfPresent(path, { stage: 'report' }), undefined);
});

test('an atomic write leaves the file and no temporary file beside it, also when it replaces one', async () => {
  const dir = await tempDir();
  const path = join(dir, statusFile.file);
  const status = { schemaVersion: 1, runId: 'r', pid: 1, state: 'running' as const, stage: null, stages: [], exitCode: null, error: null, verdict: null, scorecard: null, artifacts: [] };
  statusFile.writeSync(path, status);
  statusFile.writeSync(path, { ...status, state: 'passed', exitCode: 0 });
  await framesFile.write(join(dir, framesFile.file), frames);
  await framesFile.write(join(dir, framesFile.file), { ...frames, requested: 3 });
  assert.deepEqual((await readdir(dir)).sort(), ['frames.json', 'status.json']);
  assert.equal(statusFile.readSync(path, { stage: 'pipeline' }).state, 'passed');
});

test('a write that fails names the path, keeps what was there and leaves no temporary file', async () => {
  const dir = await tempDir();
  // A non-empty folder where the file should go: the rename over it fails.
  const blocked = join(dir, 'frames.json');
  await mkdir(blocked);
  await writeFile(join(blocked, 'keep'), 'x');
  await assert.rejects(framesFile.write(blocked, frames), (e) => rejects(e, 'unwritable', blocked));
  assert.deepEqual(await readdir(dir), ['frames.json']);
  assert.ok(existsSync(join(blocked, 'keep')));
  // A folder that does not exist is created only when asked.
  const nested = join(dir, 'a', 'b', 'index.html');
  await assert.rejects(writeFileAtomic(nested, '<p>', { stage: 'report' }), (e) => rejects(e, 'unwritable', nested));
  await writeFileAtomic(nested, '<p>', { stage: 'report', createFolder: true });
  assert.deepEqual(await readdir(join(dir, 'a', 'b')), ['index.html']);
});

test('a writer refuses a value its readers would refuse, and writes nothing', async () => {
  const dir = await tempDir();
  const path = join(dir, framesFile.file);
  await assert.rejects(framesFile.write(path, { schemaVersion: 1, frames: [{ index: 1, time: 'soon' }] } as never), (e) => rejects(e, 'execution', 'invalid frames.json', 'frames.0.time'));
  assert.deepEqual(await readdir(dir), []);
});

test('compare and report refuse a run folder written by a newer termlens, naming the file', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'metrics.json'), JSON.stringify({ ...metrics, schemaVersion: 3 }));
  await writeFile(join(dir, 'frames.json'), JSON.stringify(frames));
  await assert.rejects(readRunFolder(dir, 'baseline'), (e) => rejects(e, 'bad-input', join(dir, 'metrics.json'), 'schemaVersion 3'));
  await assert.rejects(readReportInputs(dir), (e) => rejects(e, 'bad-input', join(dir, 'metrics.json'), 'schemaVersion 3'));
  await writeFile(join(dir, 'metrics.json'), JSON.stringify(metrics));
  const folder = await readRunFolder(dir, 'baseline');
  assert.deepEqual(folder.offline, { visualClarity: 9, informationOrganization: 8, statusIndicators: 7, userExperience: 6 });
  assert.deepEqual(folder.frameTimes, [0.5, 3.4]);
});

test('fields later stages added are checked on read too: agreement, calibration, the judge parameters, the massgen contract', async () => {
  const dir = await tempDir();
  const criterion = { key: 'visualClarity', title: 'Visual clarity', score: 4, verdict: 'poor', findings: [], recommendations: [] };
  const agreement = { offline: 9, model: 4, gap: 5, needsLook: true, modelFrames: [2], offlineFrames: [1], note: 'needs a look' };
  const card = {
    schemaVersion: 1,
    run: { runId: 'r', target: 't', command: 'c', date: '2026-01-01', termlensVersion: '0.1.0', recordedInParallel: true },
    judge: 'offline',
    criteria: [{ ...criterion, agreement, calibration: { accuracy: 0.92, pairs: 12, text: 'this model ordered 92 % of known pairs correctly' } }],
    frames: [],
    gates: [],
    passed: true,
    agreement: { threshold: 3, needsLook: ['visualClarity'] },
    calibration: { file: 'calibration.json', provider: 'custom', model: 'm', promptSet: 'default' },
  };
  const cardPath = join(dir, scorecardFile.file);
  await writeFile(cardPath, JSON.stringify(card));
  const read = await scorecardFile.read(cardPath, { stage: 'compare' });
  assert.equal(read.criteria[0]!.agreement!.gap, 5);
  assert.deepEqual(read.agreement!.needsLook, ['visualClarity']);
  await writeFile(cardPath, JSON.stringify({ ...card, agreement: { threshold: 3, needsLook: ['prettiness'] } }));
  await assert.rejects(scorecardFile.read(cardPath, { stage: 'compare' }), (e) => rejects(e, 'bad-input', 'scorecard.json: agreement.needsLook.0'));

  const judgments = { schemaVersion: 1, status: 'ok', provider: 'custom', model: 'm', promptSet: 'default', criteria: {}, params: { samples: 3, maxTokens: 16000, reasoningEffort: 'low', facts: 'measures' } };
  const judgmentsPath = join(dir, judgmentsFile.file);
  await writeFile(judgmentsPath, JSON.stringify(judgments));
  assert.equal((await judgmentsFile.read(judgmentsPath, { stage: 'report' })).params!.facts, 'measures');
  await writeFile(judgmentsPath, JSON.stringify({ ...judgments, params: { ...judgments.params, facts: 'scores' } }));
  await assert.rejects(judgmentsFile.read(judgmentsPath, { stage: 'report' }), (e) => rejects(e, 'bad-input', 'judgments.json: params.facts'));

  const pretest = { schemaVersion: 1, verdict: 'passed', reason: 'ok', protocol: 'massgen', command: 'massgen', durationSeconds: 3, exitCode: 0, signal: null };
  const pretestPath = join(dir, pretestFile.file);
  await writeFile(pretestPath, JSON.stringify({ ...pretest, contract: { statusFile: null, statusFoundBy: null, linesSeen: 'WINNER' } }));
  await assert.rejects(pretestFile.read(pretestPath, { stage: 'report' }), (e) => rejects(e, 'bad-input', 'pretest.json: contract.'));
});
