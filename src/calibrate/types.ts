/** calibration.json (schemaVersion 1): how well a model told known-better displays from known-worse ones. */
import type { CriterionKey } from '../criteria.js';

export interface ScoreSpread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export interface CalibratedEntry {
  id: string;
  program: string;
  frames: number;
  /** Where its frames.json and frames/ are, relative to the calibration folder. */
  framesDir: string;
  /** The model's absolute scores for this recording, per criterion. */
  scores: Partial<Record<CriterionKey, ScoreSpread>>;
  requests: number;
  tokens: number;
  costUsd: number | null;
}

export interface CalibratedPair {
  better: string;
  worse: string;
  criterion: CriterionKey;
  /** Median scores on the attacked criterion. */
  betterScore: number;
  worseScore: number;
  /** betterScore − worseScore: positive when the model ordered the pair correctly. */
  margin: number;
  correct: boolean;
  /** With --pairs: the model saw both side by side, in both orders (baseline = the better one). */
  pairwise?: {
    /** Which side each order preferred on the attacked criterion. */
    first: 'better' | 'worse' | 'same';
    second: 'better' | 'worse' | 'same';
    verdict: 'better' | 'worse' | 'same' | 'inconsistent';
    correct: boolean;
    /** The two orders disagree: the answer followed the position, not the display. */
    flip: boolean;
    tokens: number;
    costUsd: number | null;
  };
}

export interface CriterionCalibrationResult {
  /** Known pairs that attack this criterion. */
  pairs: number;
  /** …where the worse side scored lower. */
  correct: number;
  /** …where both scored the same (not correct). */
  ties: number;
  /** correct / pairs; null without pairs. */
  accuracy: number | null;
  /** Mean of (better − worse) medians; null without pairs. */
  meanMargin: number | null;
  /** Mean over the recordings of the samples' max − min on this criterion. */
  spread: number | null;
  pairwise?: { correct: number; accuracy: number | null; flips: number };
}

export interface CalibrationTotals {
  /** Requests asked for: every recording's prompts × samples, and two per pair with --pairs. */
  requests: number;
  totalTokens: number;
  /** null when some request's price is unknown. */
  costUsd: number | null;
}

export interface Calibration {
  schemaVersion: 1;
  createdAt: string;
  corpus: string;
  provider: string;
  model: string;
  baseURL: string;
  promptSet: string;
  samples: number;
  facts: 'none' | 'measures';
  /** Whether pairwise verdicts were asked (--pairs). */
  pairwise: boolean;
  minAccuracy: number;
  /** overall.accuracy (and with --pairs the pairwise accuracy) at least minAccuracy. */
  passed: boolean;
  overall: { pairs: number; correct: number; accuracy: number | null; pairwiseAccuracy?: number | null; flips?: number };
  criteria: Partial<Record<CriterionKey, CriterionCalibrationResult>>;
  entries: CalibratedEntry[];
  pairs: CalibratedPair[];
  totals: CalibrationTotals;
  /** Warnings for a person: criteria under the minimum, criteria without known pairs. */
  notes: string[];
}
