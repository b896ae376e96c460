/**
 * Where a run's files live. Media under recordings/<run-id>/, analysis under
 * reports/<run-id>/, so any stage can be rerun alone and every artifact can be
 * opened by a person.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { TermlensError, displayPath, quote } from '../errors/index.js';

export interface RunLayout {
  runId: string;
  recordingDir: string;
  reportDir: string;
  cast: string;
  session: string;
  video: string;
  videoJson: string;
  framesDir: string;
  framesJson: string;
  grid: string;
  pretest: string;
  metrics: string;
  judgments: string;
  scorecardMd: string;
  scorecardJson: string;
  status: string;
  /** Stage fingerprints, for `--from`. */
  manifest: string;
  html: string;
  /** Copies of the cast, its session file, the video and video.json, so a report folder stands alone (and can be kept as a baseline). */
  reportCast: string;
  reportSession: string;
  reportVideo: string;
  reportVideoJson: string;
}

export interface LayoutRoots {
  /** @default 'recordings' under the working directory */
  recordings?: string;
  /** @default 'reports' under the working directory */
  reports?: string;
}

export function runLayout(runId: string, roots: LayoutRoots = {}): RunLayout {
  const recordingDir = resolve(roots.recordings ?? 'recordings', runId);
  const reportDir = resolve(roots.reports ?? 'reports', runId);
  return {
    runId,
    recordingDir,
    reportDir,
    cast: join(recordingDir, 'session.cast'),
    session: join(recordingDir, 'session.json'),
    video: join(recordingDir, 'session.mp4'),
    videoJson: join(recordingDir, 'video.json'),
    // Frames are extracted straight into the report folder: they are what a person reviews.
    framesDir: join(reportDir, 'frames'),
    framesJson: join(reportDir, 'frames.json'),
    grid: join(reportDir, 'grid.png'),
    pretest: join(reportDir, 'pretest.json'),
    metrics: join(reportDir, 'metrics.json'),
    judgments: join(reportDir, 'judgments.json'),
    scorecardMd: join(reportDir, 'scorecard.md'),
    scorecardJson: join(reportDir, 'scorecard.json'),
    status: join(reportDir, 'status.json'),
    manifest: join(reportDir, 'run.json'),
    html: join(reportDir, 'index.html'),
    reportCast: join(reportDir, 'session.cast'),
    reportSession: join(reportDir, 'session.json'),
    reportVideo: join(reportDir, 'session.mp4'),
    reportVideoJson: join(reportDir, 'video.json'),
  };
}

