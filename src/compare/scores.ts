/**
 * Score deltas per criterion, offline and model. The offline inspector is
 * deterministic, so its margin is the threshold alone; the model's margin
 * grows to the larger spread of the two sides, so sampling noise is not
 * called a regression.
 */
import { CRITERIA, CRITERION_TITLES, type CriterionKey } from '../criteria.js';
import type { ModelScore, RunFolder } from './run-folder.js';

export interface OfflineDelta {
  baseline: number;
  current: number;
  delta: number;
  /** The drop allowed: the threshold. */
  margin: number;
  regressed: boolean;
}

export interface ModelDelta {
  baseline: ModelScore;
  current: ModelScore;
  /** Of the medians. */
  delta: number;
  /** max(threshold, baseline spread, current spread). */
  margin: number;
  regressed: boolean;
}

export interface CriterionDelta {
  key: CriterionKey;
  title: string;
  offline: OfflineDelta;
  /** Present when both runs were judged by a model. */
  model?: ModelDelta;
  /** Why there is no model delta, when one side was judged and the other not. */
  modelMissing?: 'baseline' | 'current';
  threshold: number;
}

export function criterionDeltas(baseline: RunFolder, current: RunFolder, thresholds: Record<CriterionKey, number>): CriterionDelta[] {
  return CRITERIA.map((key) => {
    const threshold = thresholds[key];
    const b = baseline.offline[key];
    const c = current.offline[key];
    const offline: OfflineDelta = { baseline: b, current: c, delta: round(c - b), margin: threshold, regressed: c < b - threshold - EPSILON };
    const bm = baseline.model[key];
    const cm = current.model[key];
    const out: CriterionDelta = { key, title: CRITERION_TITLES[key], offline, threshold };
    if (bm && cm) {
      const margin = Math.max(threshold, bm.spread, cm.spread);
      out.model = { baseline: bm, current: cm, delta: round(cm.median - bm.median), margin, regressed: cm.median < bm.median - margin - EPSILON };
    } else if (bm || cm) {
      out.modelMissing = bm ? 'current' : 'baseline';
    }
    return out;
  });
}

const EPSILON = 1e-9;
const round = (x: number) => Math.round(x * 1000) / 1000;
