/** The one-line reasons of a pre-test's verdict. */
import type { PretestProtocol } from './types.js';
import { EXIT_MEANINGS, SHELL_EXIT_MEANINGS, stripAnsi } from './automation.js';

/** "45s", "1.5s", "0.2s". */
export function seconds(s: number): string {
  return `${Number(s.toFixed(1))}s`;
}

/** Newlines and runs of blanks folded, long text cut, so a reason stays one line. */
export function oneLine(text: string, max = 400): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

const PROTOCOL_LINE = /^(LOG_DIR|STATUS|QUESTION|WINNER|ANSWER_FILE|DURATION|ANSWER_PREVIEW|COMPLETED|RESTART):|^\[Coordination in progress/;

/** The program's last words, colour stripped: the last non-blank stderr line, else the last stdout line that is not a protocol line. */
export function lastWords(stderr: readonly string[], stdout: readonly string[]): string | undefined {
  const pick = (lines: readonly string[], skip?: RegExp) => [...lines].map(stripAnsi).reverse().find((l) => l.trim() !== '' && !(skip && skip.test(l)));
  const line = pick(stderr) ?? pick(stdout, PROTOCOL_LINE);
  return line === undefined ? undefined : oneLine(line, 200);
}

/**
 * "exited with code 2 (execution error); agent agent_b is in error: …: ERROR: …".
 * Exit codes 1–4 carry the automation protocol's meaning only under `massgen`;
 * 126 and 127 are the shell's own.
 */
export function exitReason(code: number | null, signal: string | null, protocol: PretestProtocol, detail: string, words: string | undefined): string {
  const meaning = code === null ? undefined : ((protocol === 'massgen' ? EXIT_MEANINGS[code] : undefined) ?? SHELL_EXIT_MEANINGS[code]);
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}${meaning ? ` (${meaning})` : ''}`;
  return oneLine(`${how}${detail ? `; ${detail}` : ''}${words ? `: ${words}` : ''}`);
}
