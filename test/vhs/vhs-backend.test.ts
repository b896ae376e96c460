import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TermlensError } from '../../src/errors/index.js';
import { probeVideo } from '../../src/media/tools.js';
import { recordWithVhs, vhsArgs, vhsTapeForCommand, vhsTapeFromText } from '../../src/vhs/index.js';
import { assertGolden } from '../helpers/golden.js';
import { tempDir } from '../helpers/media.js';
import { WRITES_MP4, fakeBin } from '../helpers/fake-vhs.js';

// VHS needs ttyd and a browser, which these tests cannot count on: the tape text is checked
// against golden files, and the process handling against small stand-in `vhs` scripts.

const SYSTEM_PATH = '/usr/bin:/bin';
const DEMO = 'node --import tsx examples/demo-target/main.ts --seed 7 --speed 10';

test('the tape for a command is the reference tape, as in the golden file', () => {
  const tape = vhsTapeForCommand({ command: DEMO, timeoutSeconds: 120, width: 1920, height: 1080, fontSize: 15, theme: 'Dracula' }, '/tmp/termlens/terminal.mp4');
  assertGolden(tape.text, 'tapes/run/golden/vhs-command.tape');
  assert.deepEqual(tape.warnings, []);
});

test("termlens's default theme writes no Set Theme, and a theme file is left out with a warning", () => {
  const plain = vhsTapeForCommand({ command: 'ls', timeoutSeconds: 10 }, 'out.mp4');
  assert.doesNotMatch(plain.text, /Set Theme/);
  const file = vhsTapeForCommand({ command: 'ls', timeoutSeconds: 10, theme: '/themes/mine.json' }, 'out.mp4');
  assert.doesNotMatch(file.text, /Set Theme/);
  assert.match(file.warnings[0]!, /theme file "\/themes\/mine\.json" is not passed to VHS/);
});

test("a user's tape keeps its commands and has its outputs replaced by the MP4 termlens reads", () => {
  const text = 'Output demo.gif\nOutput "demo.webm"\nSet Width 800\nType "ls" Enter\nSleep 1s\n';
  const tape = vhsTapeFromText(text, '/home/me/out/session.mp4', 'demo.tape');
  assertGolden(tape.text, 'tapes/run/golden/vhs-from-text.tape');
  assert.match(tape.warnings[0]!, /"demo\.gif", "demo\.webm" are replaced/);
});

test('a broken tape is refused before VHS is looked for', () => {
  assert.throws(() => vhsTapeFromText('Tpye "ls"\n', 'out.mp4', 'bad.tape'), (e: unknown) => e instanceof TermlensError && e.code === 'usage' && /unknown command/.test(e.message));
});

test('VHS is run with the tape as its only argument', () => {
  assert.deepEqual(vhsArgs('/tmp/x/vhs.tape'), ['/tmp/x/vhs.tape']);
});

test('with vhs on the PATH, the MP4 it writes is returned with the tape and its output', async () => {
  const bin = await fakeBin(WRITES_MP4);
  const work = await tempDir('termlens-vhs-work-');
  const result = await recordWithVhs({
    config: { command: DEMO, timeoutSeconds: 60 },
    outputMp4: 'session.mp4',
    workDir: work,
    env: { PATH: `${bin}:${SYSTEM_PATH}` },
    timeoutMs: 60_000,
  });
  assert.equal(result.video, join(work, 'session.mp4'));
  assert.match(result.stdout, /vhs: rendering .*session\.mp4/);
  assert.match(readFileSync(result.tape, 'utf8'), /^Output ".*session\.mp4"$/m);
  const probe = await probeVideo(result.video);
  assert.deepEqual([probe.width, probe.height], [320, 240]);
});

test('a failing vhs is an execution error with its stderr, and the tape and logs are kept', async () => {
  const bin = await fakeBin('echo "starting" ; echo "could not launch browser: no sandbox" >&2 ; exit 1');
  const work = await tempDir('termlens-vhs-fail-');
  await assert.rejects(
    recordWithVhs({ tapeText: 'Type "ls" Enter\n', outputMp4: 'out.mp4', workDir: work, env: { PATH: `${bin}:${SYSTEM_PATH}` } }),
    (e: unknown) => {
      assert.ok(e instanceof TermlensError);
      assert.equal(e.code, 'execution');
      assert.equal(e.subprocess?.exitCode, 1);
      assert.match(e.subprocess?.stderrTail ?? '', /could not launch browser/);
      assert.match(e.hint ?? '', /--backend pty/);
      return true;
    },
  );
  assert.ok(existsSync(join(work, 'vhs.tape')));
  assert.match(readFileSync(join(work, 'vhs.stderr.log'), 'utf8'), /no sandbox/);
  assert.match(readFileSync(join(work, 'vhs.stdout.log'), 'utf8'), /starting/);
});

test('a vhs that runs too long is stopped with a timeout error', async () => {
  const bin = await fakeBin('sleep 30');
  const work = await tempDir('termlens-vhs-slow-');
  await assert.rejects(
    recordWithVhs({ config: { command: 'ls', timeoutSeconds: 5 }, outputMp4: 'out.mp4', workDir: work, env: { PATH: `${bin}:${SYSTEM_PATH}` }, timeoutMs: 300 }),
    (e: unknown) => e instanceof TermlensError && e.code === 'timeout',
  );
});

test('a missing vhs is a missing-tool error saying how to install it or use the default backend', async () => {
  const work = await tempDir('termlens-vhs-none-');
  await assert.rejects(recordWithVhs({ config: { command: 'ls', timeoutSeconds: 5 }, outputMp4: 'out.mp4', workDir: work, env: { PATH: SYSTEM_PATH } }), (e: unknown) => {
    assert.ok(e instanceof TermlensError);
    assert.equal(e.code, 'missing-tool');
    assert.match(e.message, /`vhs` program/);
    assert.match(e.hint ?? '', /go install github\.com\/charmbracelet\/vhs/);
    assert.match(e.hint ?? '', /record\.backend: pty/);
    return true;
  });
  assert.ok(!existsSync(join(work, 'vhs.tape')), 'nothing is written when a tool is missing');
});

test('vhs without ttyd is a missing-tool error naming ttyd', async () => {
  const bin = await fakeBin(WRITES_MP4, { ttyd: false });
  const work = await tempDir('termlens-vhs-ttyd-');
  await assert.rejects(
    recordWithVhs({ config: { command: 'ls', timeoutSeconds: 5 }, outputMp4: 'out.mp4', workDir: work, env: { PATH: `${bin}:${SYSTEM_PATH}` } }),
    (e: unknown) => e instanceof TermlensError && e.code === 'missing-tool' && /ttyd/.test(e.message) && /apt install ttyd/.test(e.hint ?? ''),
  );
});
