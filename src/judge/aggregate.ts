/**
 * Folding samples into one verdict per criterion: the median score (robust
 * to one odd sample), the range as `spread` (max − min, what a reader can
 * check against the scores) and the population standard deviation.
 */
import type { JudgeAnswer } from './schema.js';

export interface ScoreStats {
  median: number;
  min: number;
  max: number;
  /** max − min. */
  spread: number;
  /** Population standard deviation, two decimals. */
  stdev: number;
  /** How many samples scored it. */
  n: number;
  /** The scores themselves, in sample order. */
  scores: number[];
}

export interface MergedFinding {
  frame?: number;
  text: string;
  /** How many samples made this observation (after normalising case and spacing). */
  samples: number;
}

export interface CriterionAggregate extends ScoreStats {
  findings: MergedFinding[];
  recommendations: string[];
}

export function scoreStats(scores: readonly number[]): ScoreStats | undefined {
  if (scores.length === 0) return undefined;
  const sorted = [...scores].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = scores.reduce((s, x) => s + x, 0) / scores.length;
  const variance = scores.reduce((s, x) => s + (x - mean) ** 2, 0) / scores.length;
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  return { median, min, max, spread: max - min, stdev: Math.round(Math.sqrt(variance) * 100) / 100, n: scores.length, scores: [...scores] };
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').replace(/[.!;,\s]+$/, '').trim();

/** Findings of all samples, one entry per distinct (frame, text), ordered by frame then by how many samples agree. */
export function mergeFindings(lists: ReadonlyArray<ReadonlyArray<{ frame?: number; text: string }>>): MergedFinding[] {
  const byKey = new Map<string, MergedFinding>();
  for (const list of lists) {
    const seenHere = new Set<string>();
    for (const f of list) {
      const key = `${f.frame ?? ''}|${norm(f.text)}`;
      if (!norm(f.text) || seenHere.has(key)) continue;
      seenHere.add(key);
      const found = byKey.get(key);
      if (found) found.samples++;
      else byKey.set(key, { ...(f.frame !== undefined ? { frame: f.frame } : {}), text: f.text.trim(), samples: 1 });
    }
  }
  return [...byKey.values()].sort((a, b) => (a.frame ?? Infinity) - (b.frame ?? Infinity) || b.samples - a.samples);
}

/** Recommendations of all samples without repeats, most agreed first. */
export function mergeRecommendations(lists: ReadonlyArray<readonly string[]>): string[] {
  const counts = new Map<string, { text: string; count: number; order: number }>();
  let order = 0;
  for (const list of lists) {
    for (const text of new Set(list.map((t) => t.trim()).filter(Boolean))) {
      const key = norm(text);
      const found = counts.get(key);
      if (found) found.count++;
      else counts.set(key, { text, count: 1, order: order++ });
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.order - b.order).map((c) => c.text);
}

/** Per criterion over the answers that parsed; a criterion no answer scored is absent. */
export function aggregateAnswers(answers: readonly JudgeAnswer[], criteria: readonly string[]): Record<string, CriterionAggregate> {
  const out: Record<string, CriterionAggregate> = {};
  for (const key of criteria) {
    const parts = answers.map((a) => a.criteria[key]).filter((c) => c !== undefined);
    const stats = scoreStats(parts.map((c) => c.score));
    if (!stats) continue;
    out[key] = {
      ...stats,
      findings: mergeFindings(parts.map((c) => c.findings.map((f) => ({ frame: f.frame, text: f.observation })))),
      recommendations: mergeRecommendations(parts.map((c) => c.recommendations)),
    };
  }
  return out;
}
