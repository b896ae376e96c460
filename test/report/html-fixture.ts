/**
 * Builds a real report folder for the HTML tests: the program is recorded
 * through the PTY, rendered small, frames are extracted, the cast inspected
 * and the scorecard written, exactly as a run lays them out.
 */
import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareDirFor, compareRuns, compareViewFor, writeComparison } from '../../src/compare/index.js';
import { inspectCast, writeInspectResult, type InspectResult } from '../../src/inspect/index.js';
import { selectFrames } from '../../src/frames/index.js';
import { recordSession } from '../../src/record/index.js';
import { renderCast } from '../../src/render/index.js';
import { runPretest, writePretest } from '../../src/pretest/index.js';
import { writeReport, type JudgeSummary, type Scorecard } from '../../src/report/index.js';
import type { CompareView } from '../../src/report/html/index.js';

export const DEMO = fileURLToPath(new URL('../../examples/demo-target/main.ts', import.meta.url));

export interface FixtureOptions {
  /** Program and arguments to record. */
  command: string;
  args: string[];
  /** Shown as the target's name. */
  target: string;
  /** A model verdict to fold into the scorecard. */
  judge?: (frames: number[]) => JudgeSummary;
  /** Also run this shell command as an exit-code pre-test and keep pretest.json. */
  pretestCommand?: string;
  /** @default 6 */
  frameCount?: number;
}

export interface ReportFixture {
  reportDir: string;
  scorecard: Scorecard;
  metrics: InspectResult;
}

export async function buildReportFolder(options: FixtureOptions): Promise<ReportFixture> {
  const root = await mkdtemp(join(tmpdir(), 'termlens-html-'));
  const recordingDir = join(root, 'recordings', 'run');
  const reportDir = join(root, 'reports', 'run');
  await mkdir(recordingDir, { recursive: true });
  await mkdir(reportDir, { recursive: true });
  const cast = join(recordingDir, 'session.cast');
  const recorded = await recordSession({ command: options.command, args: options.args, output: cast, cols: 100, rows: 30, timeoutMs: 60_000 });
  if (recorded.exitCode !== 0) throw new Error(`recording ${options.target} ended ${recorded.outcome} (exit ${recorded.exitCode})`);
  await copyFile(cast, join(reportDir, 'session.cast'));
  const video = join(reportDir, 'session.mp4');
  await renderCast(cast, { output: video, width: 960, height: 540 });
  const frames = await selectFrames(video, { outDir: join(reportDir, 'frames'), count: options.frameCount ?? 6, gridFile: join(reportDir, 'grid.png') });
  const metrics = await inspectCast(cast);
  await writeInspectResult(metrics, join(reportDir, 'metrics.json'));
  if (options.pretestCommand) {
    const pretest = await runPretest({ command: options.pretestCommand, protocol: 'exit-code', smokeSeconds: 0, timeout: 30 });
    await writePretest(join(reportDir, 'pretest.json'), pretest);
  }
  const criteria = Object.fromEntries(
    Object.entries(metrics.criteria).map(([key, c]) => [key, { score: c.score, ...(c.measures as object) }]),
  ) as NonNullable<Parameters<typeof writeReport>[1]['inspect']>['criteria'];
  const { scorecard } = await writeReport(reportDir, {
    run: {
      runId: 'run',
      target: options.target,
      command: [options.command, ...options.args].join(' '),
      date: '2026-01-01T00:00:00.000Z',
      termlensVersion: '0.1.0',
      ...(options.judge ? {} : { judgeSkipped: 'no API key or base URL set' }),
    },
    inspect: { criteria },
    judge: options.judge?.(frames.frames.map((f) => f.index)),
    frames: frames.frames.map(({ index, time, file, reason }) => ({ index, time, file, reason })),
    grid: frames.grid,
  });
  return { reportDir, scorecard, metrics };
}

/** The real comparison of two fixture folders, written inside the current one, as the page shows it. */
export async function buildCompare(baseline: ReportFixture, current: ReportFixture): Promise<CompareView> {
  const outDir = compareDirFor(current.reportDir);
  const comparison = await compareRuns({ baseline: baseline.reportDir, current: current.reportDir, outDir });
  await writeComparison(outDir, comparison);
  return compareViewFor(comparison, current.reportDir, outDir)!;
}
