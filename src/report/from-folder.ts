/**
 * Reads what the earlier stages left in a report folder (metrics.json,
 * judgments.json, frames.json) and turns it into the scorecard's inputs, so
 * the run and `termlens report RUN_DIR` build the same scorecard.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TermlensError } from '../errors/index.js';
import { framesFile, judgmentsFile, metricsFile, type MetricsFile } from '../run-folder/index.js';
import { CRITERIA, type CriterionKey } from '../criteria.js';
import type { FrameRef, InspectSummary, JudgeSummary, OfflineCriterion } from './model.js';
import { offlineFindings, type OfflineFinding } from './offline-findings.js';

export interface FolderInputs {
  inspect?: InspectSummary;
  /** Only a judgment whose every sample parsed; a failed one is evidence, not a verdict. */
  judge?: JudgeSummary;
  /** Why there is no judge summary when judgments.json exists but failed. */
  judgeProblem?: string;
  frames: FrameRef[];
  grid?: string;
}

/** Each scoring component becomes one measure row: "contrast: 4/4 — 0% of text below 4.5:1". */
export function offlineSummary(metrics: MetricsFile): InspectSummary {
  const criteria = {} as Record<CriterionKey, OfflineCriterion>;
  const findings: Partial<Record<CriterionKey, OfflineFinding[]>> = {};
  for (const key of CRITERIA) {
    const c = metrics.criteria?.[key];
    if (!c || typeof c.score !== 'number') {
      throw new TermlensError(`metrics.json has no ${key} score`, { code: 'bad-input', stage: 'report', hint: 'Rerun the inspect stage to write it again.' });
    }
    const row: OfflineCriterion = { score: c.score };
    for (const comp of c.components ?? []) row[comp.name] = comp.notApplicable ? `n/a — ${comp.basis.replace(/^n\/a: /, '')}` : `${comp.points}/${comp.max} — ${comp.basis}`;
    criteria[key] = row;
    // Only criteria that lost points get findings: a perfect score has nothing to fix.
    if (c.score < 10) findings[key] = offlineFindings(key, c.measures as Record<string, unknown>);
  }
  return { criteria, findings, ...(metrics.metrics ? { metrics: metrics.metrics } : {}) };
}

export async function readReportInputs(reportDir: string, options: { useJudgments?: boolean; withoutMetrics?: boolean } = {}): Promise<FolderInputs> {
  // A video recorded through VHS has no cast, so no metrics: then only the model scores.
  const metricsPath = join(reportDir, metricsFile.file);
  const metrics = options.withoutMetrics && !existsSync(metricsPath) ? undefined : await metricsFile.read(metricsPath, { stage: 'report' });
  const framesJson = await framesFile.read(join(reportDir, framesFile.file), { stage: 'report' });
  const out: FolderInputs = {
    ...(metrics ? { inspect: offlineSummary(metrics) } : {}),
    frames: framesJson.frames.map(({ index, time, file, reason }) => ({ index, time, file, reason })),
    ...(framesJson.grid ? { grid: framesJson.grid } : {}),
  };
  const judgmentsPath = join(reportDir, judgmentsFile.file);
  if ((options.useJudgments ?? true) && existsSync(judgmentsPath)) {
    const j = await judgmentsFile.read(judgmentsPath, { stage: 'report' });
    if (j.status === 'ok') {
      out.judge = { provider: j.provider, model: j.model, promptSet: j.promptSet, criteria: j.criteria, ...(j.summary ? { summary: j.summary } : {}), tokens: j.tokens, costUsd: j.costUsd ?? null };
    } else {
      out.judgeProblem = `the judgment in ${judgmentsPath} failed; its raw answers are kept there`;
    }
  }
  return out;
}
