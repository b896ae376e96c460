/**
 * Real report folders for the compare tests: the demo target taken through
 * the pipeline (record through the PTY at --speed 5, render small, frames,
 * inspect, report) without the pre-test or a judge. Each folder is built once
 * per test process and shared.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoConfig, runPipeline } from '../../src/pipeline/index.js';

export type { Defect as DemoDefect } from '../helpers/defects.js';
import type { Defect as DemoDefect } from '../helpers/defects.js';

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
  const c = demoConfig({ vars: { speed: SPEED }, defects: defect ? [defect] : [] });
  const outcome = await runPipeline(
    {
      ...c,
      pretest: null,
      record: { ...c.record, cols: 100, rows: 30, timeout: 60 },
      render: { ...c.render, width: 640, height: 360, fps: 10 },
      frames: { ...c.frames, count: 4, strategy: 'uniform' },
      judge: { ...c.judge, provider: 'none' },
    },
    { roots: { recordings: join(dir, 'recordings'), reports: join(dir, 'reports') } },
  );
  if (outcome.exitCode !== 0) throw new Error(`the demo run (${name}) failed: ${outcome.error?.message}`);
  return outcome.layout.reportDir;
}
