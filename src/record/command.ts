/**
 * Everything about the program to record that can be checked before it
 * starts: that the command exists and can run, the working directory, and
 * the environment it sees. Checking first means a typo fails with a clear
 * message and no half-made cast, instead of a recording of
 * "execvp(3) failed".
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { TermlensError, quote, suggestName } from '../errors/index.js';
import { lookupExecutable, pathFolders } from '../find-executable.js';

/** The terminal termlens emulates, announced to the program. */
export const TERM_ENV = { TERM: 'xterm-256color', COLORTERM: 'truecolor' } as const;

/**
 * Variables describing the terminal termlens was started from; the program
 * runs in another terminal, so they would mislead it (node-pty drops the same
 * ones when it is given process.env).
 */
const OUTER_TERMINAL_VARS = ['TMUX', 'TMUX_PANE', 'STY', 'WINDOW', 'WINDOWID', 'TERMCAP', 'COLUMNS', 'LINES'];

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parse `K=V` strings from `--env`; the value may be empty and may contain "=". */
export function parseEnvAssignments(assignments: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of assignments) {
    const eq = a.indexOf('=');
    const key = eq < 0 ? a : a.slice(0, eq);
    if (eq < 0 || !ENV_KEY.test(key)) {
      throw new TermlensError(`--env expects NAME=VALUE, got ${quote(a)}`, {
        code: 'usage',
        stage: 'record',
        hint: 'Write it like --env LANG=C.UTF-8; the name is letters, digits and underscores.',
      });
    }
    out[key] = a.slice(eq + 1);
  }
  return out;
}

/**
 * The environment the program sees: the caller's, without the outer
 * terminal's variables, with TERM and COLORTERM for the emulated terminal,
 * then the explicit extra variables (which may override TERM on purpose).
 */
export function buildEnv(base: NodeJS.ProcessEnv, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  for (const k of OUTER_TERMINAL_VARS) delete env[k];
  Object.assign(env, TERM_ENV, extra);
  return env;
}

/** Check that the working directory exists; returns it absolute. */
export function resolveCwd(cwd: string | undefined): string {
  const dir = resolve(cwd ?? process.cwd());
  let ok = false;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new TermlensError(`the working directory ${quote(cwd ?? dir)} does not exist or is not a folder`, {
      code: 'not-found',
      stage: 'record',
      hint: 'Pass --cwd a folder that exists.',
    });
  }
  return dir;
}

/**
 * Find the command the way the program's exec will: a name with a slash is a
 * path (relative to the working directory), anything else is looked up on the
 * PATH of the environment the program gets. Returns the full path found.
 */
export function resolveCommand(command: string, env: Record<string, string>, cwd: string): string {
  if (command.trim() === '') {
    throw new TermlensError('no command to record', {
      code: 'usage',
      stage: 'record',
      hint: 'Put the command after --, e.g. termlens record -o out.cast -- ls --color=always',
    });
  }
  const found = lookupExecutable(command, env.PATH, cwd);
  if (found.path) return found.path;
  if (command.includes('/')) {
    const path = found.searched[0]!;
    throw new TermlensError(
      found.notExecutable ? `command ${quote(command)} is not executable` : `command ${quote(command)} not found: there is no file ${quote(path)}`,
      {
        code: 'not-found',
        stage: 'record',
        hint: found.notExecutable ? `Make it executable (chmod +x ${command}) or run it through its interpreter, e.g. -- sh ${command}.` : 'Check the path (a relative path is taken from --cwd).',
      },
    );
  }
  if (found.notExecutable) {
    throw new TermlensError(`command ${quote(command)} was found at ${quote(found.notExecutable)} but is not executable`, {
      code: 'not-found',
      stage: 'record',
      hint: `Make it executable (chmod +x ${found.notExecutable}).`,
    });
  }
  const guess = suggestName(command, namesOnPath(pathFolders(env.PATH, cwd)));
  throw new TermlensError(`command ${quote(command)} not found on PATH`, {
    code: 'not-found',
    stage: 'record',
    hint: guess
      ? `Did you mean ${quote(guess)}? Otherwise install it, or give its full path.`
      : 'Install it, give its full path, or fix PATH (pass --env PATH=... to change the PATH the program sees).',
  });
}

function namesOnPath(dirs: string[]): string[] {
  const names = new Set<string>();
  for (const dir of dirs) {
    try {
      for (const name of readdirSync(dir)) names.add(name);
    } catch {
      // A PATH entry that does not exist is common and harmless.
    }
  }
  return [...names];
}

/** The command line as a person would type it, quoting arguments that need it. */
export function formatCommandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map(shellQuote).join(' ');
}

function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_\-.,:/=@%+^]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Catch the common unwritable outputs with plain words before anything starts. */
export function checkOutputPath(path: string, given: string): void {
  const folder = dirname(path);
  let folderOk = false;
  try {
    folderOk = statSync(folder).isDirectory();
  } catch {
    folderOk = false;
  }
  if (!folderOk) {
    throw new TermlensError(`cannot write the cast to ${quote(given)}: the folder ${quote(folder)} does not exist`, {
      code: 'unwritable',
      stage: 'record',
      hint: `Create it first (mkdir -p ${folder}) or choose another output path.`,
    });
  }
  let isFolder = false;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    isFolder = false;
  }
  if (isFolder) {
    throw new TermlensError(`cannot write the cast to ${quote(given)}: it is a folder`, {
      code: 'unwritable',
      stage: 'record',
      hint: `Give a file name, e.g. -o ${given.replace(/\/+$/, '')}/session.cast`,
    });
  }
}
