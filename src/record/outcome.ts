/**
 * Turns a finished recording into the error to report, if it did not go
 * well. The recording itself always stays: a cast cut short is evidence.
 */
import { TermlensError, displayPath, quote } from '../errors/index.js';
import { formatDuration } from './duration.js';
import type { RecordResult } from './record-session.js';
import type { SessionFile } from './session-file.js';

/** The recording's files, for hints: "kept out.cast and out.json". */
export function keptFiles(result: Pick<RecordResult, 'castPath' | 'sessionPath'>): string {
  return `${displayPath(result.castPath)} and ${displayPath(result.sessionPath)}`;
}

/**
 * The warning for processes left running (setsid daemons), naming their pids
 * and how to stop them with `option`; undefined when there were none.
 */
export function leftRunningNote(session: Pick<SessionFile, 'leftRunning'>, option: string): string | undefined {
  const left = session.leftRunning ?? [];
  if (left.length === 0) return undefined;
  const list = left.map((p) => `pid ${p.pid} (${p.command})`).join(', ');
  return `warning: ${left.length === 1 ? 'a process' : `${left.length} processes`} left the recording's session (setsid) and ${left.length === 1 ? 'is' : 'are'} still running: ${list}. Stop ${left.length === 1 ? 'it' : 'them'} with kill, or use ${option} to have termlens stop such processes.`;
}

/**
 * undefined when the recording succeeded (the program exited 0 or the script
 * ran to its end); otherwise a TermlensError whose code gives the exit code:
 * `timeout` (3), `interrupted` (4), `target-failed` (2), or the failed step's
 * own error.
 */
export function recordFailure(result: RecordResult): TermlensError | undefined {
  const s = result.session;
  const kept = `The recording so far was kept: ${keptFiles(result)}.`;
  switch (result.outcome) {
    case 'steps-done':
      return undefined;
    case 'exited':
      if (result.exitCode === 0 && !result.signal) return undefined;
      return new TermlensError(
        `the program \`${s.commandLine}\` ${result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`} after ${s.durationSeconds}s`,
        {
          code: 'target-failed',
          stage: 'record',
          hint: `${kept} See what it printed with: termlens screen ${displayPath(result.castPath)}`,
        },
      );
    case 'timed-out':
      return new TermlensError(`the program \`${s.commandLine}\` was still running after the ${formatDuration(s.timeoutSeconds * 1000)} timeout, so it was stopped`, {
        code: 'timeout',
        stage: 'record',
        hint: `${kept} Raise --timeout, or add steps that make it quit (e.g. - key: q).`,
      });
    case 'interrupted':
      return new TermlensError(`interrupted after ${s.durationSeconds}s; the program \`${s.commandLine}\` was stopped`, {
        code: 'interrupted',
        stage: 'record',
        hint: kept,
      });
    case 'write-failed': {
      const f = result.writeFailure;
      return new TermlensError(f?.message ?? `${displayPath(result.castPath)} could not be written`, {
        code: f?.code ?? 'unwritable',
        stage: 'record',
        hint: [kept, f?.hint].filter(Boolean).join(' '),
        ...(f ? { cause: f } : {}),
      });
    }
    case 'step-failed': {
      const f = result.stepFailure;
      return new TermlensError(f?.message ?? 'a step failed', {
        code: f?.code ?? 'execution',
        stage: 'record',
        hint: [f?.hint?.replace(/\s*The recording so far was kept\.?$/, ''), kept].filter(Boolean).join(' '),
        ...(f ? { cause: f } : {}),
      });
    }
  }
}
