import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  applyThresholdFlags,
  applyThresholdObject,
  criterionDeltas,
  defaultThresholds,
  loadThresholdsFile,
  metricDeltas,
  type ModelScore,
  type RunFolder,
} from '../../src/compare/index.js';
import { TermlensError } from '../../src/errors/index.js';
import { tempDir } from '../helpers/media.js';

const model = (median: number, min: number, max: number): ModelScore => ({ median, min, max, spread: max - min, n: 3 });
function folder(offline: number, m?: ModelScore): RunFolder {
  return {
    dir: '/x',
    runId: 'x',
    judge: m ? 'fake/model' : 'offline',
    offline: { visualClarity: offline, informationOrganization: 8, statusIndicators: 8, userExperience: 8 },
    model: m ? { visualClarity: m } : {},
    metrics: {},
    markers: [],
    frameTimes: [],
  };
}

test('the defaults allow a drop of one point per criterion and leave pixels and cells report-only', () => {
  const t = defaultThresholds();
  assert.deepEqual(t.criteria, { visualClarity: 1, informationOrganization: 1, statusIndicators: 1, userExperience: 1 });
  assert.equal(t.metrics.flicker, 0.5);
  assert.equal(t.metrics.debris, 0);
  assert.equal(t.pixels, null);
  assert.equal(t.cells, null);
});

test('an offline score regresses only when it drops by more than the threshold', () => {
  const t = defaultThresholds().criteria;
  assert.equal(criterionDeltas(folder(8), folder(7), t)[0]!.offline.regressed, false, 'a drop of exactly the threshold is allowed');
  assert.equal(criterionDeltas(folder(8), folder(6.9), t)[0]!.offline.regressed, true);
  assert.equal(criterionDeltas(folder(6), folder(9), t)[0]!.offline.regressed, false, 'a rise is never a regression');
});

test("a model score's drop within the larger spread of the two sides is noise, not a regression", () => {
  const t = defaultThresholds().criteria;
  // Median 8 → 6: two points, more than the threshold, but the current samples ranged over 3 points.
  const noisy = criterionDeltas(folder(8, model(8, 7, 9)), folder(8, model(6, 4, 7)), t)[0]!;
  assert.equal(noisy.model!.margin, 3);
  assert.equal(noisy.model!.regressed, false);
  const steady = criterionDeltas(folder(8, model(8, 8, 8)), folder(8, model(6, 6, 6.5)), t)[0]!;
  assert.equal(steady.model!.margin, 1);
  assert.equal(steady.model!.regressed, true);
  const oneSided = criterionDeltas(folder(8, model(8, 8, 8)), folder(8), t)[0]!;
  assert.equal(oneSided.model, undefined);
  assert.equal(oneSided.modelMissing, 'current');
});

test('metrics regress in their worse direction only, beyond their threshold', () => {
  const m = (shareBelow4_5: number, iconKinds: number) => ({ criteria: { visualClarity: { measures: { shareBelow4_5 } }, statusIndicators: { measures: { icons: { distinct: iconKinds } } } } });
  const byKey = (rows: ReturnType<typeof metricDeltas>) => Object.fromEntries(rows.map((r) => [r.key, r]));
  const worse = byKey(metricDeltas(m(0.01, 7), m(0.2, 5), defaultThresholds().metrics));
  assert.equal(worse.contrastFailures!.regressed, true);
  assert.equal(worse.statusIcons!.regressed, true, 'two icon kinds fewer is more than the one allowed');
  const better = byKey(metricDeltas(m(0.2, 5), m(0.01, 7), defaultThresholds().metrics));
  assert.equal(better.contrastFailures!.regressed, false);
  assert.equal(better.statusIcons!.regressed, false);
  assert.equal(worse.flicker!.delta, null, 'a measure missing on both sides has no delta');
  assert.equal(worse.flicker!.regressed, false);
});

test('--threshold takes NAME=VALUE pairs and a bare number for every criterion; later ones win', () => {
  const t = applyThresholdFlags(defaultThresholds(), ['0.5', 'userExperience=2', 'flicker=1.5', 'pixels=0.02', 'cells=off']);
  assert.deepEqual(t.criteria, { visualClarity: 0.5, informationOrganization: 0.5, statusIndicators: 0.5, userExperience: 2 });
  assert.equal(t.metrics.flicker, 1.5);
  assert.equal(t.pixels, 0.02);
  assert.equal(t.cells, null);
});

test('bad threshold names and values are usage errors that say what would work', () => {
  assert.throws(() => applyThresholdFlags(defaultThresholds(), ['visualClarty=1']), (e: unknown) => e instanceof TermlensError && e.code === 'usage' && /Did you mean "visualClarity"/.test(e.hint ?? ''));
  assert.throws(() => applyThresholdFlags(defaultThresholds(), ['flicker=-1']), /threshold "flicker" has the value "-1"/);
  assert.throws(() => applyThresholdFlags(defaultThresholds(), ['pixels=2']), /not a number ≥ 0 and ≤ 1/);
});

test('a thresholds file is read bare or under compare:, with criteria as one number or a map', async () => {
  const dir = await tempDir('termlens-thresholds-');
  const nested = join(dir, 'nested.yaml');
  await writeFile(nested, 'compare:\n  criteria: 2\n  metrics:\n    debris: 3\n  pixels: 0.1\n');
  const a = await loadThresholdsFile(defaultThresholds(), nested);
  assert.equal(a.criteria.statusIndicators, 2);
  assert.equal(a.metrics.debris, 3);
  assert.equal(a.pixels, 0.1);
  const b = applyThresholdObject(defaultThresholds(), { criteria: { visualClarity: 0.25 }, overflow: 0.2 }, 'inline');
  assert.equal(b.criteria.visualClarity, 0.25);
  assert.equal(b.criteria.userExperience, 1);
  assert.equal(b.metrics.overflow, 0.2);
  const broken = join(dir, 'broken.yaml');
  await writeFile(broken, 'criteria: [1, 2\n');
  await assert.rejects(loadThresholdsFile(defaultThresholds(), broken), (e: unknown) => e instanceof TermlensError && e.code === 'config' && /not valid YAML/.test(e.message));
});
