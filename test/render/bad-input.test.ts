/** Bad input gets a clear TermlensError naming the value, and the CLI maps it to the documented exit code. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TermlensError } from '../../src/errors/index.js';
import { renderCast } from '../../src/render/index.js';
import { tempDir, writeCast } from './helpers.js';

const isError = (code: string, pattern: RegExp) => (e: unknown) => {
  assert.ok(e instanceof TermlensError, `not a TermlensError: ${String(e)}`);
  assert.equal(e.code, code);
  assert.match(e.message, pattern);
  return true;
};

test('a file that is not a cast is rejected with its name and line', async () => {
  const path = join(await tempDir(), 'notes.txt');
  await writeFile(path, 'hello, not a cast\n');
  await assert.rejects(renderCast(path, { output: join(await tempDir(), 'x.mp4') }), isError('bad-input', /notes\.txt:1/));
});

test('a missing cast is named', async () => {
  await assert.rejects(renderCast('/nonexistent/session.cast', { output: join(await tempDir(), 'x.mp4') }), isError('not-found', /"\/nonexistent\/session\.cast"/));
});

test('an unknown theme is a usage error with a suggestion', async () => {
  const cast = await writeCast([[0, 'x']]);
  await assert.rejects(renderCast(cast, { output: join(await tempDir(), 'x.mp4'), theme: 'Solarised Dark' }), isError('usage', /did you mean "Solarized Dark"/));
});

test('an unwritable output path is named before any work, and nothing is left behind', async () => {
  const cast = await writeCast([[0, 'x']]);
  await assert.rejects(renderCast(cast, { output: '/nonexistent-dir/out.mp4' }), isError('unwritable', /"\/nonexistent-dir\/out\.mp4"/));
  const dir = await tempDir();
  await assert.rejects(renderCast(cast, { output: dir + '/' }), isError('usage', /cannot tell the video format/));
  await assert.rejects(renderCast(cast, { output: join(dir, 'video.avi') }), isError('usage', /"[^"]*video\.avi"/));
});

test('a failing ffmpeg is an error carrying its stderr tail, and the partial video is deleted', async () => {
  const cast = await writeCast([[0, 'x'], [0.5, 'y']]);
  const out = join(await tempDir(), 'x.mp4');
  await assert.rejects(renderCast(cast, { output: out, width: 320, height: 180, preset: 'no-such-preset' }), (e: unknown) => {
    assert.ok(e instanceof TermlensError);
    assert.equal(e.code, 'execution');
    assert.ok(e.subprocess?.args?.includes('no-such-preset'));
    assert.match(e.subprocess?.stderrTail ?? '', /preset/i);
    return true;
  });
  assert.equal(existsSync(out), false);
});

test('a font size too large for the frame is a usage error that says what fits', async () => {
  const cast = await writeCast([[0, 'x']], { width: 80, height: 24 });
  await assert.rejects(renderCast(cast, { output: join(await tempDir(), 'x.mp4'), width: 640, height: 360, fontSize: 40 }), (e: unknown) =>
    isError('usage', /font size "40"/)(e) && /--font-size \d/.test((e as TermlensError).hint ?? ''),
  );
});

test('without named pipes, the portable worker feed makes the same video', async () => {
  const dir = await tempDir();
  const cast = await writeCast([[0, '\x1b[32mgreen\x1b[0m'], [0.4, ' ┌─┐'], [1, 'm', 'end']]);
  await renderCast(cast, { output: join(dir, 'fifo.mp4'), width: 320, height: 180 });
  process.env.TERMLENS_NO_FIFO = '1';
  try {
    await renderCast(cast, { output: join(dir, 'worker.mp4'), width: 320, height: 180 });
    await assert.rejects(renderCast(cast, { output: join(dir, 'bad.mp4'), width: 320, height: 180, preset: 'no-such-preset' }), isError('execution', /ffmpeg failed/));
  } finally {
    delete process.env.TERMLENS_NO_FIFO;
  }
  // x264 is deterministic: the same frames give the same bytes, whichever way they travelled.
  assert.deepEqual(await readFile(join(dir, 'worker.mp4')), await readFile(join(dir, 'fifo.mp4')));
});

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'render', ...args], { encoding: 'utf8' });
}

test('the render command exits 1 on an unknown theme, naming it', async () => {
  const cast = await writeCast([[0, 'x']]);
  const r = cli(cast, '-o', join(await tempDir(), 'x.mp4'), '--theme', 'nordd');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /unknown theme "nordd"; did you mean "Nord"\?/);
});

test('the render command writes the video and video.json and says so', async () => {
  const dir = await tempDir();
  const cast = await writeCast([[0, 'hello'], [0.5, ' world']]);
  const out = join(dir, 'hello.mp4');
  const r = cli(cast, '-o', out, '--width', '320', '--height', '180', '--theme', 'dracula', '--window-bar', 'Colorful');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /hello\.mp4: 2 frames/);
  assert.ok(existsSync(out) && existsSync(join(dir, 'video.json')));
});
