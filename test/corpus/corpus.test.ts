/**
 * The corpus of real programs (test/corpus/corpus.yaml): every recording's
 * offline scores fall in the ranges a reviewer chose from its frames, and
 * every degraded variant scores lower than its original on the criterion it
 * attacks while the others stay within about a point.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadCorpus, type CorpusEntry } from '../../src/corpus/manifest.js';
import { CRITERIA, type CriterionKey as CriterionName } from '../../src/criteria.js';
import { inspectCast } from '../../src/inspect/index.js';

const corpus = loadCorpus(fileURLToPath(new URL('.', import.meta.url)));
/** How much a variant must lower the criterion it attacks, at least. */
const MIN_DROP = 1;
/** "About a point": how far a criterion a variant does not attack may move. */
const TOLERANCE = 1.5;

const results = new Map<string, Promise<Record<CriterionName, number>>>();
function scoresOf(entry: CorpusEntry): Promise<Record<CriterionName, number>> {
  let r = results.get(entry.id);
  if (!r) {
    r = inspectCast(entry.cast).then((res) => Object.fromEntries(CRITERIA.map((c) => [c, res.criteria[c].score])) as Record<CriterionName, number>);
    results.set(entry.id, r);
  }
  return r;
}

test('the corpus holds at least 14 real programs, every category the measures must hold on, and the demo with each defect', () => {
  const real = corpus.entries.filter((e) => e.kind !== 'demo');
  const programs = new Set(real.map((e) => e.program.split(' ')[0]));
  assert.ok(programs.size >= 14, `${programs.size} distinct programs: ${[...programs].join(', ')}`);
  for (const kind of ['dashboard', 'progress', 'editor', 'pager', 'file-manager', 'menu', 'stream', 'redraw', 'silent-wait']) {
    assert.ok(real.some((e) => e.kind === kind), `no ${kind} in the corpus`);
  }
  assert.equal(corpus.pairs.filter((p) => p.better.id === 'demo').length, 6);
});

for (const entry of corpus.entries) {
  test(`${entry.id} scores offline within the ranges a reviewer expects from its frames`, async () => {
    const scores = await scoresOf(entry);
    const outside = CRITERIA.filter((c) => {
      const range = entry.expect[c];
      return range !== undefined && (scores[c] < range[0] || scores[c] > range[1]);
    }).map((c) => `${c} ${scores[c]} not in [${entry.expect[c]!.join(', ')}] (${entry.why[c] ?? ''})`);
    assert.deepEqual(outside, []);
  });
}

for (const { better, worse, criterion } of corpus.pairs) {
  test(`${worse.id} scores at least ${MIN_DROP} point lower than ${better.id} on ${criterion}, and about the same elsewhere`, async () => {
    const a = await scoresOf(better);
    const b = await scoresOf(worse);
    assert.ok(a[criterion] - b[criterion] >= MIN_DROP, `${criterion}: ${better.id} ${a[criterion]}, ${worse.id} ${b[criterion]}`);
    for (const c of CRITERIA) {
      if (c === criterion || worse.alsoLowers?.includes(c)) continue;
      assert.ok(Math.abs(a[c] - b[c]) <= TOLERANCE, `${c}: ${better.id} ${a[c]}, ${worse.id} ${b[c]}`);
    }
  });
}
