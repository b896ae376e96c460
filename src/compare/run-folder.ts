/**
 * Reading one side of a comparison: a report folder (the REPORT_DIR a run
 * printed, or a baseline copied from one into a repository). The folder
 * stands alone, so everything is read from inside it.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { TermlensError, quote } from '../errors/index.js';
import { framesFile, judgmentsFile, metricsFile, scorecardFile, videoFile, type JudgmentsFile, type ScorecardFile } from '../run-folder/index.js';
import { CRITERIA, type CriterionKey } from '../criteria.js';

/** The model's verdict on one criterion, as compare needs it. */
export interface ModelScore {
  median: number;
  min: number;
  max: number;
  /** max − min over the samples. */
  spread: number;
  n: number;
}

export interface RunFolder {
  /** Absolute path. */
  dir: string;
  /** From scorecard.json, else the folder's name. */
  runId: string;
  date?: string;
  /** 'offline', or provider/model of the judge. */
  judge: string;
  /** Offline score per criterion, from metrics.json. */
  offline: Record<CriterionKey, number>;
  /** Model score per criterion, when the run was judged. */
  model: Partial<Record<CriterionKey, ModelScore>>;
  /** metrics.json as read. */
  metrics: unknown;
  scorecard?: ScorecardFile;
  /** Absolute paths; undefined when the file is absent. */
  cast?: string;
  video?: string;
  /** video.json markers (video time), [] when none. */
  markers: Array<{ label: string; time: number }>;
  /** frames.json frame times (video time), [] when none. */
  frameTimes: number[];
  videoDuration?: number;
}

const HINT_REPORT_DIR =
  'Pass the REPORT_DIR that `termlens run --automation` printed (reports/<run-id>/), or a baseline folder copied whole from one.';

/** Load and check a report folder; a folder that is not one is a `bad-input` error naming the missing file. */
export async function readRunFolder(dir: string, role: 'baseline' | 'current'): Promise<RunFolder> {
  const abs = resolve(dir);
  const info = await stat(abs).catch(() => undefined);
  if (!info) {
    throw new TermlensError(`the ${role} folder ${quote(dir)} does not exist`, {
      code: 'not-found',
      stage: 'compare',
      hint: role === 'baseline' ? `${HINT_REPORT_DIR} To create the baseline from the current run, add --update-baseline.` : HINT_REPORT_DIR,
    });
  }
  if (!info.isDirectory()) throw new TermlensError(`the ${role} ${quote(dir)} is not a folder`, { code: 'bad-input', stage: 'compare', hint: HINT_REPORT_DIR });
  const metricsPath = join(abs, metricsFile.file);
  if (!existsSync(metricsPath)) {
    const looksLikeRecording = existsSync(join(abs, 'session.cast')) && !existsSync(join(abs, 'scorecard.json'));
    throw new TermlensError(`the ${role} folder ${quote(dir)} is not a report folder: it has no metrics.json`, {
      code: 'bad-input',
      stage: 'compare',
      hint: looksLikeRecording
        ? `This looks like a recording folder; its report folder is reports/${basename(abs)}/ beside it (or run \`termlens inspect session.cast -o metrics.json\` there).`
        : HINT_REPORT_DIR,
    });
  }
  const read = { stage: 'compare' } as const;
  const metrics = await metricsFile.read(metricsPath, read);
  const offline = Object.fromEntries(CRITERIA.map((key) => [key, metrics.criteria[key].score])) as Record<CriterionKey, number>;
  const scorecard = await scorecardFile.readIfPresent(join(abs, scorecardFile.file), read);
  const model = scorecard ? modelFromScorecard(scorecard) : {};
  if (Object.keys(model).length === 0) {
    const judgments = await judgmentsFile.readIfPresent(join(abs, judgmentsFile.file), read);
    if (judgments) Object.assign(model, modelFromJudgments(judgments));
  }
  const videoJson = await videoFile.readIfPresent(join(abs, videoFile.file), read);
  const framesJson = await framesFile.readIfPresent(join(abs, framesFile.file), read);
  const judge = scorecard && scorecard.judge !== 'offline' ? `${scorecard.judge.provider}/${scorecard.judge.model}` : 'offline';
  return {
    dir: abs,
    runId: scorecard?.run?.runId ?? basename(abs),
    ...(scorecard?.run?.date ? { date: scorecard.run.date } : {}),
    judge,
    offline,
    model,
    metrics,
    ...(scorecard ? { scorecard } : {}),
    ...(existsSync(join(abs, 'session.cast')) ? { cast: join(abs, 'session.cast') } : {}),
    ...(existsSync(join(abs, 'session.mp4')) ? { video: join(abs, 'session.mp4') } : {}),
    markers: (videoJson?.markers ?? []).map(({ label, time }) => ({ label, time })),
    frameTimes: (framesJson?.frames ?? []).map((f) => f.time),
    ...(videoJson?.duration !== undefined ? { videoDuration: videoJson.duration } : {}),
  };
}

function modelFromScorecard(card: ScorecardFile): Partial<Record<CriterionKey, ModelScore>> {
  const out: Partial<Record<CriterionKey, ModelScore>> = {};
  for (const c of card.criteria) {
    if (c.model) {
      out[c.key] = { median: c.model.median, min: c.model.min, max: c.model.max, spread: c.model.spread ?? c.model.max - c.model.min, n: c.model.n };
    }
  }
  return out;
}

function modelFromJudgments(j: JudgmentsFile): Partial<Record<CriterionKey, ModelScore>> {
  const out: Partial<Record<CriterionKey, ModelScore>> = {};
  for (const key of CRITERIA) {
    const c = j.criteria[key];
    if (c) out[key] = { median: c.median, min: c.min, max: c.max, spread: c.spread ?? c.max - c.min, n: c.n };
  }
  return out;
}

/** Which side lacks a file, for the note that says a comparison was skipped: "neither run", "the baseline", "the current run". */
export function sideWithout(b: RunFolder, c: RunFolder, key: 'cast' | 'video'): string {
  return !b[key] && !c[key] ? 'neither run' : !b[key] ? 'the baseline' : 'the current run';
}
