/**
 * How long a user waits for the offline scorecard once the program exits:
 * the compiled `termlens demo --no-judge` at speed 1 (a ~22 s recording),
 * its stage durations read from status.json, and the stages after the
 * recording (render, frames, inspect, report) divided by the recording's
 * length. Today the stages run one after another, so this is the
 * sequential figure a live pipeline would be compared with.
 *
 *   npx tsx bench/after-exit.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const AFTER = ['render', 'frames', 'inspect', 'report'];

export interface AfterExit {
  recordSeconds: number;
  afterSeconds: number;
  stages: Record<string, number>;
}

export function benchAfterExit(): AfterExit {
  const dir = mkdtempSync(join(tmpdir(), 'termlens-after-exit-'));
  try {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'termlens.js'), 'demo', '--no-judge', '--recordings', join(dir, 'recordings'), '--reports', join(dir, 'reports')], {
      encoding: 'utf8',
      env: { ...process.env, TERMLENS_JUDGE_PROVIDER: '', OPENAI_API_KEY: '' },
    });
    if (run.status !== 0) throw new Error(`termlens demo exited ${run.status}: ${run.stderr}`);
    const [id] = readdirSync(join(dir, 'reports'));
    const status = JSON.parse(readFileSync(join(dir, 'reports', id!, 'status.json'), 'utf8')) as { stages: Array<{ name: string; durationSeconds?: number }> };
    const stages = Object.fromEntries(status.stages.map((s) => [s.name, s.durationSeconds ?? 0]));
    return { recordSeconds: stages.record ?? 0, afterSeconds: AFTER.reduce((sum, s) => sum + (stages[s] ?? 0), 0), stages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && /after-exit\.ts$/.test(process.argv[1]);
if (isMain) {
  const f = benchAfterExit();
  console.log(`recording ${f.recordSeconds.toFixed(1)} s; after it: ${AFTER.map((s) => `${s} ${(f.stages[s] ?? 0).toFixed(1)} s`).join(', ')}; ${(f.afterSeconds / f.recordSeconds).toFixed(2)}× the recording`);
}
