import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { inspectCast, type InspectResult } from '../../src/inspect/index.js';
import { CRITERIA, type CriterionKey } from '../../src/criteria.js';
import { writeDashboardCast, type Defect } from './dashboard.js';
import { DEFECT_ATTACKS } from '../helpers/defects.js';

/** How far a criterion a defect does not attack may move; scores are 0–10. */
const TOLERANCE = 1;
/** How much a defect must lower the criterion it attacks, at least. */
const MIN_DROP = 2.5;

const ATTACKS = DEFECT_ATTACKS;

const scores = (r: InspectResult) => Object.fromEntries(CRITERIA.map((c) => [c, r.criteria[c].score])) as Record<CriterionKey, number>;

let clean: Promise<InspectResult> | undefined;
const cleanResult = () => (clean ??= writeDashboardCast().then((p) => inspectCast(p)));

test('a clean dashboard scores at least 9 on every criterion', async () => {
  const s = scores(await cleanResult());
  for (const c of CRITERIA) assert.ok(s[c] >= 9, `${c} scored ${s[c]}`);
});

for (const [defect, attacked] of Object.entries(ATTACKS) as Array<[Defect, CriterionKey]>) {
  test(`the ${defect} defect lowers ${attacked} and leaves the other criteria within ${TOLERANCE} point`, async () => {
    const base = scores(await cleanResult());
    const spoilt = scores(await inspectCast(await writeDashboardCast({ defect })));
    assert.ok(base[attacked] - spoilt[attacked] >= MIN_DROP, `${attacked}: clean ${base[attacked]}, ${defect} ${spoilt[attacked]}`);
    for (const c of CRITERIA) {
      if (c === attacked) continue;
      assert.ok(Math.abs(base[c] - spoilt[c]) <= TOLERANCE, `${c}: clean ${base[c]}, ${defect} ${spoilt[c]}`);
    }
  });
}

test('the same cast gives the same numbers every time, and so does the same display written twice', async () => {
  const a = await writeDashboardCast({ defect: 'escape-debris' });
  const b = await writeDashboardCast({ defect: 'escape-debris' });
  assert.equal(await readFile(a, 'utf8'), await readFile(b, 'utf8'));
  const first = JSON.stringify(await inspectCast(a));
  const second = JSON.stringify(await inspectCast(a));
  const third = JSON.stringify(await inspectCast(b));
  assert.equal(first, second);
  assert.equal(first, third);
});

test('the result has the fixed shape scorecards read: schemaVersion, four criteria with a 0–10 score, metrics', async () => {
  const r = await cleanResult();
  assert.equal(r.schemaVersion, 1);
  assert.deepEqual(Object.keys(r.criteria), [...CRITERIA]);
  for (const c of CRITERIA) {
    const { score, components, measures } = r.criteria[c];
    assert.ok(score >= 0 && score <= 10 && Math.round(score * 10) === score * 10, `${c} score ${score}`);
    // n/a components are left out; the rest is scaled to 10.
    const applying = components.filter((p) => !p.notApplicable);
    const sum = applying.reduce((n, p) => n + p.points, 0);
    const max = applying.reduce((n, p) => n + p.max, 0);
    assert.ok(Math.abs((10 * sum) / max - score) <= 0.08, `${c}: components add up to ${sum} of ${max}, score ${score}`);
    assert.equal(components.reduce((n, p) => n + p.max, 0), 10);
    assert.ok(measures && typeof measures === 'object');
  }
  assert.ok(r.metrics.sampling.screens > 0);
});
