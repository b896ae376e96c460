/**
 * `termlens merge DIR… -o OUT`: the shards of a suite (CI artifacts) into one
 * suite folder, as if it had run on one machine. Everything is checked before
 * anything is copied: the shards must come from the same suite, no scenario
 * may come twice, and none may be missing.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { TermlensError, displayPath, quote } from '../errors/index.js';
import { VERSION } from '../version.js';
import { copyScenarioFolder } from './copy-folder.js';
import { SUITE_SCHEMA_VERSION, suiteVerdict, type ScenarioResult, type SuiteResult } from './model.js';
import { findSuiteFolders, readSuite } from './read.js';
import { finishedSuiteStatus } from './status.js';
import { writeSuite, writeSuiteStatus, type WrittenSuite } from './write.js';

export interface MergeOptions {
  junit?: string;
}

const list = (items: readonly string[], max = 20) => (items.length > max ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', '));

type Shard = { dir: string; suite: SuiteResult };
type Found = { dir: string; scenario: ScenarioResult };

export async function mergeSuites(args: readonly string[], out: string, options: MergeOptions = {}): Promise<{ suite: SuiteResult; suiteDir: string; written: WrittenSuite }> {
  const folders = findSuiteFolders(args);
  const outDir = resolve(out);
  await checkOutputFolder(out, outDir, folders);
  const shards = folders.map((dir) => ({ dir, suite: readSuite(dir) }));
  const first = checkOneSuite(shards);
  const byId = eachScenarioOnce(shards, first.suite.scenarioIds);
  const scenarios = await copyScenarioFolders(byId, outDir);
  const now = new Date().toISOString();
  const suite = mergedSuite(first.suite, shards, outDir, scenarios, now);
  const written = await writeSuite(outDir, suite, options);
  writeSuiteStatus(outDir, finishedSuiteStatus(suite, outDir, now));
  return { suite, suiteDir: outDir, written };
}

/** A new or empty folder, not one of those merged, so nothing of an earlier merge is mixed in. */
async function checkOutputFolder(out: string, outDir: string, folders: readonly string[]): Promise<void> {
  if (folders.includes(outDir)) throw new TermlensError(`-o ${quote(out)} is one of the folders being merged`, { code: 'usage', stage: 'suite', hint: 'Merge into a new folder.' });
  if (existsSync(outDir) && (await readdir(outDir)).length > 0) {
    throw new TermlensError(`-o ${quote(out)} already exists and is not empty`, { code: 'usage', stage: 'suite', hint: 'Merge into a new (or empty) folder, so nothing of an earlier merge is mixed in.' });
  }
}

/** The shards of one suite: the same name, and the same whole scenario list (every shard knows it). Returns the first. */
function checkOneSuite(shards: readonly Shard[]): Shard {
  const names = [...new Set(shards.map((s) => s.suite.name))];
  if (names.length > 1) {
    throw new TermlensError(`the folders hold different suites: ${names.map((n) => quote(n)).join(', ')}`, { code: 'usage', stage: 'suite', hint: 'Merge the shards of one suite run at a time.' });
  }
  const [first, ...others] = shards;
  if (!first) throw new TermlensError('no suite folders to merge', { code: 'usage', stage: 'suite', hint: 'Give the folders the shards wrote (their SUITE_DIR, or a folder holding them).' });
  const expected = first.suite.scenarioIds;
  for (const { dir, suite } of others) {
    const a = new Set(expected);
    const b = new Set(suite.scenarioIds);
    const differ = [...expected.filter((id) => !b.has(id)), ...suite.scenarioIds.filter((id) => !a.has(id))];
    if (differ.length) {
      throw new TermlensError(`${displayPath(dir)} was run with other scenarios than ${displayPath(first.dir)} (differing: ${list(differ)})`, {
        code: 'usage',
        stage: 'suite',
        hint: 'Run every shard with the same config and --only patterns.',
      });
    }
  }
  return first;
}

/** Each scenario of the suite from exactly one shard: none twice, none missing, none the suite does not list. */
function eachScenarioOnce(shards: readonly Shard[], expected: readonly string[]): Map<string, Found> {
  const byId = new Map<string, Found[]>();
  for (const { dir, suite } of shards) for (const scenario of suite.scenarios) byId.set(scenario.id, [...(byId.get(scenario.id) ?? []), { dir, scenario }]);
  const twice = [...byId].filter(([, found]) => found.length > 1);
  if (twice.length) {
    const detail = twice.map(([id, found]) => `${id} (in ${found.map((f) => displayPath(f.dir)).join(' and ')})`);
    throw new TermlensError(`${twice.length} scenario${twice.length === 1 ? '' : 's'} came more than once: ${list(detail, 10)}`, {
      code: 'usage',
      stage: 'suite',
      hint: 'Each scenario must come from exactly one shard: merge the folders of one suite run, each shard once.',
    });
  }
  const missing = expected.filter((id) => !byId.has(id));
  if (missing.length) {
    throw new TermlensError(`${missing.length} of ${expected.length} scenarios are missing: ${list(missing)}`, {
      code: 'usage',
      stage: 'suite',
      hint: 'A shard did not finish or its folder was not downloaded; rerun that shard (same --shard K/N) and merge again.',
    });
  }
  const unexpected = [...byId.keys()].filter((id) => !expected.includes(id));
  if (unexpected.length) throw new TermlensError(`scenarios not in the suite's list: ${list(unexpected)}`, { code: 'bad-input', stage: 'suite', hint: 'A suite.json was edited or is corrupt; rerun that shard.' });
  // Each id was found exactly once (checked above).
  return new Map([...byId].flatMap(([id, [found]]) => (found ? [[id, found] as const] : [])));
}

/** Each scenario's run folder into the merged suite folder, in id order. */
async function copyScenarioFolders(byId: ReadonlyMap<string, Found>, outDir: string): Promise<ScenarioResult[]> {
  await mkdir(outDir, { recursive: true });
  const scenarios: ScenarioResult[] = [];
  for (const [, { dir, scenario }] of [...byId].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const from = join(dir, scenario.slug);
    if (!existsSync(from)) throw new TermlensError(`the folder of ${scenario.id} is missing: ${quote(displayPath(from))}`, { code: 'not-found', stage: 'suite', hint: 'Upload the whole suite folder of each shard.' });
    await copyScenarioFolder(from, join(outDir, scenario.slug));
    scenarios.push(scenario);
  }
  return scenarios;
}

/** The suite as if it had run on one machine. */
function mergedSuite(first: SuiteResult, shards: readonly Shard[], outDir: string, scenarios: ScenarioResult[], now: string): SuiteResult {
  return {
    schemaVersion: SUITE_SCHEMA_VERSION,
    suiteId: basename(outDir),
    name: first.name,
    configFile: first.configFile,
    createdAt: now,
    termlensVersion: VERSION,
    scenarioIds: [...first.scenarioIds].sort(),
    shard: null,
    mergedFrom: shards.map((s) => displayPath(s.dir)),
    jobs: Math.max(...shards.map((s) => s.suite.jobs)),
    scenarios,
    ...suiteVerdict(scenarios),
  };
}
