/** Inputs of the HTML report that do not come from the report folder's own files. */
import type { CriterionKey } from '../../criteria.js';

/**
 * What the page needs to show a comparison with a baseline. Every file is a
 * path relative to the report folder (for example `compare/diff-01.png`), so
 * the folder stays self-contained and can be uploaded as one artifact.
 */
export interface CompareView {
  /** What the baseline is called on the page, e.g. its run id or "main". */
  baselineLabel: string;
  /** What the current run is called. @default the scorecard's run id */
  currentLabel?: string;
  /** Frame pairs, in the order shown. */
  pairs: ComparePair[];
  /** Scores side by side, one row per criterion. */
  criteria: CompareCriterion[];
  /** One line per regression found, for a person. @default none listed */
  regressions?: string[];
  /** How the agreement of the measures and the model moved, per criterion both runs were judged on (compare.json's agreement). @default none */
  agreement?: CompareAgreement[];
}

/** One side of an agreement row: the two scores, their gap, and whether it is wide enough to need a look. */
export interface AgreementSideView {
  offline: number;
  model: number;
  gap: number;
  needsLook: boolean;
}

export interface CompareAgreement {
  key: CriterionKey;
  baseline: AgreementSideView;
  current: AgreementSideView;
  /** `new`: needs a look now and did not; `resolved`: the reverse; `same`: both or neither. */
  change: 'new' | 'resolved' | 'same';
  /** One line for a person, as compare prints it. */
  message: string;
}

export interface ComparePair {
  /** Caption of the pair, e.g. "frame 3" or a marker label. */
  label: string;
  baseline: string;
  current: string;
  /** Image with the changed pixels highlighted; absent when the two frames could not be diffed (e.g. sizes differ). */
  diff?: string;
  /** Share of pixels that differ, 0–1. */
  changedRatio: number;
  /** True when this pair counts as a regression. @default false */
  regressed?: boolean;
  /** Why something is missing or odd, e.g. "sizes differ: 960×540 vs 1920×1080". */
  note?: string;
}

export interface CompareCriterion {
  key: CriterionKey;
  baseline: number;
  current: number;
  /** current − baseline. */
  delta: number;
  /** True when this change counts as a regression (the compare stage decides). */
  regressed: boolean;
}

export interface HtmlReportOptions {
  /** A comparison with a baseline; without it the page has no comparison section. */
  compare?: CompareView;
}
