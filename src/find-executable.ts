/**
 * Finding programs on a PATH the way exec and a shell do, without running
 * them. The one lookup every stage uses: the recorder (the command to run),
 * the tape runner (`Require`, the shell) and the VHS backend (vhs, ttyd).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

export type ExecutableState = 'ok' | 'missing' | 'not-executable';

/** Whether `path` is a regular file this process may execute. */
export function executableState(path: string): ExecutableState {
  try {
    if (!statSync(path).isFile()) return 'missing';
  } catch {
    return 'missing';
  }
  try {
    accessSync(path, constants.X_OK);
    return 'ok';
  } catch {
    return 'not-executable';
  }
}

/** The folders of a PATH value, as exec searches them: an empty entry is the working directory, relative entries are taken from it. */
export function pathFolders(pathValue: string | undefined, cwd: string = process.cwd()): string[] {
  return (pathValue ?? '').split(delimiter).map((dir) => resolve(cwd, dir || '.'));
}

export interface ExecutableLookup {
  /** The executable found, when there is one. */
  path?: string;
  /** The first file of that name that is there but not executable, when none was found. */
  notExecutable?: string;
  /** Where it was looked for: the name's own path, or the PATH's folders. */
  searched: string[];
}

/**
 * Look `name` up as exec would: a name with a slash is a path (relative to
 * `cwd`), anything else is searched on `pathValue`'s folders in order.
 */
export function lookupExecutable(name: string, pathValue: string | undefined = process.env.PATH, cwd: string = process.cwd()): ExecutableLookup {
  const searched = name.includes('/') ? [isAbsolute(name) ? name : resolve(cwd, name)] : pathFolders(pathValue, cwd).map((dir) => join(dir, name));
  let notExecutable: string | undefined;
  for (const candidate of searched) {
    const state = executableState(candidate);
    if (state === 'ok') return { path: candidate, searched };
    if (state === 'not-executable') notExecutable ??= candidate;
  }
  return { ...(notExecutable ? { notExecutable } : {}), searched };
}

/** The absolute path of `name` on `pathValue` (a PATH value), or undefined. A name with a slash is checked as is. */
export function findExecutable(name: string, pathValue: string | undefined = process.env.PATH): string | undefined {
  return lookupExecutable(name, pathValue).path;
}
