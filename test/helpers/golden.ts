/**
 * Golden files: compare text with a file under test/fixtures; with
 * UPDATE_GOLDEN=1 in the environment, write the file instead (then review the diff).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export function assertGolden(actual: string, relativePath: string): void {
  const path = join(FIXTURES, relativePath);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.CI === 'true' && !existsSync(path)) assert.fail(`golden file ${relativePath} is missing; run the test with UPDATE_GOLDEN=1 and commit it`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `output differs from ${relativePath} (UPDATE_GOLDEN=1 rewrites it)`);
}
