/**
 * Reads what the HTML page shows from a report folder. Only scorecard.json is
 * required; every other file may be missing (a stage that did not run), and
 * the page says so instead of failing.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { TermlensError, quote } from '../../errors/index.js';
import type { InspectResult } from '../../inspect/index.js';
import type { PretestResult } from '../../pretest/types.js';
import type { Scorecard } from '../model.js';

/** The part of frames.json the page reads. */
export interface FramesFile {
  strategy?: string;
  width?: number;
  height?: number;
  duration?: number;
  frames?: Array<{ index: number; time: number; file: string; reason: string }>;
  grid?: string;
}

export interface ReportFolder {
  dir: string;
  scorecard: Scorecard;
  metrics?: InspectResult;
  pretest?: PretestResult;
  frames?: FramesFile;
  /** Videos present in the folder, best first (relative paths). */
  videos: string[];
  /** Other files a reader may want to open, those present (relative paths). */
  files: string[];
}

const VIDEO_FILES = ['session.mp4', 'session.webm'];
const LINKED_FILES = ['scorecard.md', 'scorecard.json', 'metrics.json', 'judgments.json', 'pretest.json', 'frames.json', 'session.cast', 'session.json', 'video.json', 'compare/compare.md', 'compare/compare.json'];

export async function loadReportFolder(dir: string): Promise<ReportFolder> {
  const scorecard = await readJson<Scorecard>(dir, 'scorecard.json', true);
  if (!scorecard || scorecard.schemaVersion !== 1 || !Array.isArray(scorecard.criteria)) {
    throw new TermlensError(`${quote(join(dir, 'scorecard.json'))} is not a termlens scorecard (schemaVersion 1)`, {
      code: 'bad-input',
      stage: 'report',
      hint: 'Write the scorecard again with `termlens report RUN`.',
    });
  }
  return {
    dir,
    scorecard,
    metrics: await readJson<InspectResult>(dir, 'metrics.json'),
    pretest: await readJson<PretestResult>(dir, 'pretest.json'),
    frames: await readJson<FramesFile>(dir, 'frames.json'),
    videos: VIDEO_FILES.filter((f) => existsSync(join(dir, f))),
    files: LINKED_FILES.filter((f) => existsSync(join(dir, f))),
  };
}

async function readJson<T>(dir: string, name: string, required: true): Promise<T>;
async function readJson<T>(dir: string, name: string, required?: false): Promise<T | undefined>;
async function readJson<T>(dir: string, name: string, required = false): Promise<T | undefined> {
  const path = join(dir, name);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if (!required && (cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TermlensError(`cannot read ${quote(path)}`, {
      code: 'not-found',
      stage: 'report',
      hint: 'Give the report folder of a run (the REPORT_DIR a run printed), after its scorecard was written.',
      cause,
    });
  }
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new TermlensError(`${quote(path)} is not valid JSON: ${(cause as Error).message}`, {
      code: 'bad-input',
      stage: 'report',
      hint: 'Rerun the stage that writes it, or delete the file to leave its section out.',
      cause,
    });
  }
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
