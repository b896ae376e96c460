/**
 * Start-up: `termlens --version` and `termlens --help` from the compiled
 * package (bin/termlens.js → dist/) against `node -e 0`, run alternately so
 * both see the same machine load; medians of BENCH_STARTUP_ROUNDS (default 15).
 *
 *   npx tsx bench/startup.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'termlens.js');

export interface StartupFigures {
  nodeMs: number;
  versionMs: number;
  helpMs: number;
  rounds: number;
}

function timeOnce(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function benchStartup(rounds = Number(process.env.BENCH_STARTUP_ROUNDS ?? 15)): StartupFigures {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  const node: number[] = [];
  const version: number[] = [];
  const help: number[] = [];
  timeOnce([BIN, '--version']); // the first run pays for the disk cache
  for (let i = 0; i < rounds; i++) {
    node.push(timeOnce(['-e', '0']));
    version.push(timeOnce([BIN, '--version']));
    help.push(timeOnce([BIN, '--help']));
  }
  return { nodeMs: median(node), versionMs: median(version), helpMs: median(help), rounds };
}

const isMain = process.argv[1] && /startup\.ts$/.test(process.argv[1]);
if (isMain) {
  const f = benchStartup();
  console.log(`node -e 0 ${f.nodeMs.toFixed(0)} ms, termlens --version ${f.versionMs.toFixed(0)} ms (${(f.versionMs / f.nodeMs).toFixed(2)}×), --help ${f.helpMs.toFixed(0)} ms (${(f.helpMs / f.nodeMs).toFixed(2)}×), medians of ${f.rounds}`);
}
