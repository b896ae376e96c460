/**
 * How long a user waits for the offline scorecard once the program exits:
 * the compiled `termlens demo --no-judge` at speed 1 (a ~22 s recording),
 * its stage durations read from status.json, and the stages after the
 * recording (render, frames, inspect, report) divided by the recording's
 * length; once with the video rendered after the recording
 * (--no-live-render, the sequential figure) and once rendered while it runs.
 * Runs alternate, so the spread between two runs of one mode is the
 * run-to-run noise the program's own timing measures (first output, longest
 * silence, redraw rate) are compared against: the niced live renderer must
 * not move them beyond it.
 *
 *   npx tsx bench/after-exit.ts [rounds]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
export const AFTER = ['render', 'frames', 'inspect', 'report'];

/** The demo's own timing as the offline measures saw it (responsiveness is null: the demo takes no input). */
export interface ProgramTiming {
  firstOutput: number;
  longestSilence: number;
  redrawsPerSecond: number;
  responsiveness: number | null;
}

export interface AfterExitRun {
  recordSeconds: number;
  afterSeconds: number;
  stages: Record<string, number>;
  timing: ProgramTiming;
}

export interface AfterExit {
  sequential: AfterExitRun[];
  live: AfterExitRun[];
}

function demoRun(live: boolean): AfterExitRun {
  const dir = mkdtempSync(join(tmpdir(), 'termlens-after-exit-'));
  try {
    const args = ['demo', '--no-judge', '--recordings', join(dir, 'recordings'), '--reports', join(dir, 'reports'), ...(live ? [] : ['--no-live-render'])];
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'termlens.js'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, TERMLENS_JUDGE_PROVIDER: '', OPENAI_API_KEY: '' },
    });
    if (run.status !== 0) throw new Error(`termlens demo exited ${run.status}: ${run.stderr}`);
    const [id] = readdirSync(join(dir, 'reports'));
    const report = join(dir, 'reports', id!);
    const status = JSON.parse(readFileSync(join(report, 'status.json'), 'utf8')) as { stages: Array<{ name: string; durationSeconds?: number }> };
    const stages = Object.fromEntries(status.stages.map((s) => [s.name, s.durationSeconds ?? 0]));
    const metrics = JSON.parse(readFileSync(join(report, 'metrics.json'), 'utf8')) as {
      criteria: { userExperience: { measures: { timeToFirstOutput: number; longestSilence: { seconds: number }; redrawsPerSecond: number; responsiveness: number | null } } };
    };
    const m = metrics.criteria.userExperience.measures;
    return {
      recordSeconds: stages.record ?? 0,
      afterSeconds: AFTER.reduce((sum, s) => sum + (stages[s] ?? 0), 0),
      stages,
      timing: { firstOutput: m.timeToFirstOutput, longestSilence: m.longestSilence.seconds, redrawsPerSecond: m.redrawsPerSecond, responsiveness: m.responsiveness },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `rounds` demo runs in each mode, alternating sequential and live. */
export function benchAfterExit(rounds = 2): AfterExit {
  const result: AfterExit = { sequential: [], live: [] };
  for (let i = 0; i < rounds; i++) {
    result.sequential.push(demoRun(false));
    result.live.push(demoRun(true));
  }
  return result;
}

const ratio = (r: AfterExitRun) => r.afterSeconds / r.recordSeconds;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
const spread = (values: number[]) => (values.length > 1 ? Math.max(...values) - Math.min(...values) : 0);

/** The best (lowest) ratio of each mode: the machine's load only ever adds time. */
export function bestRatio(runs: AfterExitRun[]): AfterExitRun {
  return runs.reduce((best, r) => (ratio(r) < ratio(best) ? r : best));
}

/** Lines for the benchmark's table: each mode's ratio and stages, then the program's timing in each mode with its noise. */
export function describeAfterExit(f: AfterExit, target: number, pass: (ok: boolean) => string): string[] {
  const row = (label: string, runs: AfterExitRun[], judged: boolean) => {
    const best = bestRatio(runs);
    const parts = AFTER.map((s) => `${s} ${(best.stages[s] ?? 0).toFixed(1)} s`).join(', ');
    return `  (f) demo: stages after exit ÷ recording, ${label}  ${ratio(best).toFixed(2)}  (${parts} after ${best.recordSeconds.toFixed(1)} s recorded; best of ${runs.length}${judged ? `; target ≤ ${target}` : ''})${judged ? `  ${pass(ratio(best) <= target)}` : ''}`;
  };
  const timing = (label: string, runs: AfterExitRun[]) => {
    const t = (k: 'firstOutput' | 'longestSilence' | 'redrawsPerSecond') => runs.map((r) => r.timing[k]);
    const show = (k: 'firstOutput' | 'longestSilence' | 'redrawsPerSecond', unit: string) => `${median(t(k)).toFixed(3)}${unit} (spread ${spread(t(k)).toFixed(3)})`;
    return `      ${label}: first output ${show('firstOutput', ' s')}, longest silence ${show('longestSilence', ' s')}, redraws ${show('redrawsPerSecond', '/s')}, responsiveness ${runs[0]!.timing.responsiveness ?? 'n/a (no input sent)'}`;
  };
  return [row('sequential', f.sequential, false), row('live render', f.live, true), timing('program timing, sequential ', f.sequential), timing('program timing, live render', f.live)];
}

const isMain = process.argv[1] && /after-exit\.ts$/.test(process.argv[1]);
if (isMain) {
  const f = benchAfterExit(Number(process.argv[2] ?? 2));
  console.log(describeAfterExit(f, 0.1, (ok) => (ok ? 'PASS' : 'MISS')).join('\n'));
}
