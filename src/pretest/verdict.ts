/** From a verdict to the error the CLI exits with, and to the one line it prints. */
import { TermlensError, type ErrorCode } from '../errors/index.js';
import { stripAnsi } from './automation.js';
import type { PretestResult, PretestVerdict } from './types.js';

const CODES: Record<Exclude<PretestVerdict, 'passed'>, ErrorCode> = {
  failed: 'pretest-failed',
  timeout: 'timeout',
  interrupted: 'interrupted',
};

/**
 * What full-screen programs say when they find no terminal, as Debian's
 * print it headless: top ("failed tty get"), ncdu and nano ("Standard input
 * is not a TTY/terminal"), vim ("Output is not to a terminal"), mc and
 * whiptail ("Failed to open terminal", "Inappropriate ioctl for device"),
 * ncurses ("Error opening terminal").
 */
const NEEDS_TERMINAL = /failed tty get|is not a (tty|terminal)|not (to|from) a terminal|failed to open terminal|inappropriate ioctl for device|error opening terminal|must be run (from|in) a terminal/i;

/** True when a failed program's last words say it needs a terminal, which the headless pre-test does not give it. */
function neededTerminal(result: PretestResult): boolean {
  return result.verdict === 'failed' && [...result.output.stderr, ...result.output.stdout].some((line) => NEEDS_TERMINAL.test(stripAnsi(line)));
}

const HEADLESS_HINT =
  'The pre-test runs the program headless (no terminal) and it asked for one: give pretest.command a form that runs without a terminal (a batch or automation mode, e.g. top -b), or leave out the pretest section (pretest: false) to record straight away. ';

/** The error for a verdict other than `passed` (exit 2, 3 or 4), or undefined when it passed. */
export function pretestError(result: PretestResult, savedTo?: string): TermlensError | undefined {
  if (result.verdict === 'passed') return undefined;
  const head = result.verdict === 'interrupted' ? 'pre-test interrupted' : result.verdict === 'timeout' ? 'pre-test timed out' : 'pre-test failed';
  // Colour codes stripped: a loguru line's escapes would otherwise show as debris in a log file or CI output.
  const tail = result.output.stderr.slice(-5).map(stripAnsi).join('\n');
  return new TermlensError(`${head}: ${result.reason}`, {
    code: CODES[result.verdict],
    stage: 'pretest',
    hint: `${neededTerminal(result) ? HEADLESS_HINT : ''}${savedTo ? `Details in ${savedTo}. ` : ''}Run the pre-test command by hand to see the whole output: ${result.command}`,
    ...(tail && result.verdict === 'failed'
      ? { subprocess: { command: result.command, exitCode: result.exitCode, signal: result.signal, stderrTail: tail, durationMs: Math.round(result.durationSeconds * 1000) } }
      : {}),
  });
}

/** The one line the CLI prints: "PRETEST: passed: run completed: winner agent_a after 3.2s". */
export function verdictLine(result: PretestResult): string {
  return `PRETEST: ${result.verdict}: ${result.reason} (${result.durationSeconds.toFixed(1)}s)`;
}
