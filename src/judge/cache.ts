/**
 * On-disk cache of successful answers, keyed by the request hash. Only
 * answers that parsed and validated are stored, so a failure is asked again
 * next time. Files are written by temp file and rename, so a crash never
 * leaves half an entry that would read as a malformed answer.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { redactSecrets } from '../redact.js';
import { writeFileAtomic } from '../run-folder/index.js';
import { JUDGE_DEFAULTS } from './defaults.js';

export const DEFAULT_CACHE_DIR = JUDGE_DEFAULTS.cacheDir;

export interface CacheEntry {
  schemaVersion: 1;
  hash: string;
  model: string;
  createdAt: string;
  /** The completion as the server sent it (choices, usage). */
  completion: ChatCompletion;
  latencyMs: number;
}

export function cacheFile(cacheDir: string, hash: string): string {
  return join(cacheDir, 'judge', `${hash}.json`);
}

/** The stored entry, or undefined when absent or unreadable (a damaged entry is a miss, not an error). */
export async function readCache(cacheDir: string, hash: string): Promise<CacheEntry | undefined> {
  try {
    const entry = JSON.parse(await readFile(cacheFile(cacheDir, hash), 'utf8')) as CacheEntry;
    return entry.schemaVersion === 1 && entry.hash === hash && entry.completion?.choices ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Store an entry; failing to write the cache never fails the judging. Returns whether it was written. */
export async function writeCache(cacheDir: string, entry: CacheEntry, secrets: readonly string[]): Promise<boolean> {
  const file = cacheFile(cacheDir, entry.hash);
  try {
    await writeFileAtomic(file, redactSecrets(JSON.stringify(entry, null, 2), secrets) + '\n', { stage: 'judge', createFolder: true });
    return true;
  } catch {
    return false;
  }
}
