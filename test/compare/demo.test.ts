/**
 * compare on real runs of the demo target (recorded through the PTY at
 * --speed 5, rendered, inspected, reported): a run against itself shows no
 * difference at all, a second recording of the same program stays within
 * the thresholds, and each --defect is caught as a regression of the
 * criterion it attacks and of no other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { compareRuns, writeComparison } from '../../src/compare/index.js';
import type { CriterionKey } from '../../src/criteria.js';
import { tempDir } from '../helpers/media.js';
import { demoReport, type DemoDefect } from './runs.js';
import { DEFECT_ATTACKS } from '../helpers/defects.js';

const ATTACKS = DEFECT_ATTACKS;

test('comparing a run with itself reports no difference at all', async () => {
  const clean = await demoReport();
  const out = join(await tempDir('termlens-compare-self-'), 'compare');
  const c = await compareRuns({ baseline: clean, current: clean, outDir: out });
  assert.equal(c.identical, true);
  assert.equal(c.passed, true);
  assert.deepEqual(c.regressions, []);
  for (const k of c.criteria) assert.equal(k.offline.delta, 0, k.key);
  for (const m of c.metrics) assert.equal(m.delta, 0, m.key);
  assert.ok(c.screens.length >= 1);
  for (const s of c.screens) assert.equal(s.changedCells, 0, s.label);
  assert.equal(c.alignment, 'time', 'the demo leaves no step markers, so frames are aligned by time');
  assert.ok(c.frames.length >= 3, `${c.frames.length} aligned frames`);
  for (const f of c.frames) {
    assert.equal(f.changedPixels, 0, f.label);
    assert.ok(existsSync(join(out, f.diffFile!)), `${f.diffFile} written`);
  }
  const written = await writeComparison(out, c);
  assert.match(written.markdown, /✅ no difference/);
});

test('a second recording of the same program stays within every threshold', async () => {
  const [a, b] = [await demoReport(), await demoReport(undefined, 'clean-again')];
  const c = await compareRuns({ baseline: a, current: b, outDir: join(await tempDir('termlens-compare-noise-'), 'compare') });
  assert.deepEqual(c.regressions, [], c.regressions.map((r) => r.message).join('\n'));
  assert.equal(c.passed, true);
});

for (const [defect, attacked] of Object.entries(ATTACKS) as Array<[DemoDefect, CriterionKey]>) {
  test(`the ${defect} defect is caught as a regression of ${attacked}, and of no other criterion`, async () => {
    const c = await compareRuns({ baseline: await demoReport(), current: await demoReport(defect), pixels: false, outDir: join(await tempDir('termlens-compare-defect-'), 'compare') });
    assert.equal(c.passed, false);
    assert.deepEqual(c.regressedCriteria, [attacked], c.regressions.map((r) => r.message).join('\n'));
    const delta = c.criteria.find((k) => k.key === attacked)!;
    assert.ok(delta.offline.regressed, `${attacked} offline ${delta.offline.baseline} → ${delta.offline.current}`);
  });
}

test('the defect runs are compared the other way round without a regression: getting better is not one', async () => {
  const c = await compareRuns({ baseline: await demoReport('flicker'), current: await demoReport(), pixels: false, outDir: join(await tempDir('termlens-compare-better-'), 'compare') });
  // Criteria only: the two recordings were made at different moments, and a raw timing metric
  // (first output, longest silence) may move with the machine's load; what must not happen is a
  // criterion that got better being called a regression.
  assert.deepEqual(c.regressedCriteria, [], c.regressions.map((r) => r.message).join('\n'));
  assert.ok(c.criteria.find((k) => k.key === 'userExperience')!.offline.delta > 0);
});
