import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import sharp from 'sharp';
import { TermlensError } from '../../src/errors/index.js';
import { probeVideo } from '../../src/media/tools.js';
import { readCast } from '../../src/cast/index.js';
import { runTape, TEXT_OUTPUT_SEPARATOR, type RunTapeResult } from '../../src/tape/index.js';
import { replayCast, screenAt, snapshotText, type ReplayScreen } from '../../src/terminal/index.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { assertGolden } from '../helpers/golden.js';
import { tempDir } from '../helpers/media.js';

const RUN = join(ROOT, 'test', 'fixtures', 'tapes', 'run');

/** The screens of a .txt output, one per saved command: `rows` lines, then the separator line. */
function blocks(text: string, rows: number): string[] {
  const lines = text.split('\n');
  assert.equal(lines.pop(), '', 'the text ends with a line break');
  assert.equal(lines.length % (rows + 1), 0, 'whole screens only');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += rows + 1) {
    assert.equal(lines[i + rows], TEXT_OUTPUT_SEPARATOR);
    out.push(lines.slice(i, i + rows).join('\n') + '\n');
  }
  return out;
}

/** The screens saved after Wait commands: the ones whose content does not depend on timing. */
function screensAfterWaits(result: RunTapeResult, text: string): string[] {
  const { tape, roles } = result.recording;
  const order = roles.flatMap((r) => r.saves);
  const screens = blocks(text, result.recording.rows);
  assert.equal(screens.length, order.length);
  return screens.filter((_, i) => tape.commands[order[i]!]!.kind === 'wait');
}

let commands: RunTapeResult;
let commandsDir: string;

before(async () => {
  commandsDir = await tempDir('termlens-tape-');
  commands = await runTape(join(RUN, 'commands.tape'), { outDir: commandsDir, cwd: commandsDir });
});

test('a tape using every command runs and writes every output it names', () => {
  const names = commands.outputs.map((o) => o.slice(commandsDir.length + 1));
  assert.deepEqual(names, ['commands.mp4', 'frames/', 'commands.txt', 'commands.ascii', 'shots/end.png']);
  assert.ok(readdirSync(join(commandsDir, 'frames')).some((f) => f.endsWith('.png')));
});

test('the screen text after each Wait matches the golden file', () => {
  const text = readFileSync(join(commandsDir, 'commands.txt'), 'utf8');
  assertGolden(screensAfterWaits(commands, text).join(`${TEXT_OUTPUT_SEPARATOR}\n`), 'tapes/run/golden/commands.waits.txt');
});

test('the .txt and .ascii outputs hold one screen per command run while shown, as VHS writes them', () => {
  const text = readFileSync(join(commandsDir, 'commands.txt'), 'utf8');
  assert.equal(readFileSync(join(commandsDir, 'commands.ascii'), 'utf8'), text);
  // Counted from the tape: every command after the Show, and the Show itself.
  const { tape } = commands.recording;
  const shown = tape.commands.slice(tape.commands.findIndex((c) => c.kind === 'show'));
  assert.equal(commands.recording.rows, 18);
  assert.equal(blocks(text, 18).length, shown.length);
});

test('nothing typed while hidden is ever on screen in the cast or the video', async () => {
  // The screen as it stands at every moment of the cast: after all events at one time, before the next time's.
  const check = async (screen: ReplayScreen) => {
    await screen.settle();
    assert.doesNotMatch(screen.terminal.text(), /clear/, `at ${screen.time}s`);
  };
  await replayCast(commands.cast, { frameOf: (event) => event.time, onFrameDue: (_time, screen) => check(screen), onEnd: check });
  assert.ok(commands.recording.hidden.hiddenSeconds > 0);
  const video = await probeVideo(join(commandsDir, 'commands.mp4'));
  const cast = await readCast(commands.cast);
  assert.ok(Math.abs(video.duration - cast.events.at(-1)!.time) < 0.1, `video ${video.duration}s, cast ${cast.events.at(-1)!.time}s`);
  assert.ok(commands.recording.durationSeconds - cast.events.at(-1)!.time >= commands.recording.hidden.hiddenSeconds - 0.05);
});

