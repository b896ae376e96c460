/**
 * How a run ends: a stage's failure said as one TermlensError (interrupted,
 * disk full, or the stage's own), and the run's outcome — exit code, verdict
 * line, scorecard, the files written — which status.json reports last.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { diskFullError, isNoRoom } from '../errors/disk.js';
import { EXIT, TermlensError, exitCodeFor } from '../errors/index.js';
import { scorecardFile, type ScorecardFile } from '../run-folder/index.js';
import type { RunLayout } from './layout.js';
import type { StatusWriter } from './status.js';
import type { RunOutcome, RunState, StageName, StageRecord } from './types.js';

/** What a failing stage threw, as the error the run reports. */
export function asTermlensError(e: unknown, stage: StageName, aborted: boolean, dir?: string): TermlensError {
  if (aborted && !(e instanceof TermlensError && e.code === 'interrupted')) {
    return new TermlensError(`interrupted during ${stage}`, { code: 'interrupted', stage, hint: 'Everything written so far was kept.', cause: e });
  }
  if (e instanceof TermlensError && e.code === 'disk-full') return e;
  // A stage's tools say "no space" in their own words (libpng, ffmpeg); say it once, plainly.
  if (isNoRoom(e) && dir) return diskFullError(dir, { stage, cause: e, kept: 'Everything written before was kept.' });
  if (e instanceof TermlensError) return e;
  return new TermlensError(`${stage} failed: ${(e as Error)?.message ?? String(e)}`, { code: 'execution', stage, cause: e });
}

/** The file a failed write named, else the folder the stage writes into. */
export function stageFolder(e: unknown, stage: StageName, layout: RunLayout): string {
  const path = (e as NodeJS.ErrnoException)?.path;
  if (path) return path;
  if (stage === 'frames') return layout.framesDir;
  return stage === 'record' || stage === 'render' ? layout.recordingDir : layout.reportDir;
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (!entry.name.endsWith('.tmp')) out.push(path);
  }
  return out.sort();
}

/** The one line that ends a run, also the VERDICT: line of --automation. */
function verdictOf(state: RunState, exitCode: number, error: TermlensError | undefined, scorecard: ScorecardFile | undefined): string {
  const scores = scorecard ? scorecard.criteria.map((c) => `${c.key} ${c.score.toFixed(1)}`).join(', ') + (scorecard.judge === 'offline' ? ' (offline)' : '') : '';
  if (state === 'passed') return `passed: ${scores}`;
  return `${state} (exit ${exitCode})${error ? `: ${error.message}` : ''}${scores ? `; ${scores}` : ''}`;
}

/** The run's ending: its error and exit code, the scorecard if the report was made, the files written; status.json says so. */
export async function finishRun(layout: RunLayout, records: StageRecord[], status: StatusWriter, fatal: TermlensError | undefined, deferred: TermlensError | undefined): Promise<RunOutcome> {
  // A failed judgment outranks a failed gate: the gate then only saw offline scores.
  const error = fatal?.code === 'quality-gate' && deferred ? deferred : (fatal ?? deferred);
  const exitCode = error ? exitCodeFor(error) : EXIT.ok;
  const state: RunOutcome['state'] = !error ? 'passed' : error.code === 'interrupted' ? 'interrupted' : 'failed';
  let scorecard: ScorecardFile | undefined;
  if (existsSync(layout.scorecardJson) && records.find((r) => r.name === 'report')?.state === 'done') {
    scorecard = await scorecardFile.read(layout.scorecardJson, { stage: 'pipeline' });
  }
  const artifacts = [...(await listFiles(layout.recordingDir)), ...(await listFiles(layout.reportDir))];
  const verdict = verdictOf(state, exitCode, error, scorecard);
  status.finish({
    state,
    exitCode,
    verdict,
    ...(error ? { error } : {}),
    ...(scorecard ? { scorecard: layout.scorecardMd } : {}),
    artifacts,
  });
  return { layout, stages: records, ...(scorecard ? { scorecard } : {}), ...(error ? { error } : {}), exitCode, state, verdict, artifacts };
}
