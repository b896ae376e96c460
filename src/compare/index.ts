/**
 * The compare stage: a baseline report folder against a current one. Score
 * deltas per criterion (offline and model, the model's spread taken into
 * account), metric deltas, screen text diffs from the casts at each step
 * marker and at the end, pixel diffs of aligned frames, optionally the
 * model's side-by-side verdicts; then the regressions beyond the thresholds.
 * Writes compare.json, compare.md and diffs/NN.png.
 */
export { compareRuns, writeComparison, findRegressions, compareDirFor, type CompareOptions, type WrittenComparison } from './compare.js';
export type { Comparison, FrameDiff, Regression, RegressionKind, SideSummary } from './types.js';
export { renderComparisonMarkdown, verdictLines } from './markdown.js';
export { readRunFolder, type RunFolder, type ModelScore } from './run-folder.js';
export { criterionDeltas, type CriterionDelta, type OfflineDelta, type ModelDelta } from './scores.js';
export { METRICS, metricDeltas, readMeasure, formatMetric, type MetricKey, type MetricDefinition, type MetricDelta } from './metrics.js';
export { captureScreens, diffScreens, compareCapturedScreens, type CapturedScreens, type ScreenDiff, type RowChange, type DiffOptions } from './screens.js';
export { alignMoments, extractAlignedFrames, FALLBACK_TIMES, type Alignment, type AlignedMoment, type AlignedFrame } from './align.js';
export { diffPngFiles, type PixelDiff, type PixelDiffOptions } from './pixels.js';
export { judgePair, pairSchema, pairPrompt, preferenceOf, verdictOf, spreadPick, type PairJudgement, type PairJudgeOptions, type PairVerdict, type Preference, type Side } from './pair-judge.js';
export {
  defaultThresholds,
  thresholdNames,
  setThreshold,
  applyThresholdFlags,
  applyThresholdObject,
  loadThresholdsFile,
  DEFAULT_CRITERION_THRESHOLD,
  type Thresholds,
} from './thresholds.js';
export { agreementChanges, type AgreementChange, type AgreementSide } from './agreement.js';
export { updateBaseline, type UpdateBaselineOptions } from './baseline.js';
export { compareViewFor } from './html-view.js';
