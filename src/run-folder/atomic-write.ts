/**
 * The one way termlens writes a file another stage (or a user's script)
 * reads: whole, into a temporary file beside it, then renamed over the old
 * one. A reader — or an agent polling status.json — sees the old file or the
 * new one, never half of either, and a crash leaves no half-written artifact.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { diskFullError, isNoRoom } from '../errors/disk.js';
import { TermlensError, quote, type Stage } from '../errors/index.js';

export interface AtomicWriteOptions {
  /** The stage writing, named in the error. */
  stage: Stage;
  /** What to do when the file cannot be written. @default 'Choose an output folder you can write to.' */
  hint?: string;
  /** Create the folder first when it does not exist. @default false */
  createFolder?: boolean;
}

let counter = 0;
/** Beside the target (a rename across file systems would not be atomic), unique per process and call. */
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
}

function unwritable(path: string, options: AtomicWriteOptions, cause: unknown): TermlensError {
  // A full disk (or quota, or file size limit) is said as such, with the space left, not as a permission problem.
  if (isNoRoom(cause)) return diskFullError(path, { stage: options.stage, cause });
  return new TermlensError(`cannot write ${quote(path)}: ${(cause as Error).message}`, {
    code: 'unwritable',
    stage: options.stage,
    hint: options.hint ?? 'Choose an output folder you can write to.',
    cause,
  });
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions): Promise<void> {
  const temp = tempPathFor(path);
  try {
    if (options.createFolder) await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (cause) {
    await rm(temp, { force: true }).catch(() => {});
    throw unwritable(path, options, cause);
  }
}

/** For the last words of a process that may exit right after (status.json, run.json). */
export function writeFileAtomicSync(path: string, data: string | Uint8Array, options: AtomicWriteOptions): void {
  const temp = tempPathFor(path);
  try {
    if (options.createFolder) mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (cause) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing more to clean.
    }
    throw unwritable(path, options, cause);
  }
}
