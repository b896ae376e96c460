/** From a verdict to the error the CLI exits with, and to the one line it prints. */
import { TermlensError, type ErrorCode } from '../errors/index.js';
import { stripAnsi } from './automation.js';
import type { PretestResult, PretestVerdict } from './types.js';

const CODES: Record<Exclude<PretestVerdict, 'passed'>, ErrorCode> = {
  failed: 'pretest-failed',
  timeout: 'timeout',
  interrupted: 'interrupted',
};

/** The error for a verdict other than `passed` (exit 2, 3 or 4), or undefined when it passed. */
export function pretestError(result: PretestResult, savedTo?: string): TermlensError | undefined {
  if (result.verdict === 'passed') return undefined;
  const head = result.verdict === 'interrupted' ? 'pre-test interrupted' : result.verdict === 'timeout' ? 'pre-test timed out' : 'pre-test failed';
  // Colour codes stripped: a loguru line's escapes would otherwise show as debris in a log file or CI output.
  const tail = result.output.stderr.slice(-5).map(stripAnsi).join('\n');
  return new TermlensError(`${head}: ${result.reason}`, {
    code: CODES[result.verdict],
    stage: 'pretest',
    hint: `${savedTo ? `Details in ${savedTo}. ` : ''}Run the pre-test command by hand to see the whole output: ${result.command}`,
    ...(tail && result.verdict === 'failed'
      ? { subprocess: { command: result.command, exitCode: result.exitCode, signal: result.signal, stderrTail: tail, durationMs: Math.round(result.durationSeconds * 1000) } }
      : {}),
  });
}

/** The one line the CLI prints: "PRETEST: passed: run completed: winner agent_a after 3.2s". */
export function verdictLine(result: PretestResult): string {
  return `PRETEST: ${result.verdict}: ${result.reason} (${result.durationSeconds.toFixed(1)}s)`;
}
