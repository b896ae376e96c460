/**
 * The inspector's measures that compare follows, each read from
 * metrics.json, tied to the criterion it bears on, with the direction that
 * is worse and its default threshold. A table keyed by name, so a metric is
 * added in one place.
 */
import type { CriterionKey } from '../criteria.js';

export type MetricKey =
  | 'contrastFailures'
  | 'severeContrastFailures'
  | 'debris'
  | 'unknownSequences'
  | 'overflow'
  | 'alignment'
  | 'statusIcons'
  | 'statusWords'
  | 'stateMarkers'
  | 'flicker'
  | 'fullClears'
  | 'stalls'
  | 'longestSilence'
  | 'firstOutput';

export interface MetricDefinition {
  key: MetricKey;
  criterion: CriterionKey;
  label: string;
  /** Path under metrics.json `criteria.<criterion>.measures`. */
  path: string;
  /** Which way is worse; 'none' metrics are shown but never gate. */
  worse: 'up' | 'down' | 'none';
  /** Default allowed change in the worse direction (see thresholds.ts). */
  threshold: number;
  unit: 'share' | 'count' | 'seconds' | 'rate';
}

export const METRICS: readonly MetricDefinition[] = [
  { key: 'contrastFailures', criterion: 'visualClarity', label: 'text under 4.5:1 contrast', path: 'shareBelow4_5', worse: 'up', threshold: 0.05, unit: 'share' },
  { key: 'severeContrastFailures', criterion: 'visualClarity', label: 'text under 3:1 contrast', path: 'shareBelow3', worse: 'up', threshold: 0.05, unit: 'share' },
  { key: 'debris', criterion: 'visualClarity', label: 'escape-sequence debris on screen', path: 'debris.occurrences', worse: 'up', threshold: 0, unit: 'count' },
  { key: 'unknownSequences', criterion: 'visualClarity', label: 'kinds of unknown drawing sequences', path: 'unknownSequences.drawingKinds', worse: 'up', threshold: 0, unit: 'count' },
  { key: 'overflow', criterion: 'informationOrganization', label: 'rows wrapped or cut at the edge', path: 'overflow.share', worse: 'up', threshold: 0.05, unit: 'share' },
  { key: 'alignment', criterion: 'informationOrganization', label: 'aligned column starts', path: 'alignment.alignedShare', worse: 'down', threshold: 0.1, unit: 'share' },
  { key: 'statusIcons', criterion: 'statusIndicators', label: 'distinct status icons', path: 'icons.distinct', worse: 'down', threshold: 1, unit: 'count' },
  { key: 'statusWords', criterion: 'statusIndicators', label: 'distinct status words', path: 'statusWords.distinct', worse: 'down', threshold: 2, unit: 'count' },
  { key: 'stateMarkers', criterion: 'statusIndicators', label: 'distinct state colours and icons', path: 'stateColours.distinctMarkers', worse: 'down', threshold: 1, unit: 'count' },
  { key: 'flicker', criterion: 'userExperience', label: 'flicker (repaints per second)', path: 'flicker.perSecond', worse: 'up', threshold: 0.5, unit: 'rate' },
  { key: 'fullClears', criterion: 'userExperience', label: 'full-screen clears', path: 'flicker.fullClears', worse: 'none', threshold: 0, unit: 'count' },
  { key: 'stalls', criterion: 'userExperience', label: 'share of the run spent stalled (silence)', path: 'stalls.shareOfRun', worse: 'up', threshold: 0.2, unit: 'share' },
  { key: 'longestSilence', criterion: 'userExperience', label: 'longest silence', path: 'longestSilence.seconds', worse: 'up', threshold: 1, unit: 'seconds' },
  { key: 'firstOutput', criterion: 'userExperience', label: 'time to first visible output', path: 'timeToFirstVisibleOutput', worse: 'up', threshold: 1, unit: 'seconds' },
];

export interface MetricDelta {
  key: MetricKey;
  criterion: CriterionKey;
  label: string;
  unit: MetricDefinition['unit'];
  worse: MetricDefinition['worse'];
  /** null when the run's metrics.json lacks the measure (an older or foreign file). */
  baseline: number | null;
  current: number | null;
  /** current − baseline; null when either is missing. */
  delta: number | null;
  threshold: number;
  regressed: boolean;
}

/** A measure by dotted path from one criterion's `measures`; null when absent or not a number. */
export function readMeasure(metrics: unknown, criterion: CriterionKey, path: string): number | null {
  let node: unknown = (metrics as { criteria?: Record<string, { measures?: unknown }> } | undefined)?.criteria?.[criterion]?.measures;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'number' && Number.isFinite(node) ? node : null;
}

/** Every metric's change; a metric regresses when it moves the worse way by more than its threshold. */
export function metricDeltas(baseline: unknown, current: unknown, thresholds: Record<MetricKey, number>): MetricDelta[] {
  return METRICS.map((m) => {
    const b = readMeasure(baseline, m.criterion, m.path);
    const c = readMeasure(current, m.criterion, m.path);
    const delta = b === null || c === null ? null : round(c - b);
    const threshold = thresholds[m.key];
    const worseBy = delta === null ? 0 : m.worse === 'up' ? delta : m.worse === 'down' ? -delta : 0;
    return { key: m.key, criterion: m.criterion, label: m.label, unit: m.unit, worse: m.worse, baseline: b, current: c, delta, threshold, regressed: worseBy > threshold + EPSILON };
  });
}

/** Text for a metric value in its unit: shares as percentages. */
export function formatMetric(value: number | null, unit: MetricDefinition['unit']): string {
  if (value === null) return 'n/a';
  switch (unit) {
    case 'share':
      return `${roundTo(value * 100, 1)}%`;
    case 'count':
      return String(roundTo(value, 0));
    case 'seconds':
      return `${roundTo(value, 2)} s`;
    case 'rate':
      return `${roundTo(value, 2)}/s`;
  }
}

const roundTo = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Floating-point slack, so 0.3 − 0.25 is not "more than 0.05". */
const EPSILON = 1e-9;
const round = (x: number) => Math.round(x * 1e6) / 1e6;
