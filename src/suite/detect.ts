/** Whether a config is a suite, decided before anything else is loaded. */
import { readFileSync } from 'node:fs';
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
