/**
 * A full disk, said plainly. Writes that fail for lack of space (ENOSPC, a
 * quota, a file size limit) become one `disk-full` error naming the file,
 * how much was written and the free space left; and the files that must
 * have the last word (session.json, status.json) keep a small reserve on
 * their disk, released just before that last write, so a disk filled by the
 * recording still has room to say how the recording ended.
 */
import { closeSync, openSync, renameSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { TermlensError, displayPath, type Stage } from './index.js';

/** errno codes that mean "no room": the disk, a quota, or a file size limit (ulimit -f). */
const NO_ROOM = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
/** How tools that are not node say it (ffmpeg, libvips/libpng). */
const NO_ROOM_TEXT = /no space left on device|disk quota exceeded|file too large|unable to write to target/i;

/** Whether an error, or any error in its cause chain, says there is no room to write. */
export function isNoRoom(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code && NO_ROOM.has(code)) return true;
    // A tool that does not ignore SIGXFSZ is killed by it at the file size limit.
    if ((e as TermlensError).subprocess?.signal === 'SIGXFSZ') return true;
    const text = `${(e as Error).message ?? ''}\n${(e as TermlensError).subprocess?.stderrTail ?? ''}`;
    if (NO_ROOM_TEXT.test(text)) return true;
  }
  return false;
}

/** Bytes free to an ordinary user on the disk holding `path`, or undefined when that cannot be known. */
export function freeBytes(path: string): number | undefined {
  try {
    const s = statfsSync(path);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

/** "512 bytes", "1.5 kB", "2.0 MB", "72.6 GB". */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} bytes`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(1)} GB`;
}

function errnoOf(cause: unknown): string {
  return (cause as NodeJS.ErrnoException)?.code ?? 'ENOSPC';
}

/**
 * The error for a write that found no room. `path` is the file (or folder)
 * being written; `written` how many bytes of it are safely on disk.
 */
export function diskFullError(path: string, options: { stage: Stage; written?: number; cause?: unknown; kept?: string }): TermlensError {
  const free = freeBytes(dirname(path));
  const what = options.written === undefined ? '' : ` after ${formatBytes(options.written)}`;
  const limit = errnoOf(options.cause) === 'EFBIG' ? 'the file size limit (ulimit -f) was reached' : 'the disk is full';
  return new TermlensError(
    `${limit}: could not write ${displayPath(path)}${what} (${errnoOf(options.cause)}${free === undefined ? '' : `, ${formatBytes(free)} free`})`,
    {
      code: 'disk-full',
      stage: options.stage,
      hint: [options.kept, `Free some space on the disk holding ${displayPath(dirname(path))}, or write somewhere else, then run again.`]
        .filter(Boolean)
        .join(' '),
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    },
  );
}

/** Room kept on a disk for a last small write; see the module comment. */
export class DiskReserve {
  private path: string | undefined;

  /** Best effort: on a disk already too full to hold the reserve there is nothing to keep. */
  constructor(beside: string, bytes = 64 * 1024) {
    const path = `${beside}.reserve.tmp`;
    let fd: number | undefined;
    try {
      fd = openSync(path, 'w');
      writeSync(fd, Buffer.alloc(bytes));
      this.path = path;
    } catch {
      rmSync(path, { force: true });
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** Give the room back (before the last write, and always at the end). */
  release(): void {
    if (this.path) rmSync(this.path, { force: true });
    this.path = undefined;
  }
}

/**
 * Write a file under a temporary name beside it and rename it into place
 * only once `write` has finished: an interrupted or failed write never
 * leaves a cut file under the final name, and its temporary file is removed.
 */
export async function writeThenRename<T>(path: string, write: (tmp: string) => Promise<T>, suffix = ''): Promise<T> {
  const tmp = `${path}.${process.pid}.tmp${suffix}`;
  try {
    const result = await write(tmp);
    renameSync(tmp, path);
    return result;
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
