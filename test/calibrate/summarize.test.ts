import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrationNotes, criterionResults, overallResult, passedGate, scorePair, type CalibratedEntry } from '../../src/calibrate/index.js';
import type { CorpusEntry, KnownPair } from '../../src/corpus/manifest.js';

const corpusEntry = (id: string): CorpusEntry => ({ id, program: 'p', kind: 'k', packages: [], expect: {}, why: {}, cast: `${id}.cast`, frame: `${id}.png` });
const scored = (id: string, visualClarity: [number, number, number]): CalibratedEntry => ({
  id,
  program: 'p',
  frames: 6,
  framesDir: `frames/${id}`,
  scores: { visualClarity: { median: visualClarity[0], min: visualClarity[1], max: visualClarity[2], n: 3 } },
  requests: 3,
  tokens: 100,
  costUsd: null,
});

test('a tie is counted as a tie and not as a correct order; margins and spreads are means', () => {
  const entries = new Map([scored('a', [8, 7, 9]), scored('a-dim', [8, 8, 8]), scored('b', [6, 5, 6]), scored('b-dim', [3, 1, 4])].map((e) => [e.id, e]));
  const pair = (better: string, worse: string): KnownPair => ({ better: corpusEntry(better), worse: corpusEntry(worse), criterion: 'visualClarity' });
  const pairs = [scorePair(pair('a', 'a-dim'), entries), scorePair(pair('b', 'b-dim'), entries, { first: 'baseline', second: 'current', tokens: 10, costUsd: null })];
  assert.deepEqual(pairs.map((p) => [p.margin, p.correct]), [[0, false], [3, true]]);
  assert.deepEqual(pairs[1]!.pairwise, { first: 'better', second: 'worse', verdict: 'inconsistent', correct: false, flip: true, tokens: 10, costUsd: null });
  const criteria = criterionResults(pairs, [...entries.values()], true);
  assert.deepEqual(criteria.visualClarity, { pairs: 2, correct: 1, ties: 1, accuracy: 0.5, meanMargin: 1.5, spread: 1.5, pairwise: { correct: 0, accuracy: 0, flips: 1 } });
  const overall = overallResult(pairs, true);
  assert.deepEqual(overall, { pairs: 2, correct: 1, accuracy: 0.5, pairwiseAccuracy: 0, flips: 1 });
  assert.equal(passedGate(overall, 0.5), false, 'the side-by-side accuracy gates too');
  assert.equal(passedGate({ pairs: 2, correct: 1, accuracy: 0.5 }, 0.5), true);
  const notes = calibrationNotes(criteria, 0.8, new Set(['visualClarity']));
  assert.deepEqual(notes, [
    'Visual clarity: ordered 50 % of 2 known pairs correctly, under the minimum 80 %',
    'Visual clarity: the pairwise verdict turned round with the sides swapped on 1 of 2 pairs (position bias)',
    'Visual clarity: only 2 known pairs; one answer moves the accuracy a lot',
  ]);
});
