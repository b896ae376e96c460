/**
 * Reads what the HTML page shows from a report folder, through the run
 * folder's checked readers. Only scorecard.json is required; every other
 * file may be missing (a stage that did not run), and the page says so
 * instead of failing.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { TermlensError, quote } from '../../errors/index.js';
import { framesFile, metricsFile, pretestFile, scorecardFile, type FramesFile, type MetricsFile, type PretestFile, type ScorecardFile } from '../../run-folder/index.js';

export interface ReportFolder {
  dir: string;
  scorecard: ScorecardFile;
  metrics?: MetricsFile;
  pretest?: PretestFile;
  frames?: FramesFile;
  /** Videos present in the folder, best first (relative paths). */
  videos: string[];
  /** Other files a reader may want to open, those present (relative paths). */
  files: string[];
}

const VIDEO_FILES = ['session.mp4', 'session.webm'];
const LINKED_FILES = ['scorecard.md', 'scorecard.json', 'metrics.json', 'judgments.json', 'pretest.json', 'frames.json', 'session.cast', 'session.json', 'video.json', 'compare/compare.md', 'compare/compare.json'];

export async function loadReportFolder(dir: string): Promise<ReportFolder> {
  const read = { stage: 'report' } as const;
  const scorecard = await scorecardFile.read(join(dir, scorecardFile.file), read);
  const metrics = await metricsFile.readIfPresent(join(dir, metricsFile.file), read);
  const pretest = await pretestFile.readIfPresent(join(dir, pretestFile.file), read);
  const frames = await framesFile.readIfPresent(join(dir, framesFile.file), read);
  return {
    dir,
    scorecard,
    ...(metrics ? { metrics } : {}),
    ...(pretest ? { pretest } : {}),
    ...(frames ? { frames } : {}),
    videos: VIDEO_FILES.filter((f) => existsSync(join(dir, f))),
    files: LINKED_FILES.filter((f) => existsSync(join(dir, f))),
  };
}

/**
 * A path the page may link to: relative, inside the report folder, no URL
 * scheme. Anything else would make the page depend on files outside the
 * folder (or, for `javascript:`, run code).
 */
export function checkRelativePath(path: unknown, what: string): string {
  const text = typeof path === 'string' ? path : '';
  const segments = text.split(/[\\/]/);
  const bad =
    text === '' ||
    isAbsolute(text) ||
    /^[a-z][a-z0-9+.-]*:/i.test(text) ||
    text.startsWith('//') ||
    segments.some((s) => s === '..') ||
    /[\x00-\x1f]/.test(text);
  if (bad) {
    throw new TermlensError(`${what} ${quote(path)} is not a path inside the report folder`, {
      code: 'bad-input',
      stage: 'report',
      hint: 'Give files relative to the report folder (e.g. compare/diff-01.png), so the folder stands alone.',
    });
  }
  return text;
}
