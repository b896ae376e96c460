/**
 * The figures of a calibration, from the model's scores per recording and
 * its pairwise verdicts: per criterion, how often the known-worse side
 * scored lower (pair accuracy), by how much (mean margin), how much the
 * samples of one recording spread, and how often swapping the sides turned
 * the pairwise verdict round (position-bias flips).
 */
import type { KnownPair } from '../corpus/manifest.js';
import { CRITERIA, CRITERION_TITLES, type CriterionKey } from '../criteria.js';
import { TermlensError } from '../errors/index.js';
import type { CalibratedEntry, CalibratedPair, Calibration, CriterionCalibrationResult } from './types.js';

/** What the pair judge said about one known pair, on its attacked criterion, with the better recording as "baseline". */
export interface PairwiseAnswer {
  first: 'baseline' | 'current' | 'same';
  second: 'baseline' | 'current' | 'same';
  tokens: number;
  costUsd: number | null;
}

const SIDE = { baseline: 'better', current: 'worse', same: 'same' } as const;
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const mean = (xs: number[]) => (xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

/** The scores of one recording of a pair; every recording a pair names is scored before its pairs are. */
function scoredEntry(entries: Map<string, CalibratedEntry>, id: string): CalibratedEntry {
  const entry = entries.get(id);
  if (!entry) {
    throw new TermlensError(`the corpus recording "${id}" was not scored, so its pair cannot be`, { code: 'execution', stage: 'calibrate', hint: 'This is a bug in termlens; please report it with the corpus you used.' });
  }
  return entry;
}

/** One known pair scored: the medians on the attacked criterion, and the pairwise verdict when there is one. */
export function scorePair(pair: KnownPair, entries: Map<string, CalibratedEntry>, pairwise?: PairwiseAnswer): CalibratedPair {
  const better = scoredEntry(entries, pair.better.id).scores[pair.criterion];
  const worse = scoredEntry(entries, pair.worse.id).scores[pair.criterion];
  const betterScore = better?.median ?? NaN;
  const worseScore = worse?.median ?? NaN;
  const margin = round(betterScore - worseScore);
  const out: CalibratedPair = { better: pair.better.id, worse: pair.worse.id, criterion: pair.criterion, betterScore, worseScore, margin, correct: margin > 0 };
  if (pairwise) {
    const first = SIDE[pairwise.first];
    const second = SIDE[pairwise.second];
    const verdict = first === second ? first : 'inconsistent';
    out.pairwise = { first, second, verdict, correct: verdict === 'better', flip: first !== second, tokens: pairwise.tokens, costUsd: pairwise.costUsd };
  }
  return out;
}

export function criterionResults(pairs: CalibratedPair[], entries: CalibratedEntry[], pairwise: boolean): Calibration['criteria'] {
  const out: Calibration['criteria'] = {};
  for (const key of CRITERIA) {
    const mine = pairs.filter((p) => p.criterion === key);
    const spreads = entries.flatMap((e) => {
      const score = e.scores[key];
      return score ? [score.max - score.min] : [];
    });
    const result: CriterionCalibrationResult = {
      pairs: mine.length,
      correct: mine.filter((p) => p.correct).length,
      ties: mine.filter((p) => p.margin === 0).length,
      accuracy: mine.length ? round(mine.filter((p) => p.correct).length / mine.length) : null,
      meanMargin: mean(mine.map((p) => p.margin)),
      spread: mean(spreads),
    };
    if (pairwise) {
      const judged = pairwiseVerdicts(mine);
      const correct = judged.filter((v) => v.correct).length;
      result.pairwise = { correct, accuracy: judged.length ? round(correct / judged.length) : null, flips: judged.filter((v) => v.flip).length };
    }
    out[key] = result;
  }
  return out;
}

/** The pairwise verdicts of the pairs that have one. */
function pairwiseVerdicts(pairs: CalibratedPair[]): Array<NonNullable<CalibratedPair['pairwise']>> {
  return pairs.flatMap((p) => (p.pairwise ? [p.pairwise] : []));
}

export function overallResult(pairs: CalibratedPair[], pairwise: boolean): Calibration['overall'] {
  const correct = pairs.filter((p) => p.correct).length;
  const out: Calibration['overall'] = { pairs: pairs.length, correct, accuracy: pairs.length ? round(correct / pairs.length) : null };
  if (pairwise) {
    const judged = pairwiseVerdicts(pairs);
    out.pairwiseAccuracy = judged.length ? round(judged.filter((v) => v.correct).length / judged.length) : null;
    out.flips = judged.filter((v) => v.flip).length;
  }
  return out;
}

/** Passed when the pair accuracy (and with --pairs the pairwise accuracy) reaches the minimum. */
export function passedGate(overall: Calibration['overall'], minAccuracy: number): boolean {
  const ok = (x: number | null | undefined) => x === undefined || (x !== null && x >= minAccuracy);
  return overall.pairs > 0 && ok(overall.accuracy) && ok(overall.pairwiseAccuracy);
}

/** Lines a person should read before trusting the figures. */
export function calibrationNotes(criteria: Calibration['criteria'], minAccuracy: number, scored: ReadonlySet<string>): string[] {
  const notes: string[] = [];
  for (const key of CRITERIA) {
    if (!scored.has(key)) continue;
    const c = criteria[key as CriterionKey]!;
    const title = CRITERION_TITLES[key];
    if (c.pairs === 0) notes.push(`${title}: no known pair attacks it, so this calibration says nothing about it`);
    else if (c.accuracy !== null && c.accuracy < minAccuracy) notes.push(`${title}: ordered ${Math.round(c.accuracy * 100)} % of ${c.pairs} known pairs correctly, under the minimum ${Math.round(minAccuracy * 100)} %`);
    if (c.pairwise && c.pairwise.flips > 0) notes.push(`${title}: the pairwise verdict turned round with the sides swapped on ${c.pairwise.flips} of ${c.pairs} pairs (position bias)`);
    if (c.pairs > 0 && c.pairs < 3) notes.push(`${title}: only ${c.pairs} known ${c.pairs === 1 ? 'pair' : 'pairs'}; one answer moves the accuracy a lot`);
  }
  return notes;
}
