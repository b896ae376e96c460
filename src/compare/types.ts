/** compare.json (schemaVersion 1): everything compare found, and the options it ran with. */
import type { CriterionKey } from '../criteria.js';
import type { AgreementChange } from './agreement.js';
import type { Alignment } from './align.js';
import type { MetricDelta } from './metrics.js';
import type { PairJudgement } from './pair-judge.js';
import type { CriterionDelta } from './scores.js';
import type { ScreenDiff } from './screens.js';
import type { Thresholds } from './thresholds.js';

export interface SideSummary {
  /** Absolute path of the report folder. */
  dir: string;
  runId: string;
  date?: string;
  /** 'offline', or provider/model. */
  judge: string;
}

export interface FrameDiff {
  label: string;
  baselineTime: number;
  currentTime: number;
  /** Relative to the compare folder. */
  baselineFile: string;
  currentFile: string;
  /** Relative to the compare folder; absent when the sizes differ. */
  diffFile?: string;
  width: number;
  height: number;
  changedPixels: number;
  /** 0–1. */
  ratio: number;
  sizeMismatch?: { baseline: [number, number]; current: [number, number] };
  regressed: boolean;
}

export type RegressionKind = 'criterion' | 'model' | 'metric' | 'pair' | 'pixels' | 'screen';

export interface Regression {
  kind: RegressionKind;
  /** The criterion it counts against; pixel and screen gates count against none. */
  criterion?: CriterionKey;
  /** One line for a person. */
  message: string;
}

export interface Comparison {
  schemaVersion: 1;
  createdAt: string;
  baseline: SideSummary;
  current: SideSummary;
  thresholds: Thresholds;
  criteria: CriterionDelta[];
  /** How the measures' and the model's agreement moved, per criterion both runs have a model score for; reported, never a regression. */
  agreement: AgreementChange[];
  metrics: MetricDelta[];
  screens: ScreenDiff[];
  /** Whether screen diffs counted colour and attribute changes (--colours), or text only. */
  screenColours: boolean;
  /** Marker keys (`label#n`) found in only one cast. */
  unpairedMarkers: { baseline: string[]; current: string[] };
  alignment: Alignment | null;
  frames: FrameDiff[];
  pair?: PairJudgement;
  regressions: Regression[];
  /** Criteria with at least one regression, in report order. */
  regressedCriteria: CriterionKey[];
  /** True when nothing at all differs: scores, metrics, screens and pixels. */
  identical: boolean;
  /** True when there is no regression. */
  passed: boolean;
  /** Parts that were skipped and why. */
  notes: string[];
}
