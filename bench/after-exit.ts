/**
 * How long a user waits for the offline scorecard once the program exits:
 * the compiled `termlens demo --no-judge` at speed 1 (a ~22 s recording),
 * its stage durations read from status.json, and the stages after the
 * recording (render, frames, inspect, report) divided by the recording's
 * length; once with the video rendered after the recording
 * (--no-live-render, the sequential figure) and once rendered while it runs.
 * Runs alternate, so the spread between the runs of one mode is the
 * run-to-run noise the program's own timing measures (first output, longest
 * silence, redraw rate) are compared against: the niced live renderer must
 * not move them beyond it. Medians are the figures (one slow or one lucky
 * run does not move them).
 *
 *   npx tsx bench/after-exit.ts [rounds]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, spread } from './record-vs-asciinema.js';

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

/** `rounds` demo runs in each mode (BENCH_AFTER_EXIT_ROUNDS, default 5), alternating sequential and live. */
export function benchAfterExit(rounds = Number(process.env.BENCH_AFTER_EXIT_ROUNDS ?? 5)): AfterExit {
  const result: AfterExit = { sequential: [], live: [] };
  for (let i = 0; i < rounds; i++) {
    result.sequential.push(demoRun(false));
    result.live.push(demoRun(true));
  }
  return result;
}

const ratio = (r: AfterExitRun) => r.afterSeconds / r.recordSeconds;
type TimingKey = 'firstOutput' | 'longestSilence' | 'redrawsPerSecond';

/** The run whose ratio is the median of its mode: its stage times explain the figure. */
function medianRun(runs: AfterExitRun[]): AfterExitRun {
  const m = median(runs.map(ratio));
  return runs.find((r) => ratio(r) === m)!;
}

/**
 * One of the program's timing figures in both modes, and whether the live
 * render left it within run-to-run noise: the medians differ by no more
 * than the larger of the two spreads (largest minus smallest run).
 */
export function timingWithinNoise(f: AfterExit, key: TimingKey): { live: number[]; sequential: number[]; difference: number; noise: number; within: boolean } {
  const live = f.live.map((r) => r.timing[key]);
  const sequential = f.sequential.map((r) => r.timing[key]);
  const difference = Math.abs(median(live) - median(sequential));
  const noise = Math.max(spread(live), spread(sequential));
  return { live, sequential, difference, noise, within: difference <= noise };
}

/** Lines for the benchmark's table: each mode's ratio with its stages, then the program's timing in each mode against its noise, each target with its verdict. */
export function describeAfterExit(f: AfterExit, target: number, pass: (ok: boolean) => string): string[] {
  const row = (label: string, runs: AfterExitRun[], judged: boolean) => {
    const ratios = runs.map(ratio);
    const m = medianRun(runs);
    const parts = AFTER.map((s) => `${s} ${(m.stages[s] ?? 0).toFixed(1)} s`).join(', ');
    return `      ${label}  ${median(ratios).toFixed(3)}  (median of ${runs.length}, spread ${spread(ratios).toFixed(3)}, best ${Math.min(...ratios).toFixed(3)}; median run: ${parts} after ${m.recordSeconds.toFixed(1)} s recorded)${judged ? `  target ≤ ${target}` : ''}`;
  };
  const liveRatio = median(f.live.map(ratio));
  const units: Record<TimingKey, [string, string, number]> = { firstOutput: ['first output', ' s', 3], longestSilence: ['longest silence', ' s', 3], redrawsPerSecond: ['redraws', '/s', 2] };
  const timings = (Object.keys(units) as TimingKey[]).map((key) => ({ key, ...timingWithinNoise(f, key) }));
  const show = (values: number[], [, unit, digits]: [string, string, number]) => `${median(values).toFixed(digits)}${unit} (spread ${spread(values).toFixed(digits)})`;
  return [
    `  (f) demo: stages after exit ÷ recording, live render ${liveRatio.toFixed(3)} (target ≤ ${target}; sequential ${median(f.sequential.map(ratio)).toFixed(3)})  ${pass(liveRatio <= target)}`,
    row('live render', f.live, true),
    row('sequential ', f.sequential, false),
    `  (g) demo's own timing, live render vs sequential, within run-to-run noise  ${pass(timings.every((t) => t.within))}`,
    ...timings.map((t) => {
      const u = units[t.key];
      return `      ${u[0].padEnd(15)} live ${show(t.live, u)}, sequential ${show(t.sequential, u)}: medians ${t.difference.toFixed(u[2])}${u[1]} apart, noise ${t.noise.toFixed(u[2])}${u[1]}  ${t.within ? 'within' : 'BEYOND'}`;
    }),
    `      responsiveness (input → output) ${f.live[0]?.timing.responsiveness ?? 'n/a: the demo takes no input, so longest silence and redraw rate stand for it'}`,
  ];
}

const isMain = process.argv[1] && /after-exit\.ts$/.test(process.argv[1]);
if (isMain) {
  const f = benchAfterExit(process.argv[2] ? Number(process.argv[2]) : undefined);
  console.log(describeAfterExit(f, 0.1, (ok) => (ok ? 'PASS' : 'MISS')).join('\n'));
}
