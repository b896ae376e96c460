/**
 * The folder contract of `termlens judge RUN_DIR`: frames.json (and the
 * images it names) in RUN_DIR, or in the matching recordings/<id>/ when
 * RUN_DIR is reports/<id>/; metrics.json and session.json (beside
 * frames.json) are read when present; judgments.json is written into RUN_DIR.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { TermlensError, quote } from '../errors/index.js';
import { framesFile, metricsFile, sessionFile } from '../run-folder/index.js';
import { measuredFacts } from './measured-facts.js';
import type { JudgeFrame } from './types.js';

export interface JudgeInputs {
  /** Folder frames.json lives in; frame and grid paths are relative to it. */
  baseDir: string;
  frames: JudgeFrame[];
  gridFile?: string;
  /** The offline measures as facts for the prompt (never their scores), each tied to the nearest frame; '' without metrics.json. */
  measuredFacts: string;
  /** The command line from session.json, when there is one. */
  command?: string;
  /** Where judgments.json goes. */
  outFile: string;
}

/** The sibling folder of a run: reports/<id> ↔ recordings/<id>. */
export function siblingRunDir(runDir: string, want: 'recordings' | 'reports'): string | undefined {
  const parent = dirname(resolve(runDir));
  const other = want === 'recordings' ? 'reports' : 'recordings';
  return basename(parent) === other ? join(dirname(parent), want, basename(resolve(runDir))) : undefined;
}

export async function readJudgeInputs(runDir: string): Promise<JudgeInputs> {
  const dir = resolve(runDir);
  if (!existsSync(dir)) {
    throw new TermlensError(`run folder ${quote(runDir)} does not exist`, { code: 'not-found', stage: 'judge', hint: 'Give a reports/<run-id> or recordings/<run-id> folder.' });
  }
  const recordingDir = siblingRunDir(dir, 'recordings');
  const framesDir = [dir, recordingDir].find((d) => d && existsSync(join(d, 'frames.json')));
  if (!framesDir) {
    throw new TermlensError(`no frames.json in ${quote(runDir)}${recordingDir ? ` or ${quote(recordingDir)}` : ''}`, {
      code: 'not-found',
      stage: 'judge',
      hint: 'Run termlens frames VIDEO -o RUN_DIR/frames first.',
    });
  }
  const frames = await framesFile.read(join(framesDir, framesFile.file), { stage: 'judge' });
  const reportsDir = siblingRunDir(dir, 'reports');
  // metrics.json is context for the prompt, not a verdict: whatever part of it is there helps, so it is read as it is.
  const metrics = (await readJsonIfAny(join(dir, metricsFile.file))) ?? (reportsDir ? await readJsonIfAny(join(reportsDir, metricsFile.file)) : undefined);
  // The recorder's own file: when there is one it is checked (a newer major version is refused, not half-understood).
  const session = await sessionFile.readIfPresent(join(framesDir, sessionFile.file), { stage: 'judge' });
  const judgeFrames = frames.frames.map((f) => ({ index: f.index, time: f.time, file: f.file, reason: f.reason }));
  return {
    baseDir: framesDir,
    frames: judgeFrames,
    ...(frames.grid ? { gridFile: frames.grid } : {}),
    measuredFacts: measuredFacts(metrics, judgeFrames),
    ...(session ? { command: session.commandLine } : {}),
    outFile: join(dir, 'judgments.json'),
  };
}

/** Context for the prompt (metrics.json): when missing or unreadable, the prompt goes without it. */
async function readJsonIfAny(file: string): Promise<unknown> {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}
