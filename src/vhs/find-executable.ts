/** Finding programs on a PATH the way a shell would, without running them. */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** The absolute path of `name` on `path` (a PATH value), or undefined. A name with a slash is checked as is. */
export function findExecutable(name: string, path: string | undefined = process.env.PATH): string | undefined {
  const candidates = name.includes('/') || isAbsolute(name) ? [name] : (path ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, name));
  for (const candidate of candidates) {
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; keep looking.
    }
  }
  return undefined;
}
