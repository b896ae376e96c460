/**
 * The one error type of termlens. Every failure a user can meet is a
 * TermlensError with a machine-readable `code`, the `stage` it happened in and
 * a `hint` that says what to do. The CLI maps `code` to an exit code; the
 * library never exits or prints.
 */
import { isAbsolute, relative } from 'node:path';

export type ErrorCode =
  | 'usage' // bad flag, bad argument, bad config value
  | 'config' // config file invalid
  | 'not-found' // a file or command that does not exist
  | 'bad-input' // a file that exists but is not what it should be (e.g. not a cast)
  | 'unwritable' // an output path that cannot be written
  | 'missing-tool' // a required external tool is absent
  | 'execution' // a subprocess or stage failed
  | 'disk-full' // a write found no room: the disk, a quota or a file size limit
  | 'target-failed' // the recorded program exited non-zero (where that matters)
  | 'pretest-failed'
  | 'judge-failed'
  | 'timeout'
  | 'interrupted'
  | 'quality-gate'; // a score under its threshold, or a regression

export type Stage =
  | 'cli'
  | 'config'
  | 'pretest'
  | 'record'
  | 'cast'
  | 'terminal'
  | 'render'
  | 'frames'
  | 'inspect'
  | 'judge'
  | 'report'
  | 'compare'
  | 'calibrate'
  | 'pipeline'
  | 'tape'
  | 'suite';

/** Details kept when a subprocess failed, so the user sees why without rerunning. */
export interface SubprocessFailure {
  command: string;
  args?: string[];
  exitCode?: number | null;
  signal?: string | null;
  stderrTail?: string;
  durationMs?: number;
}

export interface TermlensErrorOptions {
  code: ErrorCode;
  stage: Stage;
  /** What the user should do about it, one sentence. */
  hint?: string;
  cause?: unknown;
  subprocess?: SubprocessFailure;
}

export class TermlensError extends Error {
  readonly code: ErrorCode;
  readonly stage: Stage;
  readonly hint?: string;
  readonly subprocess?: SubprocessFailure;

  constructor(message: string, options: TermlensErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TermlensError';
    this.code = options.code;
    this.stage = options.stage;
    this.hint = options.hint;
    this.subprocess = options.subprocess;
  }
}

/** Exit codes, the same for every command (docs/architecture.md, "Errors and exit codes"; README, "Exit codes"). */
export const EXIT = {
  ok: 0,
  usage: 1,
  execution: 2,
  timeout: 3,
  interrupted: 4,
  qualityGate: 5,
} as const;

/** Handler table keyed by the code union, so a new code cannot lack an exit code. */
const exitCodeByErrorCode: Record<ErrorCode, number> = {
  usage: EXIT.usage,
  config: EXIT.usage,
  'not-found': EXIT.usage,
  'bad-input': EXIT.usage,
  unwritable: EXIT.usage,
  'missing-tool': EXIT.execution,
  execution: EXIT.execution,
  'disk-full': EXIT.execution,
  'target-failed': EXIT.execution,
  'pretest-failed': EXIT.execution,
  'judge-failed': EXIT.execution,
  timeout: EXIT.timeout,
  interrupted: EXIT.interrupted,
  'quality-gate': EXIT.qualityGate,
};

export function exitCodeFor(error: unknown): number {
  if (error instanceof TermlensError) return exitCodeByErrorCode[error.code];
  return EXIT.execution;
}

/** Quote a user-supplied value in a message so blanks and odd characters are visible. */
export function quote(value: unknown): string {
  return JSON.stringify(String(value));
}

/** A path as a person would type it: relative when it lies under the working folder, else as given. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** One- or multi-line text for a person: message, subprocess facts, hint. */
export function formatError(error: unknown): string {
  if (!(error instanceof TermlensError)) {
    const e = error instanceof Error ? error : new Error(String(error));
    return `termlens: unexpected error: ${e.stack ?? e.message}`;
  }
  const lines = [`termlens ${error.stage}: ${error.message}`];
  const sub = error.subprocess;
  if (sub) {
    const how = sub.signal ? `signal ${sub.signal}` : `exit code ${sub.exitCode}`;
    lines.push(`  command: ${[sub.command, ...(sub.args ?? [])].join(' ')} (${how})`);
    if (sub.stderrTail) lines.push(...sub.stderrTail.trimEnd().split('\n').map((l) => `  | ${l}`));
  }
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  return lines.join('\n');
}

/** "did you mean" for misspelt names: the closest candidate within a small edit distance. */
export function suggestName(input: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const target = norm(input);
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const d = editDistance(target, norm(name));
    if (!best || d < best.distance) best = { name, distance: d };
  }
  if (!best) return undefined;
  const limit = Math.max(2, Math.floor(target.length / 3));
  return best.distance <= limit ? best.name : undefined;
}

/**
 * Edit distance counting an insertion, a deletion, a substitution or a swap
 * of two adjacent characters as one edit (optimal string alignment), since
 * swapped letters ("Dracual") are the commonest typo. A swapped pair is not
 * edited again, so "ca" → "abc" is 3, not 2 as in full Damerau–Levenshtein.
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the distance matrix: i - 2, i - 1 and i.
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row[j] = d;
    }
    [before, prev, row] = [prev, row, before];
  }
  return prev[b.length]!;
}
