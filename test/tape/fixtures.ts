/** Paths of the tape fixtures and a stable JSON form of parse results for golden files. */
import { join } from 'node:path';
import { FIXTURES, assertGolden } from '../helpers/golden.js';
import { loadTape, type Tape } from '../../src/tape/index.js';

export const TAPES = join(FIXTURES, 'tapes');

export function tapePath(name: string): string {
  return join(TAPES, name);
}

export function loadFixture(name: string): Tape {
  return loadTape(tapePath(name));
}

/** Replace this checkout's location so goldens read the same on every machine. */
export function machineFree(text: string): string {
  return text.replaceAll(TAPES + '/', '').replaceAll(TAPES, '.');
}

/** JSON with every position written as "file:line:column", relative to the fixtures. */
export function stableJson(value: unknown): string {
  const json = JSON.stringify(
    value,
    (key, v) => ((key === 'pos' || key === 'source') && v && typeof v === 'object' ? `${v.file}:${v.line}:${v.column}` : v),
    2,
  );
  return machineFree(json) + '\n';
}

/** Compare with test/fixtures/tapes/golden/<name>; UPDATE_GOLDEN=1 rewrites it. */
export function assertTapeGolden(actual: string, name: string): void {
  assertGolden(actual, join('tapes', 'golden', name));
}
