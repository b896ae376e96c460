import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openCast } from '../../src/cast/index.js';
import { recordSession } from '../../src/record/index.js';
import { screenText, tempDir } from './helpers.js';

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

  it('answers queries asked in the middle of a flood and right after it, as the screen is at that point', async () => {
    const dir = await tempDir();
    // Echo off so the replies are read, not shown; each reply is read up to its final byte.
    const script = [
      'stty -echo',
      "head -c 3000000 /dev/zero | tr '\\0' x",
      'printf "\\r\\nmid\\033[6n"',
      'IFS= read -r -d R mid',
      "head -c 2000000 /dev/zero | tr '\\0' y",
      'printf "\\r\\n\\033[c"',
      'IFS= read -r -d c da',
      'printf "\\033[6n"',
      'IFS= read -r -d R end',
      'stty echo',
      'echo "mid=${mid#*[} da=${da#*[} end=${end#*[}"',
    ].join('; ');
    const result = await recordSession({ command: 'bash', args: ['--norc', '--noprofile', '-c', script], output: join(dir, 'queries.cast'), cols: 80, rows: 24, timeoutMs: 60_000 });
    assert.equal(result.outcome, 'exited');
    // "mid" is written on the last row after the flood scrolled: the cursor is there, after those 3 characters.
    assert.match(await screenText(result.castPath), /mid=24;4 da=\?1;2 end=24;1$/);
    let xs = 0;
    let ys = 0;
    for await (const e of (await openCast(result.castPath)).events) {
      if (e.code !== 'o') continue;
      xs += e.data.split('x').length - 1;
      ys += e.data.split('y').length - 1;
    }
    assert.equal(xs, 3_000_000, 'every byte of the first flood reached the cast');
    assert.equal(ys, 2_000_000, 'and of the second');
  });

  it('keeps the one line a program prints just before it exits, run after run', async () => {
    const dir = await tempDir();
    for (let run = 0; run < 40; run++) {
      const output = join(dir, `line-${run}.cast`);
      const result = await recordSession({ command: 'sh', args: ['-c', `echo line ${run}; exit 3`], output, cols: 80, rows: 24 });
      assert.equal(result.exitCode, 3);
      let text = '';
      for await (const e of (await openCast(output)).events) if (e.code === 'o') text += e.data;
      assert.equal(text, `line ${run}\r\n`, `run ${run}: the line, and nothing of the recorder's own`);
    }
  });

  it('keeps the last bytes a program writes just before it exits, run after run', async () => {
    const dir = await tempDir();
    for (let run = 0; run < 40; run++) {
      const total = 500_000 + run * 7919;
      const output = join(dir, `tail-${run}.cast`);
      await recordSession({ command: 'sh', args: ['-c', `head -c ${total} /dev/zero | tr '\\0' x; printf END`], output, cols: 80, rows: 24 });
      let chars = 0;
      let last = '';
      for await (const e of (await openCast(output)).events) {
        if (e.code !== 'o') continue;
        chars += e.data.length;
        last = e.data;
      }
      assert.equal(chars, total + 3, `run ${run}: every byte reached the cast`);
      assert.ok(last.endsWith('END'), `run ${run}: the last bytes too`);
    }
  });
});
