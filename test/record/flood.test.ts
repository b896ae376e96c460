import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openCast } from '../../src/cast/index.js';
import { recordSession } from '../../src/record/index.js';
import { tempDir } from './helpers.js';

describe('recording a flood', () => {
  it('keeps every byte of a 100 MB flood in bounded memory', async () => {
    const dir = await tempDir();
    const output = join(dir, 'flood.cast');
    const total = 100_000_000;
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
    let result;
    try {
      result = await recordSession({ command: 'sh', args: ['-c', `head -c ${total} /dev/zero | tr '\\0' x`], output, cols: 80, rows: 24 });
    } finally {
      clearInterval(sampler);
    }
    assert.equal(result.outcome, 'exited');
    assert.equal(result.session.output.bytes, total);
    let inCast = 0;
    let xsOnly = true;
    for await (const e of (await openCast(output)).events) {
      if (e.code !== 'o') continue;
      inCast += e.data.length;
      if (xsOnly && /[^x]/.test(e.data)) xsOnly = false;
    }
    assert.equal(inCast, total, 'every byte reached the cast');
    assert.ok(xsOnly, 'and nothing else');
    // Holding the flood in memory would take well over 100 MB on top of the ~100 MB a node process with xterm needs.
    assert.ok(peakRss < 400e6, `peak RSS ${(peakRss / 1e6).toFixed(0)} MB stayed under 400 MB`);
  });
});
