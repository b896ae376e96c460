import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The project root (where package.json, prompts/ and examples/ live). */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const VERSION: string = (
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
