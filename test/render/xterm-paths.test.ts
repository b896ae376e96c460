import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { renderCast } from '../../src/render/index.js';
import { VirtualTerminal } from '../../src/terminal/index.js';
import { privateAccess, usePublicApiOnly } from '../../src/terminal/xterm-adapter.js';
import { ROOT } from '../helpers/paths.js';
import { CaptureSink, tempDir } from './helpers.js';

const CASTS = join(ROOT, 'test', 'corpus', 'casts');

/** Every frame's pixels (hashed) and time, and video.json's frames and markers. */
async function render(cast: string): Promise<{ digest: string; times: number[]; frames: unknown; markers: unknown }> {
  const sink = new CaptureSink('rgba');
  const result = await renderCast(join(CASTS, cast), { sink, width: 640, height: 360, manifestPath: join(await tempDir(), 'video.json') });
  return { digest: sink.digest(), times: sink.times, frames: result.manifest.frames, markers: result.manifest.markers };
}

// The demo: emoji, wide characters, 256 colours and truecolor, synchronized output; vim: a real program that resizes.
const SAMPLES = ['demo.cast', 'vim.cast'];

test("the installed xterm.js still has the private paths the renderer's speed relies on", () => {
  // If this fails after an xterm.js upgrade, renders stay correct (the public API is used) but slower:
  // update src/terminal/xterm-adapter.ts to the new internals.
  assert.deepEqual(privateAccess(), { writeSync: true, rawWords: true });
});

test("a render through xterm.js's public API alone draws the same frames at the same times as the fast path", async () => {
  const fast = await Promise.all(SAMPLES.map(render));
  usePublicApiOnly();
  const probe = new VirtualTerminal({ cols: 10, rows: 2 });
  assert.equal(probe.parsesSynchronously, false, 'the public path is in use');
  probe.dispose();
  const slow = await Promise.all(SAMPLES.map(render));
  for (const [i, cast] of SAMPLES.entries()) {
    assert.ok(fast[i]!.times.length > 5, `${cast} draws several frames`);
    assert.deepEqual(slow[i], fast[i], cast);
  }
});
