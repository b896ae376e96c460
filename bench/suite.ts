/**
 * Suite benchmarks, printed as ratios measured in one run:
 * (d) shard balance: a suite of the demo with scenarios of different lengths
 *     runs whole once (its suite.json gives the durations), then as K shards
 *     one after another, balanced by those durations; the slowest shard's time
 *     ÷ the mean shard time should be ≤ 1.25.
 * (e) merge scaling: merging 100 scenario folders should take ≤ 12× merging
 *     10 (linear in the number of scenarios, with room for fixed costs).
 *
 * `tsx bench/suite.ts` runs only these; `npm run bench` runs them after the
 * render benchmarks (BENCH_SKIP=suite skips them).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../src/version.js';
import { mergeSuites } from '../src/suite/merge.js';
import type { SuiteResult } from '../src/suite/model.js';
import { runSuite } from '../src/suite/run.js';
import { loadSuite } from '../src/suite/scenarios.js';

const SHARDS = Number(process.env.BENCH_SHARDS ?? 3);
const TARGETS = { balance: 1.25, merge: 12 };
const log = (line: string) => process.stderr.write(line + '\n');

/** Six scenarios of the demo whose lengths differ about threefold: three speeds × two sizes. */
function suiteConfig(dir: string): string {
  const file = join(dir, 'bench-suite.yaml');
  writeFileSync(
    file,
    `name: bench
command: "node --import tsx examples/demo-target/main.ts --seed 7 --speed {{speed}}"
vars: { speed: 10 }
record: { cwd: ${JSON.stringify(PROJECT_ROOT)}, timeout: 120s }
render: { width: 960, height: 540, padding: 20 }
frames: { count: 4 }
judge: { provider: none }
matrix:
  vars.speed: [10, 5, 3.3]
  size: [80x24, 120x36]
`,
  );
  return file;
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await f();
  return [value, (performance.now() - t0) / 1000];
}

export async function shardBalance(dir: string): Promise<{ lines: string[]; ratio: number; sample: { suiteDir: string; slug: string } }> {
  const def = loadSuite(suiteConfig(dir));
  const roots = (name: string) => ({ recordings: join(dir, name, 'recordings'), reports: join(dir, name, 'reports') });
  log(`suite: ${def.scenarios.length} demo scenarios whole, to learn their durations…`);
  const [whole, wholeSeconds] = await timed(() => runSuite(def, { roots: roots('whole') }));
  const durations = new Map(whole.suite.scenarios.map((s) => [s.id, s.durationSeconds]));
  const times: number[] = [];
  for (let k = 1; k <= SHARDS; k++) {
    log(`suite: shard ${k}/${SHARDS}, balanced by those durations…`);
    const [, seconds] = await timed(() => runSuite(def, { roots: roots(`shard-${k}`), shard: { index: k, total: SHARDS, from: 'bench' }, durations }));
    times.push(seconds);
  }
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const ratio = Math.max(...times) / mean;
  return {
    lines: [
      `scenario durations: ${[...durations.values()].map((d) => d.toFixed(1)).join(', ')} s (whole suite ${wholeSeconds.toFixed(1)} s)`,
      `shard times (${SHARDS} shards): ${times.map((t) => t.toFixed(1)).join(', ')} s, mean ${mean.toFixed(1)} s`,
    ],
    ratio,
    sample: { suiteDir: whole.suiteDir, slug: whole.suite.scenarios[0]!.slug },
  };
}

/** `count` scenario folders (copies of one real scenario folder) in four shard suites, ready to merge. */
function shardFolders(root: string, count: number, sample: { suiteDir: string; slug: string }, template: SuiteResult['scenarios'][number]): string {
  const ids = Array.from({ length: count }, (_, i) => `bench[n=${String(i).padStart(3, '0')}]`);
  for (let k = 0; k < 4; k++) {
    const suiteDir = join(root, `shard-${k + 1}`);
    mkdirSync(suiteDir, { recursive: true });
    const mine = ids.filter((_, i) => i % 4 === k);
    const scenarios = mine.map((id) => {
      const slug = id.replace(/[[\]=]/g, '_');
      cpSync(join(sample.suiteDir, sample.slug), join(suiteDir, slug), { recursive: true });
      return { ...template, id, slug };
    });
    const suite: SuiteResult = {
      schemaVersion: 1,
      suiteId: `bench-shard-${k + 1}`,
      name: 'bench',
      configFile: null,
      createdAt: new Date().toISOString(),
      termlensVersion: 'bench',
      scenarioIds: ids,
      shard: { index: k + 1, total: 4, from: 'bench' },
      mergedFrom: [],
      jobs: 1,
      scenarios,
      state: 'passed',
      exitCode: 0,
      verdict: 'passed',
    };
    writeFileSync(join(suiteDir, 'suite.json'), JSON.stringify(suite));
  }
  return root;
}

export async function mergeScaling(dir: string, sample: { suiteDir: string; slug: string }, template: SuiteResult['scenarios'][number]): Promise<{ lines: string[]; ratio: number }> {
  const best: Record<number, number> = {};
  for (const count of [10, 100]) {
    const shards = shardFolders(join(dir, `merge-${count}`), count, sample, template);
    best[count] = Infinity;
    for (let round = 1; round <= 5; round++) {
      const out = join(dir, `merged-${count}-${round}`);
      const [, seconds] = await timed(() => mergeSuites([shards], out));
      best[count] = Math.min(best[count]!, seconds);
      rmSync(out, { recursive: true, force: true });
    }
    log(`suite: merging ${count} scenario folders took ${best[count]!.toFixed(2)} s (best of 5)`);
  }
  return { lines: [`merge: 10 folders ${best[10]!.toFixed(2)} s, 100 folders ${best[100]!.toFixed(2)} s`], ratio: best[100]! / best[10]! };
}

const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** Both measures, as lines for the benchmark's table. */
export async function suiteBenchmark(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'termlens-bench-suite-'));
  const env = process.env.GITHUB_STEP_SUMMARY;
  delete process.env.GITHUB_STEP_SUMMARY;
  try {
    const balance = await shardBalance(dir);
    const whole = JSON.parse(readFileSync(join(balance.sample.suiteDir, 'suite.json'), 'utf8')) as SuiteResult;
    const merge = await mergeScaling(dir, balance.sample, whole.scenarios[0]!);
    return [
      ...[...balance.lines, ...merge.lines].map((l) => `  ${l}`),
      '',
      `  (d) slowest shard ÷ mean shard     ${balance.ratio.toFixed(2)}  (target ≤ ${TARGETS.balance})  ${pass(balance.ratio <= TARGETS.balance)}`,
      `  (e) merge 100 ÷ merge 10 folders   ${merge.ratio.toFixed(1)}  (target ≤ ${TARGETS.merge})  ${pass(merge.ratio <= TARGETS.merge)}`,
    ];
  } finally {
    if (env !== undefined) process.env.GITHUB_STEP_SUMMARY = env;
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(['', 'termlens suite benchmark', ...(await suiteBenchmark()), ''].join('\n') + '\n');
}
