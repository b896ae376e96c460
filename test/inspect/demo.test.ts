/**
 * The demo target recorded for real (node-pty, through the recorder) with and
 * without each defect, at --speed 10: the clean run scores well and each
 * defect lowers the criterion it attacks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspectCast } from '../../src/inspect/index.js';
import { CRITERIA, type CriterionKey } from '../../src/criteria.js';
import { recordSession } from '../../src/record/index.js';
import type { Defect } from './dashboard.js';
import { DEFECT_ATTACKS } from '../helpers/defects.js';

const DEMO = fileURLToPath(new URL('../../examples/demo-target/main.ts', import.meta.url));
/** How much a defect must lower the criterion it attacks, at least. */
const MIN_DROP = 2;
/**
 * How far the other criteria may move. Wider than for the synthetic casts:
 * a live recording's timing (start-up time, a late frame on a busy machine)
 * shifts the user-experience score a little from run to run.
 */
const TOLERANCE = 1.5;

const ATTACKS = DEFECT_ATTACKS;

async function recordDemo(defect?: Defect): Promise<Record<CriterionKey, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'termlens-demo-inspect-'));
  const output = join(dir, `${defect ?? 'clean'}.cast`);
  const args = ['--import', 'tsx', DEMO, '--seed', '7', '--speed', '10', ...(defect ? ['--defect', defect] : [])];
  const result = await recordSession({ command: process.execPath, args, output, cols: 120, rows: 36, timeoutMs: 60_000 });
  assert.equal(result.exitCode, 0, `the demo ${defect ?? 'clean'} run failed: ${result.outcome}`);
  const { criteria } = await inspectCast(output);
  return Object.fromEntries(CRITERIA.map((c) => [c, criteria[c].score])) as Record<CriterionKey, number>;
}

let clean: Promise<Record<CriterionKey, number>> | undefined;
const cleanScores = () => (clean ??= recordDemo());

test('the clean demo recording scores at least 7 on every criterion', async () => {
  const s = await cleanScores();
  for (const c of CRITERIA) assert.ok(s[c] >= 7, `${c} scored ${s[c]}`);
});

for (const [defect, attacked] of Object.entries(ATTACKS) as Array<[Defect, CriterionKey]>) {
  test(`the demo recorded with --defect ${defect} scores lower on ${attacked} and about the same on the rest`, async () => {
    const base = await cleanScores();
    const spoilt = await recordDemo(defect);
    assert.ok(base[attacked] - spoilt[attacked] >= MIN_DROP, `${attacked}: clean ${base[attacked]}, ${defect} ${spoilt[attacked]}`);
    for (const c of CRITERIA) {
      if (c !== attacked) assert.ok(Math.abs(base[c] - spoilt[c]) <= TOLERANCE, `${c}: clean ${base[c]}, ${defect} ${spoilt[c]}`);
    }
  });
}
