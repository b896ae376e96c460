/** Shared by the config tests: config files written into a temp folder, and the error a bad one raises. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type LoadOptions, type TermlensConfig } from '../../src/config/index.js';
import { TermlensError } from '../../src/errors/index.js';
import { ROOT } from '../helpers/paths.js';

export { ROOT };

export function tempDir(prefix = 'termlens-config-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Write `text` as config.yaml in a new temp folder (plus any extra files) and return its path. */
export function writeConfig(text: string, files: Record<string, string> = {}): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const path = join(dir, 'config.yaml');
  writeFileSync(path, text);
  return path;
}

export function load(text: string, files: Record<string, string> = {}, options: LoadOptions = {}): TermlensConfig {
  return loadConfig(writeConfig(text, files), options);
}

/** The config error a bad config raises (fails the test if it loads). */
export function loadError(text: string, files: Record<string, string> = {}, options: LoadOptions = {}): TermlensError {
  const path = writeConfig(text, files);
  try {
    loadConfig(path, options);
  } catch (e) {
    assert.ok(e instanceof TermlensError, `expected a TermlensError, got ${String(e)}`);
    return e;
  }
  assert.fail(`expected ${path} to be rejected`);
}