/** `name-YYYYMMDD-HHMMSS`, with the name made safe for a folder. */
export function baseRunId(name: string, now: Date): string {
  const safe = safeRunName(name);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${safe}-${stamp}`;
}

function safeRunName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
}

/** The newest run of a target, by its id (ids sort by time); undefined when it has none. */
export async function latestRun(name: string, roots: LayoutRoots = {}): Promise<RunLayout | undefined> {
  const prefix = `${safeRunName(name)}-`;
  let entries: string[];
  try {
    entries = await readdir(resolve(roots.recordings ?? 'recordings'));
  } catch {
    return undefined;
  }
  // Same-second runs carry -2, -3…: compare the numeric suffix, not the text.
  const runs = entries.flatMap((id) => {
    const m = id.startsWith(prefix) ? /^(\d{8}-\d{6})(?:-(\d+))?$/.exec(id.slice(prefix.length)) : null;
    return m?.[1] ? [{ id, time: m[1], n: Number(m[2] ?? 1) }] : [];
  });
  runs.sort((a, b) => (a.time === b.time ? a.n - b.n : a.time < b.time ? -1 : 1));
  const last = runs.at(-1);
  return last ? runLayout(last.id, roots) : undefined;
}

/** Why `dir` cannot be made (a file in the way, a folder that is not writable), or undefined. */
function folderProblem(dir: string): string | undefined {
  let at = dir;
  while (!existsSync(at)) {
    const up = dirname(at);
    if (up === at) return undefined;
    at = up;
  }
  if (!statSync(at).isDirectory()) return `${quote(displayPath(at))} is a file, not a folder`;
  try {
    accessSync(at, constants.W_OK);
  } catch {
    return `${quote(displayPath(at))} is not writable`;
  }
  return undefined;
}

/**
 * Create a new run's folders. The recording folder is made with a plain
 * (non-recursive) mkdir, which fails if it exists, so two runs started in the
 * same second never share a folder: the second takes the next suffix.
 */
export async function createRun(name: string, roots: LayoutRoots = {}, now = new Date()): Promise<RunLayout> {
  const base = baseRunId(name, now);
  const recordingsRoot = resolve(roots.recordings ?? 'recordings');
  const reportsRoot = resolve(roots.reports ?? 'reports');
  // Both folders are checked before either is made, so a bad one leaves nothing behind and is the one named.
  for (const [what, dir] of [['recordings', recordingsRoot], ['reports', reportsRoot]] as const) {
    const problem = folderProblem(dir);
    if (problem) {
      throw new TermlensError(`cannot create the ${what} folder ${quote(displayPath(dir))}: ${problem}`, {
        code: 'unwritable',
        stage: 'pipeline',
        hint: `Choose another ${what} folder (--${what} DIR, or outputs.${what} in the config).`,
      });
    }
  }
  try {
    await mkdir(recordingsRoot, { recursive: true });
    await mkdir(reportsRoot, { recursive: true });
  } catch (cause) {
    throw new TermlensError(`cannot create the output folders ${quote(displayPath(recordingsRoot))} and ${quote(displayPath(reportsRoot))}: ${(cause as Error).message}`, {
      code: 'unwritable',
      stage: 'pipeline',
      hint: 'Run termlens from a folder you can write to, or set the recordings and reports folders.',
      cause,
    });
  }
  for (let n = 1; n < 1000; n++) {
    const runId = n === 1 ? base : `${base}-${n}`;
    try {
      await mkdir(join(recordingsRoot, runId));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
    const layout = runLayout(runId, roots);
    await mkdir(layout.reportDir, { recursive: true });
    return layout;
  }
  throw new TermlensError(`too many runs named ${quote(base)}`, { code: 'execution', stage: 'pipeline' });
}

/** Create a run's folders under a given id (a suite's scenario); an existing folder of that id is an error, never reused. */
export async function createNamedRun(runId: string, roots: LayoutRoots = {}): Promise<RunLayout> {
  const layout = runLayout(runId, roots);
  try {
    await mkdir(dirname(layout.recordingDir), { recursive: true });
    await mkdir(layout.recordingDir);
    await mkdir(layout.reportDir, { recursive: true });
  } catch (cause) {
    const exists = (cause as NodeJS.ErrnoException).code === 'EEXIST';
    throw new TermlensError(exists ? `the run folder ${quote(layout.recordingDir)} already exists` : `cannot create the run folders for ${quote(runId)}`, {
      code: exists ? 'usage' : 'unwritable',
      stage: 'pipeline',
      hint: exists ? 'Each suite run writes new folders; remove the old ones or choose other output folders.' : 'Run termlens from a folder you can write to, or set the recordings and reports folders.',
      cause,
    });
  }
  return layout;
}

/**
 * Find a run from what a user typed: a report folder, a recording folder, or a
 * run id. The two folders are siblings under reports/ and recordings/.
 */
export function findRun(arg: string, roots: LayoutRoots = {}): RunLayout {
  const abs = resolve(arg);
  const runId = basename(abs);
  const parent = dirname(dirname(abs));
  const candidates: Array<[string, string]> = [
    [join(parent, 'recordings'), join(parent, 'reports')],
    [resolve(roots.recordings ?? 'recordings'), resolve(roots.reports ?? 'reports')],
  ];
  for (const [recordings, reports] of candidates) {
    if (existsSync(join(recordings, runId)) || existsSync(join(reports, runId))) return runLayout(runId, { recordings, reports });
  }
  throw new TermlensError(`no run found at ${quote(arg)}`, {
    code: 'not-found',
    stage: 'pipeline',
    hint: 'Give a folder under reports/ or recordings/ (the REPORT_DIR a run printed), or a run id.',
  });
}
