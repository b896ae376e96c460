/** Reading suite folders back: a suite.json, and the folders a user names (a suite folder, or a folder of them). */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TermlensError, quote } from '../errors/index.js';
import { isSuiteFolder } from './detect.js';
import { suiteFile } from '../run-folder/index.js';
import type { SuiteResult } from './model.js';
import { SUITE_FILES } from './write.js';

export { isSuiteFolder };

export function readSuite(dir: string): SuiteResult {
  return suiteFile.readSync(join(dir, SUITE_FILES.json), { stage: 'suite' });
}

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/**
 * The suite folders under what the user gave: each argument is a suite folder,
 * or a folder holding suite folders one or two levels down (a CI artifact
 * download such as shards/shard-1/demo-suite-…/), so a glob is rarely needed.
 */
export function findSuiteFolders(args: readonly string[]): string[] {
  const found: string[] = [];
  for (const arg of args) {
    const dir = resolve(arg);
    if (!isDir(dir)) throw new TermlensError(`${quote(arg)} is not a folder`, { code: 'not-found', stage: 'suite', hint: 'Give the folders the shards wrote (their SUITE_DIR, or a folder holding them).' });
    if (isSuiteFolder(dir)) {
      found.push(dir);
      continue;
    }
    const below: string[] = [];
    for (const a of readdirSync(dir).sort()) {
      const child = join(dir, a);
      if (!isDir(child)) continue;
      if (isSuiteFolder(child)) below.push(child);
      else for (const b of readdirSync(child).sort()) if (isSuiteFolder(join(child, b))) below.push(join(child, b));
    }
    if (below.length === 0) {
      throw new TermlensError(`there is no suite.json in ${quote(arg)} or the folders under it`, {
        code: 'not-found',
        stage: 'suite',
        hint: 'Give the folders the shards wrote: each holds suite.json and one folder per scenario.',
      });
    }
    found.push(...below);
  }
  return [...new Set(found)];
}
