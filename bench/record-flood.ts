/**
 * Flood benchmark for the recorder: a program writes 100 MB to its terminal
 * as fast as it can. Prints the bytes that reached the cast (every one must),
 * the throughput and the recorder's peak RSS, sampled every 20 ms.
 *
 *   npx tsx bench/record-flood.ts [MEGABYTES]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCast } from '../src/cast/index.js';
import { recordSession } from '../src/record/index.js';

export interface FloodFigures {
  bytesWritten: number;
  bytesInCast: number;
  events: number;
  seconds: number;
  megabytesPerSecond: number;
  peakRssMB: number;
  castMB: number;
}

export async function benchRecordFlood(megabytes = 100): Promise<FloodFigures> {
  const bytes = megabytes * 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'termlens-flood-'));
  const output = join(dir, 'flood.cast');
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const start = performance.now();
    await recordSession({ command: 'sh', args: ['-c', `head -c ${bytes} /dev/zero | tr '\\0' x`], output, cols: 120, rows: 36 });
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    let inCast = 0;
    let events = 0;
    for await (const e of (await openCast(output)).events) {
      if (e.code !== 'o') continue;
      inCast += e.data.length;
      events++;
    }
    return {
      bytesWritten: bytes,
      bytesInCast: inCast,
      events,
      seconds,
      megabytesPerSecond: megabytes / seconds,
      peakRssMB: peak / 1e6,
      castMB: statSync(output).size / 1e6,
    };
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && /record-flood\.ts$/.test(process.argv[1]);
if (isMain) {
  const mb = Number(process.argv[2] ?? 100);
  const f = await benchRecordFlood(mb);
  console.log(`record flood: ${f.bytesInCast.toLocaleString('en')} of ${f.bytesWritten.toLocaleString('en')} bytes in the cast (${f.bytesInCast === f.bytesWritten ? 'all' : 'MISSING ' + (f.bytesWritten - f.bytesInCast)})`);
  console.log(`  ${f.seconds.toFixed(2)} s, ${f.megabytesPerSecond.toFixed(1)} MB/s, ${f.events} events, cast ${f.castMB.toFixed(1)} MB, peak RSS ${f.peakRssMB.toFixed(0)} MB`);
  if (f.bytesInCast !== f.bytesWritten) process.exitCode = 1;
}
