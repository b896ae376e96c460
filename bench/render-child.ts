/**
 * Renders one cast and prints {frames, ms, maxRssKB} as JSON: run as a child
 * so its peak memory is its own. On Linux the peak is VmHWM from
 * /proc/self/status, which starts afresh at exec; getrusage's maxrss would
 * also count the parent's memory copied by fork before exec.
 */
import { readFileSync } from 'node:fs';
import { renderCast } from '../src/render/index.js';

function peakRssKB(): number {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS;
}

const [cast, output] = process.argv.slice(2);
if (!cast || !output) {
  process.stderr.write('usage: render-child.ts CAST OUTPUT\n');
  process.exit(1);
}
const started = performance.now();
const result = await renderCast(cast, { output });
process.stdout.write(JSON.stringify({ frames: result.frameCount, ms: performance.now() - started, maxRssKB: peakRssKB() }) + '\n');
