/**
 * Small report folders from handwritten casts (no PTY): a few screens with
 * step markers, so what changed between two of them is known exactly.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CastWriter } from '../../src/cast/index.js';
import { selectFrames } from '../../src/frames/index.js';
import { inspectCast, writeInspectResult } from '../../src/inspect/index.js';
import { renderCast } from '../../src/render/index.js';
import { readReportInputs, writeReport } from '../../src/report/index.js';

export interface Screen {
  /** The marker left after this screen is drawn. */
  marker: string;
  /** Output written before the marker. */
  output: string;
  /** Seconds before the output. @default 0.5 */
  after?: number;
}

/** A cast of `screens` (each written, then marked), rendered at 320×180, inspected and reported into `dir`. */
export async function syntheticReport(dir: string, screens: Screen[], { cols = 40, rows = 8 } = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  const cast = join(dir, 'session.cast');
  const writer = new CastWriter(cast, { width: cols, height: rows });
  let t = 0;
  for (const s of screens) {
    t += s.after ?? 0.5;
    writer.write(t, 'o', s.output);
    writer.write(t + 0.001, 'm', s.marker);
  }
  writer.write(t + 0.5, 'o', '');
  writer.close();
  await renderCast(cast, { output: join(dir, 'session.mp4'), width: 320, height: 180, fps: 10, padding: 8 });
  await writeInspectResult(await inspectCast(cast), join(dir, 'metrics.json'));
  await selectFrames(join(dir, 'session.mp4'), { outDir: join(dir, 'frames'), count: 3, strategy: 'markers' });
  const inputs = await readReportInputs(dir);
  await writeReport(dir, {
    run: { runId: `synthetic-${screens.length}`, target: 'synthetic', command: 'printf', date: '2025-01-01T00:00:00.000Z', termlensVersion: 'test' },
    inspect: inputs.inspect,
    frames: inputs.frames,
  });
  return dir;
}

/** Move to row r (1-based), column 1, and clear the row first. */
export const row = (r: number, text: string) => `\x1b[${r};1H\x1b[2K${text}`;
