/** Where the repository is, and fresh temporary folders for test outputs (never inside the repository). */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function tempDir(prefix = 'termlens-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
