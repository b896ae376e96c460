/**
 * `--update-baseline`: after a person accepted the change, the current
 * report folder becomes the baseline. The copy is made beside the baseline
 * first and swapped in by rename, so an interrupted update leaves the old
 * baseline whole.
 */
import { cp, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { TermlensError, quote } from '../errors/index.js';

/** Files a report folder holds that are not part of a baseline: compare output and live status. */
const SKIPPED = new Set(['compare', 'status.json']);

export interface UpdateBaselineOptions {
  /** Another folder inside the current run to leave out (a compare -o inside it). */
  exclude?: string;
  /** Also leave out compare output and live status one level down (a suite's scenario folders). @default false */
  nested?: boolean;
}

/** Replace (or create) `baselineDir` with a copy of the report folder `currentDir`. Returns the files' folder. */
export async function updateBaseline(currentDir: string, baselineDir: string, options: UpdateBaselineOptions = {}): Promise<string> {
  const from = resolve(currentDir);
  const to = resolve(baselineDir);
  if (from === to) return to;
  if (to.startsWith(from + sep)) {
    throw new TermlensError(`the baseline ${quote(baselineDir)} is inside the current run ${quote(currentDir)}`, {
      code: 'usage',
      stage: 'compare',
      hint: 'Keep the baseline outside the report folder, e.g. in your repository under baselines/.',
    });
  }
  const exclude = options.exclude ? resolve(options.exclude) : undefined;
  const tmp = join(dirname(to), `.${basename(to)}.new-${process.pid}`);
  const old = join(dirname(to), `.${basename(to)}.old-${process.pid}`);
  try {
    await rm(tmp, { recursive: true, force: true });
    await cp(from, tmp, {
      recursive: true,
      filter: (src) => {
        const rel = relative(from, src);
        if (rel === '') return true;
        const parts = rel.split(sep);
        if (SKIPPED.has(parts[0]!) || (options.nested && parts.length > 1 && SKIPPED.has(parts[1]!))) return false;
        return !(exclude && (src === exclude || src.startsWith(exclude + sep)));
      },
    });
    const existed = await stat(to).then(() => true, () => false);
    if (existed) await rename(to, old);
    await rename(tmp, to);
    if (existed) await rm(old, { recursive: true, force: true });
  } catch (cause) {
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
    throw new TermlensError(`cannot update the baseline ${quote(baselineDir)} from ${quote(currentDir)}: ${(cause as Error).message}`, {
      code: 'unwritable',
      stage: 'compare',
      hint: 'Check that the baseline folder and its parent are writable.',
      cause,
    });
  }
  return to;
}
