/** pretest.json, written whole through a temporary file and a rename so a reader never sees half of it. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TermlensError, quote } from '../errors/index.js';
import type { PretestResult } from './types.js';

export async function writePretest(path: string, result: PretestResult): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, JSON.stringify(result, null, 2) + '\n');
    await rename(tmp, path);
  } catch (cause) {
    throw new TermlensError(`cannot write ${quote(path)}: ${(cause as Error).message}`, {
      code: 'unwritable',
      stage: 'pretest',
      hint: 'Check that the folder is writable, or pass another -o.',
      cause,
    });
  }
}
