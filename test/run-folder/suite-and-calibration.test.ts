/**
 * suite.json, a suite's status.json and compare.json, and calibration.json
 * go through the same typed artifacts as a run folder's files: written
 * atomically and checked, read back with one error wording, and a file of a
 * newer major schemaVersion refused by every command that reads it.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCalibrationCitation } from '../../src/calibrate/index.js';
import { writeCalibration } from '../../src/calibrate/write.js';
import type { Calibration } from '../../src/calibrate/types.js';
import { readDurations } from '../../src/cli/commands/suite-run.js';
import { TermlensError } from '../../src/errors/index.js';
import { calibrationFile, suiteFile, suiteStatusFile } from '../../src/run-folder/index.js';
import { suiteVerdict, type ScenarioResult, type SuiteResult } from '../../src/suite/model.js';
import { readSuite } from '../../src/suite/read.js';
import { writeSuite, writeSuiteStatus } from '../../src/suite/write.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';

function scenario(id: string, durationSeconds: number): ScenarioResult {
  return {
    id,
    slug: id,
    values: { theme: id },
    state: 'passed',
    exitCode: 0,
    verdict: 'passed',
    error: null,
    durationSeconds,
    stages: [{ name: 'record', state: 'done', durationSeconds }],
    judge: 'offline',
    scores: { visualClarity: { score: 8, offline: 8, model: null, verdict: 'good' } },
    gates: [{ criterion: 'visualClarity', min: 5, actual: 8, source: 'offline', passed: true }],
    recording: { cols: 80, rows: 24, parallel: false },
    shard: null,
  };
}

function suite(): SuiteResult {
  const scenarios = [scenario('dark', 4.5), scenario('light', 2)];
  return { schemaVersion: 1, suiteId: 'demo-1', name: 'demo', configFile: null, createdAt: '2026-12-04T15:00:00.000Z', termlensVersion: '0', scenarioIds: ['dark', 'light'], shard: null, mergedFrom: [], jobs: 1, scenarios, ...suiteVerdict(scenarios) };
}

function refusedAsNewer(file: string) {
  return (e: unknown) => {
    assert.ok(e instanceof TermlensError, String(e));
    assert.equal(e.code, 'bad-input');
    assert.ok(e.message.includes(file), `names the file: ${e.message}`);
    assert.match(e.message, /has schemaVersion 2, newer than this termlens reads \(1\)/);
    assert.match(e.hint ?? '', /Upgrade termlens/);
    return true;
  };
}

test('a suite folder written by termlens reads back the same suite, and leaves no temporary file', async () => {
  const dir = await tempDir();
  await writeSuite(dir, suite());
  assert.deepEqual(readSuite(dir), suite());
  assert.deepEqual(await suiteFile.read(join(dir, 'suite.json'), { stage: 'suite' }), suite());
  assert.deepEqual((await readdir(dir)).filter((f) => f.endsWith('.tmp')), []);
  assert.deepEqual(readDurations(join(dir, 'suite.json')), new Map([['dark', 4.5], ['light', 2]]));
});

test('a suite.json of a newer major version is refused wherever a suite is read (merge, compare of suites, --durations), naming the file', async () => {
  const dir = await tempDir();
  await mkdir(join(dir, 'shard'));
  const file = join(dir, 'shard', 'suite.json');
  await writeFile(file, JSON.stringify({ ...suite(), schemaVersion: 2 }));
  assert.throws(() => readSuite(join(dir, 'shard')), refusedAsNewer(file));
  assert.throws(() => readDurations(file), refusedAsNewer(file));
  const merged = await runCli(['merge', join(dir, 'shard'), '-o', join(dir, 'merged')]);
  assert.equal(merged.code, 1, merged.stderr);
  assert.ok(merged.stderr.includes(`${file}" has schemaVersion 2, newer than this termlens reads (1)`), merged.stderr);
});

test('a suite.json that lacks what merge needs is named with the field and what writes it', async () => {
  const dir = await tempDir();
  const file = join(dir, 'suite.json');
  const { scenarioIds: _gone, ...withoutIds } = suite();
  await writeFile(file, JSON.stringify(withoutIds));
  assert.throws(
    () => readSuite(dir),
    (e: unknown) => e instanceof TermlensError && e.message.includes(`${file}" is not a valid suite.json: scenarioIds`) && /written by termlens run on a config with a matrix/.test(e.message),
  );
});

test("a suite's status.json is checked before it is written, as a run's is", async () => {
  const dir = await tempDir();
  const status = {
    schemaVersion: 1,
    kind: 'suite' as const,
    suiteId: 'demo-1',
    suiteDir: dir,
    pid: process.pid,
    configFile: null,
    state: 'running' as const,
    scenarios: [{ id: 'dark', slug: 'dark', state: 'running', stage: 'record', exitCode: null, reportDir: join(dir, 'dark') }],
    counts: { total: 1, done: 0, passed: 0, failed: 0, running: 1 },
    startedAt: '2026-12-04T15:00:00.000Z',
    updatedAt: '2026-12-04T15:00:01.000Z',
    elapsedSeconds: 1,
    exitCode: null,
    verdict: null,
  };
  writeSuiteStatus(dir, status);
  assert.deepEqual(suiteStatusFile.readSync(join(dir, 'status.json'), { stage: 'suite' }), status);
  assert.throws(
    () => writeSuiteStatus(dir, { ...status, counts: { ...status.counts, done: 'none' as unknown as number } }),
    (e: unknown) => e instanceof TermlensError && e.code === 'execution' && /invalid status\.json: counts\.done/.test(e.message),
  );
  assert.deepEqual(suiteStatusFile.readSync(join(dir, 'status.json'), { stage: 'suite' }), status, 'the earlier status.json is left whole');
});

const noPairs = { pairs: 0, correct: 0, ties: 0, accuracy: null, meanMargin: null, spread: null };
const calibration: Calibration = {
  schemaVersion: 1,
  createdAt: '2026-12-04T15:00:00.000Z',
  corpus: '/corpus',
  provider: 'custom',
  model: 'vision-1',
  baseURL: 'http://127.0.0.1:1/v1',
  promptSet: 'default',
  samples: 3,
  facts: 'measures',
  pairwise: false,
  minAccuracy: 0.8,
  passed: true,
  overall: { pairs: 2, correct: 2, accuracy: 1 },
  criteria: {
    visualClarity: { pairs: 2, correct: 2, ties: 0, accuracy: 1, meanMargin: 2, spread: 0.5 },
    informationOrganization: noPairs,
    statusIndicators: noPairs,
    userExperience: noPairs,
  },
  entries: [],
  pairs: [],
  totals: { requests: 6, totalTokens: 600, costUsd: null },
  notes: [],
};

test('the calibration.json termlens calibrate writes is the one a scorecard cites', async () => {
  const dir = await tempDir();
  const written = await writeCalibration(dir, calibration);
  assert.deepEqual(JSON.parse(await readFile(written.jsonFile, 'utf8')), calibration);
  assert.deepEqual(readCalibrationCitation(written.jsonFile, 'calibration.json'), {
    file: 'calibration.json',
    provider: 'custom',
    model: 'vision-1',
    promptSet: 'default',
    criteria: {
      visualClarity: { accuracy: 1, pairs: 2 },
      informationOrganization: { accuracy: null, pairs: 0 },
      statusIndicators: { accuracy: null, pairs: 0 },
      userExperience: { accuracy: null, pairs: 0 },
    },
  });
});

test('a calibration.json of a newer major version, or one without a model, is refused with the file named', async () => {
  const dir = await tempDir();
  const file = join(dir, calibrationFile.file);
  await writeFile(file, JSON.stringify({ ...calibration, schemaVersion: 2 }));
  assert.throws(() => readCalibrationCitation(file), refusedAsNewer(file));
  const { model: _gone, ...withoutModel } = calibration;
  await writeFile(file, JSON.stringify(withoutModel));
  assert.throws(
    () => readCalibrationCitation(file),
    (e: unknown) => e instanceof TermlensError && e.code === 'bad-input' && e.message.includes(`${file}" is not a valid calibration.json: model`) && /written by termlens calibrate/.test(e.message),
  );
});
