/**
 * The comparison as the current run's HTML page shows it: baseline, current
 * and diff side by side. Paths become relative to the report folder, and only
 * a comparison written inside that folder is shown, so the page never links
 * outside it.
 */
import { isAbsolute, join, relative } from 'node:path';
import type { CompareView } from '../report/index.js';
import type { Comparison } from './types.js';

export function compareViewFor(comparison: Comparison, currentDir: string, compareDir: string): CompareView | undefined {
  const prefix = relative(currentDir, compareDir);
  if (prefix.startsWith('..') || isAbsolute(prefix)) return undefined;
  const inside = (file: string) => join(prefix, file);
  return {
    baselineLabel: comparison.baseline.runId,
    currentLabel: comparison.current.runId,
    pairs: comparison.frames.map((f) => ({
      label: f.label,
      baseline: inside(f.baselineFile),
      current: inside(f.currentFile),
      ...(f.diffFile ? { diff: inside(f.diffFile) } : {}),
      changedRatio: f.ratio,
      regressed: f.regressed,
    })),
    // Model scores when both sides have them, as the regression rule reads them; else offline.
    criteria: comparison.criteria.map((c) => {
      const [baseline, current] = c.model ? [c.model.baseline.median, c.model.current.median] : [c.offline.baseline, c.offline.current];
      return { key: c.key, baseline, current, delta: Math.round((current - baseline) * 10) / 10, regressed: comparison.regressedCriteria.includes(c.key) };
    }),
    regressions: comparison.regressions.map((r) => r.message),
    agreement: comparison.agreement ?? [],
  };
}
