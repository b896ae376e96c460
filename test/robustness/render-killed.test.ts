import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';

/** A minute of a changing screen: long enough to render that the render can be killed midway. */
function longCast(): string {
  const lines = [JSON.stringify({ version: 2, width: 80, height: 24 })];
  for (let i = 0; i < 600; i++) lines.push(JSON.stringify([i / 10, 'o', `\x1b[2J\x1b[H frame ${i} ${'#'.repeat(i % 70)}\r\n`]));
  return lines.join('\n') + '\n';
}

test('a render killed midway leaves nothing under the video\'s name, only its temporary file', async () => {
  const dir = await tempDir('termlens-render-killed-');
  writeFileSync(join(dir, 'long.cast'), longCast());
  const partial = () => readdirSync(dir).filter((f) => /^out\.mp4\.\d+\.tmp\.mp4$/.test(f));
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'termlens.js'), 'render', 'long.cast', '-o', 'out.mp4'], { cwd: dir, stdio: 'ignore' });
  // Killed as soon as ffmpeg has written something: SIGKILL cannot be handled or cleaned up after.
  const poll = setInterval(() => {
    if (partial().length > 0) child.kill('SIGKILL');
  }, 20);
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  clearInterval(poll);
  assert.equal(signal, 'SIGKILL', `the render ended by itself (exit ${code}) before it could be killed`);
  assert.ok(!existsSync(join(dir, 'out.mp4')), 'no truncated video passes for a good one');
});

test('a render that completes renames its temporary file to the video and leaves no temporary file', async () => {
  const dir = await tempDir('termlens-render-killed-');
  writeFileSync(join(dir, 'long.cast'), longCast().split('\n').slice(0, 30).join('\n') + '\n');
  const r = await runCli(['render', 'long.cast', '-o', 'out.mp4'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(dir).sort(), ['long.cast', 'out.mp4', 'video.json']);
});
