/**
 * Real report folders for the compare tests: the demo target recorded
 * through the PTY at --speed 5, rendered small, inspected, framed and
 * reported, laid out as a run's report folder (with its copies of the cast
 * and the video). Each folder is built once per test process and shared.
 */
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { selectFrames } from '../../src/frames/index.js';
import { inspectCast, writeInspectResult } from '../../src/inspect/index.js';
import { recordSession } from '../../src/record/index.js';
import { renderCast } from '../../src/render/index.js';
import { readReportInputs, writeReport } from '../../src/report/index.js';

export const DEMO = fileURLToPath(new URL('../../examples/demo-target/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type DemoDefect = 'low-contrast' | 'escape-debris' | 'flicker' | 'no-status-icons' | 'overflow' | 'silent';

/**
 * Not 10: the demo emits a frame every 0.1 s whatever its speed, so on a busy
 * machine one late frame is a "stall"; in a 2.5 s run a few of them cost the
 * clean baseline a point of user experience, in a 5 s run half as much.
 */
const SPEED = '5';

let root: Promise<string> | undefined;
const cache = new Map<string, Promise<string>>();

/** A report folder of the demo target with the given defect (or none); the same name gives the same folder. */
export function demoReport(defect?: DemoDefect, name = defect ?? 'clean'): Promise<string> {
  let p = cache.get(name);
  if (!p) {
    p = buildReport(name, defect);
    cache.set(name, p);
  }
  return p;
}

async function buildReport(name: string, defect?: DemoDefect): Promise<string> {
  root ??= mkdtemp(join(tmpdir(), 'termlens-compare-runs-'));
  const dir = join(await root, name);
  await mkdir(dir, { recursive: true });
  const cast = join(dir, 'session.cast');
  const args = ['--import', 'tsx', DEMO, '--seed', '7', '--speed', SPEED, ...(defect ? ['--defect', defect] : [])];
  const rec = await recordSession({ command: process.execPath, args, output: cast, cols: 100, rows: 30, timeoutMs: 60_000, cwd: ROOT });
  if (rec.exitCode !== 0) throw new Error(`the demo (${name}) exited ${rec.exitCode}: ${rec.outcome}`);
  await renderCast(cast, { output: join(dir, 'session.mp4'), width: 640, height: 360, fps: 10, theme: 'Dracula' });
  const metrics = await inspectCast(cast);
  await writeInspectResult(metrics, join(dir, 'metrics.json'));
  await selectFrames(join(dir, 'session.mp4'), { outDir: join(dir, 'frames'), count: 4, strategy: 'uniform', gridFile: join(dir, 'grid.png') });
  const inputs = await readReportInputs(dir);
  await writeReport(dir, {
    run: { runId: `demo-${name}`, target: 'demo', command: `demo ${args.slice(2).join(' ')}`, date: '2025-01-01T00:00:00.000Z', termlensVersion: 'test' },
    inspect: inputs.inspect,
    frames: inputs.frames,
    ...(inputs.grid ? { grid: inputs.grid } : {}),
  });
  return dir;
}
