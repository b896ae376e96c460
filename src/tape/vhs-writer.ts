/**
 * Writes the tape the `vhs` backend hands to VHS: set the window up, start
 * the command behind Hide with a plain `$ ` prompt, show it, press Enter, and
 * wait for the prompt to come back. The form follows the tape the
 * multi-agent CLI's own recorder uses, so recordings are comparable.
 */
import { TermlensError, quote } from '../errors/index.js';
import { convertPattern } from './settings.js';
import { SHELLS, type ShellName } from './types.js';

export interface VhsTapeOptions {
  /** The video VHS writes (.mp4, .gif or .webm). */
  output: string;
  /** The command line to record, typed into the shell as is. */
  command: string;
  /** How long the final Wait may wait for the prompt, in seconds (VHS's WaitTimeout). */
  waitTimeoutSeconds: number;
  /** @default 1920 */
  width?: number;
  /** @default 1080 */
  height?: number;
  /** @default 15 */
  fontSize?: number;
  /** A theme name VHS knows. @default "Dracula" */
  theme?: string;
  /** @default "bash" */
  shell?: ShellName;
  /** @default 50 */
  typingSpeedMs?: number;
  /** The regular expression the final Wait looks for: the prompt after the command ends. @default "\\$" */
  promptPattern?: string;
}

const QUOTES = ['"', "'", '`'] as const;

function usage(message: string, hint: string): TermlensError {
  return new TermlensError(message, { code: 'usage', stage: 'tape', hint });
}

/**
 * A tape string literal for `text`. Tape strings have no escapes, so the
 * first quote character (in `prefer` order) that does not occur in the text
 * is used; text holding all three, or a line break, cannot be written.
 */
export function quoteTapeString(text: string, prefer: readonly string[] = QUOTES): string {
  if (/[\r\n]/.test(text)) {
    throw usage(`${quote(text)} holds a line break, which a tape string cannot`, 'Put the command in a script file and record that script instead.');
  }
  const q = prefer.find((c) => !text.includes(c));
  if (q === undefined) {
    throw usage(
      `${quote(text)} contains ", ' and \` all at once, so no tape string can hold it`,
      'Put the command in a script file and record that script, or use the default (node-pty) backend.',
    );
  }
  return q + text + q;
}

function checkNumber(name: string, value: number, { integer = false, min = 0, above = false } = {}): void {
  const ok = Number.isFinite(value) && (integer ? Number.isInteger(value) : true) && (above ? value > min : value >= min);
  if (!ok) {
    const what = `${integer ? 'a whole number' : 'a number'} ${above ? 'above' : 'of at least'} ${min}`;
    throw usage(`${name} must be ${what}, got ${quote(value)}`, `Pass ${name} as ${what}.`);
  }
}

/** Format a number the way a tape writes it: no exponent, no trailing zeros. */
function num(n: number): string {
  return String(Number(n.toFixed(6)));
}

/** The tape text, ending in a newline. Throws a TermlensError (usage) for values a tape cannot express. */
export function writeVhsTape(options: VhsTapeOptions): string {
  const {
    output, command, waitTimeoutSeconds,
    width = 1920, height = 1080, fontSize = 15, theme = 'Dracula', shell = 'bash', typingSpeedMs = 50, promptPattern = '\\$',
  } = options;
  if (command.trim() === '') throw usage('the command to record is empty', 'Give the command line the tape should type.');
  if (output.trim() === '') throw usage('the output path is empty', 'Give the video file VHS should write.');
  checkNumber('width', width, { integer: true, min: 1 });
  checkNumber('height', height, { integer: true, min: 1 });
  checkNumber('fontSize', fontSize, { integer: true, min: 1 });
  checkNumber('waitTimeoutSeconds', waitTimeoutSeconds, { min: 0, above: true });
  checkNumber('typingSpeedMs', typingSpeedMs, { min: 0 });
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw usage(`VHS has no shell ${quote(shell)}`, `Use one of ${SHELLS.join(', ')}.`);
  }
  // A tape regex ends at the first slash and cannot span lines.
  if (/[/\r\n]/.test(promptPattern) || promptPattern === '') {
    throw usage(`the prompt pattern ${quote(promptPattern)} cannot be written as a tape /regex/ (no slashes or line breaks)`, 'Choose a pattern without "/".');
  }
  const converted = convertPattern(promptPattern);
  if ('error' in converted) throw usage(`the prompt pattern is not usable: ${converted.error}`, 'Fix the regular expression.');

  const lines = [
    `Output ${quoteTapeString(output, ['"', "'", '`'])}`,
    `Set Width ${width}`,
    `Set Height ${height}`,
    `Set FontSize ${fontSize}`,
    `Set Theme ${quoteTapeString(theme, ['"', "'", '`'])}`,
    `Set Shell ${shell}`,
    `Set WaitTimeout ${num(waitTimeoutSeconds)}s`,
    `Set TypingSpeed ${num(typingSpeedMs)}ms`,
    'Hide',
    "Type `export PS1='$ '`   Enter   Sleep 0.2s",
    'Type `clear`             Enter   Sleep 0.2s',
    `Type ${quoteTapeString(command, ['`', '"', "'"])}`,
    'Show',
    'Enter',
    'Sleep 1s',
    `Wait /${promptPattern}/`,
    'Sleep 2s',
  ];
  return lines.join('\n') + '\n';
}
