import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/**
 * The package root (where package.json, prompts/ and examples/ live): the first
 * folder up from this file with a package.json, so it is the same whether
 * termlens runs from src/ through tsx or from the compiled dist/src/.
 */
export const PROJECT_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`termlens: no package.json above ${start}; the installation is incomplete`);
  }
}

export const VERSION: string = (
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/** True when this code is the TypeScript source run through tsx (a checkout), false when it is the compiled package. */
export const FROM_SOURCES = import.meta.url.endsWith('.ts');