test('Screenshot writes a PNG of the window at that moment', async () => {
  const png = join(commandsDir, 'shots', 'end.png');
  const meta = await sharp(png).metadata();
  assert.deepEqual([meta.width, meta.height], [800, 400]);
  const stats = await sharp(png).stats();
  // Text on a dark background: the brightest channel reaches far above the darkest.
  assert.ok(stats.channels[0]!.max - stats.channels[0]!.min > 100);
});

test('warnings name the lines of a font that is not bundled, a late Set, Copy, Paste and scrolling', () => {
  const lines = commands.diagnostics.map((d) => `${d.pos.line}: ${d.message.slice(0, 30)}`);
  assert.deepEqual(
    commands.diagnostics.map((d) => d.pos.line),
    [12, 58, 60, 61, 64, 65],
    lines.join('\n'),
  );
  assert.match(commands.warnings[0]!, /commands\.tape:12:1: warning: the font "Fira Code" is not bundled/);
  assert.match(commands.warnings[1]!, /'Set FontSize 30' is ignored/);
});

test('the reference tape runs against the demo target and ends on its final screen', async () => {
  const dir = await tempDir('termlens-tape-ref-');
  const result = await runTape(join(RUN, 'reference-demo.tape'), { outDir: dir, cwd: ROOT });
  const video = await probeVideo(join(dir, 'reference-demo.mp4'));
  assert.deepEqual([video.width, video.height], [1920, 1080]);
  const text = readFileSync(join(dir, 'reference-demo.txt'), 'utf8');
  const afterWait = screensAfterWaits(result, text);
  assert.equal(afterWait.length, 1);
  assertGolden(afterWait[0]!, 'tapes/run/golden/reference-demo.final.txt');
  assert.ok(existsSync(join(dir, 'reference-demo-end.png')));
  // The typed command line is visible from the first frame, the setup typed before it is not.
  const first = snapshotText((await screenAt(result.cast, { at: 0 })).snapshot);
  assert.match(first, /^\$ node --import tsx examples\/demo-target\/main\.ts/);
  assert.doesNotMatch(first, /export PS1/);
});

test('a Wait that never matches fails with a timeout and keeps the cast', async () => {
  const dir = await tempDir('termlens-tape-wait-');
  await assert.rejects(runTape(join(RUN, 'wait-timeout.tape'), { outDir: dir, cwd: dir }), (e: unknown) => {
    assert.ok(e instanceof TermlensError);
    assert.equal(e.code, 'timeout');
    assert.match(e.message, /never-appears/);
    return true;
  });
  assert.ok(existsSync(join(dir, 'wait-timeout.cast')));
  assert.ok(!existsSync(join(dir, 'wait-timeout.mp4')), 'nothing is rendered after a failed recording');
});

test('a tape with errors exits 1 before running anything', async () => {
  const dir = await tempDir('termlens-tape-err-');
  const run = await runCli(['tape', join(ROOT, 'test', 'fixtures', 'tapes', 'errors', 'misspelt.tape'), '--out-dir', dir]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /error: unknown command/);
  assert.match(run.stderr, /\^/);
  assert.deepEqual(readdirSync(dir), []);
});

test('a Require of a missing program stops the tape before it runs, with exit 2', async () => {
  const dir = await tempDir('termlens-tape-req-');
  const run = await runCli(['tape', join(RUN, 'require-missing.tape'), '--out-dir', dir]);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /requires "termlens-no-such-program"/);
  assert.ok(!existsSync(join(dir, 'require-missing.cast')));
});

test('the tape verb prints warnings with their lines and the files it wrote', async () => {
  const dir = await tempDir('termlens-tape-cli-');
  const run = await runCli(['tape', join(RUN, 'small.tape'), '--out-dir', dir], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /small\.tape:4:1: warning: the font "Comic Mono" is not bundled/);
  assert.match(run.stdout, /wrote small\.txt/);
  assert.match(readFileSync(join(dir, 'small.txt'), 'utf8'), /^> echo small\nsmall\n/m);
});
