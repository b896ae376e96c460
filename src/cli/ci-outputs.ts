/** CI extras of a run: the scorecard appended to GITHUB_STEP_SUMMARY, the quality gates as JUnit XML. */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { appendStepSummary, gatesFromScorecard, writeJUnit } from '../ci/index.js';
import type { RunOutcome } from '../pipeline/index.js';

export async function ciOutputs(outcome: RunOutcome, junit: string | undefined): Promise<void> {
  if (junit && outcome.scorecard) await writeJUnit(junit, gatesFromScorecard(outcome.scorecard), `termlens run ${outcome.layout.runId}`);
  if (existsSync(outcome.layout.scorecardMd) && outcome.scorecard) await appendStepSummary(await readFile(outcome.layout.scorecardMd, 'utf8'));
}
