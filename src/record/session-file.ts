/**
 * session.json: what was recorded and how it ended, beside the cast. It
 * names the environment variables that were set but never their values,
 * which may be secrets.
 */
import { basename, dirname, join } from 'node:path';
// Not run-folder/index.js: that loads every artifact's schema (zod), which the recorder does not need to write this file.
import { writeFileAtomicSync } from '../run-folder/atomic-write.js';
import { SESSION_SCHEMA_VERSION } from '../run-folder/session-version.js';
import type { SessionArtifact, SessionArtifactInput } from '../run-folder/session-artifact.js';
import type { LeftProcess } from '../processes.js';
import type { StepResult } from './step-runner.js';

/** The version this termlens writes; the reader (run-folder's sessionFile) accepts newer minor versions. */
export { SESSION_SCHEMA_VERSION };

/**
 * How the recording ended:
 * - `exited`: the program ended by itself (see exitCode and signal);
 * - `steps-done`: the script ran to its end and termlens closed the program, as closing a terminal window would;
 * - `timed-out`: the recording's timeout stopped it;
 * - `interrupted`: Ctrl+C or SIGTERM stopped it;
 * - `step-failed`: a step failed (a wait that never matched, input after the program ended…);
 * - `write-failed`: the cast could not be written (a full disk), so the program was stopped; the cast ends on the last whole event.
 */
export type RecordOutcome = SessionArtifact['outcome'];

export interface SessionFile {
  /** SESSION_SCHEMA_VERSION when written. */
  schemaVersion: number;
  termlensVersion: string;
  /** The cast's file name, in the same folder. */
  cast: string;
  command: string;
  args: string[];
  /** The command line as a person would type it. */
  commandLine: string;
  cols: number;
  rows: number;
  /** The pixel window the size was derived from, when it was. */
  window?: { width: number; height: number; fontSize: number; padding: number };
  cwd: string;
  term: string;
  /** Names of the variables set for the program on top of the inherited environment; values are not kept. */
  envKeys: string[];
  /** ISO 8601. */
  startedAt: string;
  durationSeconds: number;
  /** The recording's timeout; 0 for none. */
  timeoutSeconds: number;
  outcome: RecordOutcome;
  /** The program's exit code; null when a signal ended it or it never ended by itself. */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  interrupted: boolean;
  output: { bytes: number; events: number };
  steps: StepResult[];
  /**
   * Processes the program started that left its session on purpose (setsid
   * daemons) and were still running when the recording ended, with their
   * pids; absent when there were none, or when `killDaemons` stopped them.
   */
  leftRunning?: LeftProcess[];
  /** Why a step failed or the cast could not be written, when that happened. */
  error?: { code: string; message: string };
}

/** Where the session file of a cast goes: `session.cast` → `session.json`, `out/demo.cast` → `out/demo.json`. */
export function sessionPathFor(castPath: string): string {
  return join(dirname(castPath), basename(castPath).replace(/\.cast$/i, '') + '.json');
}

/**
 * Written whole or not at all, through the atomic write every artifact uses,
 * so a reader never sees half a file. Synchronous: it is the recording's
 * last word, written from the disk reserve even when the cast filled the
 * disk. What its readers rely on (run-folder's sessionFile schema) is checked
 * here by the compiler, not at run time, so the recorder never loads zod.
 */
export function writeSessionFile(path: string, session: SessionFile): void {
  const checked: SessionArtifactInput = session;
  writeFileAtomicSync(path, JSON.stringify(checked, null, 2) + '\n', { stage: 'record', hint: 'Check that the folder of the output exists and is writable.' });
}
