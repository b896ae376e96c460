/** Whether a config is a suite, decided before anything else is loaded. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** True when the file is YAML with a top-level `matrix:`; anything unreadable is left to the single-run loader to report. */
export function isSuiteConfig(path: string): boolean {
  try {
    const raw = parse(readFileSync(path, 'utf8')) as unknown;
    return raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'matrix' in raw;
  } catch {
    return false;
  }
}

/** True when the folder holds a suite.json (a suite run or a merge). */
export function isSuiteFolder(dir: string): boolean {
  return existsSync(join(dir, 'suite.json'));
}
