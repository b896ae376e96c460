import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectCast } from '../../src/inspect/index.js';
import { parseHex, DEFAULT_SCHEME, type ColorScheme } from '../../src/terminal/colors.js';
import { writeCast } from './dashboard.js';

test('text is measured in the colours the scheme draws it with', async () => {
  const cast = await writeCast([[0.1, 'o', '\x1b[31mwarning\x1b[0m plain text']]);
  const { measures } = (await inspectCast(cast)).criteria.visualClarity;
  const red = measures.worstPairs[0]!;
  // VHS's red #D74E6F on #171717 is 4.45:1, a hair under AA.
  assert.deepEqual([red.fg, red.bg, red.ratio], ['#d74e6f', '#171717', 4.45]);
  assert.equal(red.example.text, 'warning');
  assert.deepEqual([red.example.row, red.example.col], [0, 0]);
  assert.equal(measures.shareBelow4_5, 7 / 16, "7 red letters of 16 text cells (blanks are not text)");
  assert.equal(measures.shareBelow3, 0);
});

test('the same text scores lower contrast under a scheme with grey on white', async () => {
  const grey: ColorScheme = { ...DEFAULT_SCHEME, foreground: parseHex('#777777')!, background: parseHex('#ffffff')! };
  const cast = await writeCast([[0.1, 'o', 'all default colours']]);
  const underDefault = await inspectCast(cast);
  const underGrey = await inspectCast(cast, { scheme: grey, schemeName: 'grey' });
  assert.equal(underDefault.criteria.visualClarity.measures.shareBelow4_5, 0);
  assert.equal(underGrey.criteria.visualClarity.measures.shareBelow4_5, 1);
  assert.equal(underGrey.criteria.visualClarity.measures.worstPairs[0]!.ratio, 4.48);
  assert.equal(underGrey.metrics.scheme, 'grey');
  assert.ok(underGrey.criteria.visualClarity.score < underDefault.criteria.visualClarity.score);
});

test('escape sequences printed as text are found, whatever notation they use', async () => {
  const cast = await writeCast([
    [0.1, 'o', 'ok [32mgreen[0m\r\n'],
    [0.2, 'o', 'raw \\x1b[1mbold\r\n'],
    [0.3, 'o', 'caret ^[[2J here\r\n'],
    [0.4, 'o', 'symbol \u241b[K\r\n'],
    [0.5, 'o', 'regex ^[[:alpha:]] and list[0] and [5m] are fine\r\n'],
  ]);
  const { debris } = (await inspectCast(cast)).criteria.visualClarity.measures;
  assert.deepEqual(
    debris.examples.map((e) => e.text),
    ['[32m', '[0m', '\\x1b[1m', '^[[2J', '\u241b[K'],
  );
  assert.equal(debris.maxOnOneScreen, 5);
});

test('sequences the terminal does not understand are counted by kind, harmless OSC strings apart', async () => {
  const cast = await writeCast([[0.1, 'o', 'a\x1b[99;5zb\x1b[99;6zc\x1b[77md\x1b]1337;foo=bar\x07e']]);
  const { unknownSequences } = (await inspectCast(cast)).criteria.visualClarity.measures;
  assert.equal(unknownSequences.total, 4);
  assert.equal(unknownSequences.drawingKinds, 2);
  assert.equal(unknownSequences.otherKinds, 1);
  assert.deepEqual(unknownSequences.list[0], { kind: 'CSI', id: 'CSI z', count: 2, example: 'CSI 99;5 z' });
});

test('text longer than the terminal is counted as wrapped rows', async () => {
  const cast = await writeCast([[0.1, 'o', 'short line\r\n' + 'x'.repeat(95) + '\r\nafter']]);
  const { overflow } = (await inspectCast(cast)).criteria.informationOrganization.measures;
  assert.equal(overflow.wrappedRows, 2);
  assert.equal(overflow.share, 0.4, '2 of 5 rows with content are continuations');
});

test('a cell cycling through braille frames is a spinner; streaming text past the same cell is not', async () => {
  const frames = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
  const words = 'a-b|c/d-e*f+g|h-i/j'.split('');
  const events: Array<[number, 'o', string]> = [];
  for (let i = 0; i < 20; i++) events.push([0.1 * (i + 1), 'o', `\x1b[1;1H${frames[i % frames.length]} working\x1b[3;1H${words[i % words.length]}`]);
  const { spinners } = (await inspectCast(await writeCast(events))).criteria.statusIndicators.measures;
  assert.equal(spinners.cells, 1);
  assert.deepEqual([spinners.examples[0]!.row, spinners.examples[0]!.col], [0, 0]);
});

test('status words, icons and their colours are collected; body-coloured words add no state colour', async () => {
  const cast = await writeCast([
    [0.1, 'o', '\x1b[32m✓ done\x1b[0m  \x1b[31m✗ failed\x1b[0m\r\n⏳ waiting  plain working\r\n'],
  ]);
  const { statusWords, icons, stateColours } = (await inspectCast(cast)).criteria.statusIndicators.measures;
  assert.deepEqual(Object.keys(statusWords.counts).sort(), ['done', 'failed', 'waiting', 'working']);
  assert.deepEqual(Object.keys(icons.counts).sort(), ['⏳', '✓', '✗'].sort());
  assert.deepEqual(stateColours.colours, ['#31bb71', '#d74e6f']);
  assert.deepEqual(stateColours.emoji, ['⏳']);
  assert.equal(stateColours.distinctMarkers, 3);
});

test('full-screen clears count as flicker unless wrapped in synchronized output', async () => {
  const events: Array<[number, 'o', string]> = [];
  for (let i = 0; i < 20; i++) events.push([0.1 * (i + 1), 'o', `\x1b[2J\x1b[Hframe ${i}`]);
  for (let i = 0; i < 20; i++) events.push([2.1 + 0.1 * i, 'o', `\x1b[?2026h\x1b[2J\x1b[Hsync ${i}\x1b[?2026l`]);
  // A clear split across two output events is still one clear.
  events.push([4.2, 'o', '\x1b[2']);
  events.push([4.3, 'o', 'J\x1b[Hlast']);
  const { flicker } = (await inspectCast(await writeCast(events))).criteria.userExperience.measures;
  assert.equal(flicker.fullClears, 21);
  assert.equal(flicker.clearsInSyncOutput, 20);
});

test('time to first output ignores output that only sets modes', async () => {
  const cast = await writeCast([
    [0.2, 'o', '\x1b[?25l\x1b[?1049h'],
    [1.5, 'o', 'hello'],
    [1.7, 'o', ' world'],
  ]);
  const m = (await inspectCast(cast)).criteria.userExperience.measures;
  assert.equal(m.timeToFirstOutput, 0.2);
  assert.equal(m.timeToFirstVisibleOutput, 1.5);
});

test('the longest silence is measured between outputs, not after the program went quiet for good', async () => {
  const cast = await writeCast([
    [0.1, 'o', 'start'],
    [0.3, 'o', '.'],
    [3.3, 'o', '.'],
    [3.4, 'o', 'end'],
    [20, 'm', 'idle at the end'],
  ]);
  const { longestSilence, runningSeconds } = (await inspectCast(cast)).criteria.userExperience.measures;
  assert.deepEqual(longestSilence, { seconds: 3, from: 0.3, to: 3.3, shareOfRun: 0.9091 });
  assert.equal(runningSeconds, 3.3);
});

test('an error line stands out when its error word is coloured or bold, not when it looks like body text', async () => {
  const cast = await writeCast([
    [0.1, 'o', 'loading the config file now\r\n\x1b[31mError: connection refused\x1b[0m\r\nwarning: the upload failed twice\r\n'],
  ]);
  const { errors } = (await inspectCast(cast)).criteria.userExperience.measures;
  assert.equal(errors.lines, 2);
  assert.equal(errors.standingOut, 1);
  assert.deepEqual(
    errors.examples.map((e) => [e.text, e.standsOut]),
    [['Error: connection refused', true], ['warning: the upload failed twice', false]],
  );
});

test('screens are measured once per 100 ms window with output, at markers and at the end', async () => {
  const events: Array<[number, 'o' | 'm', string]> = [];
  // 30 updates within 0.3 s (three windows), a marker, then one more update.
  for (let i = 0; i < 30; i++) events.push([0.01 * i, 'o', `\r${i}`]);
  events.push([0.295, 'm', 'step']);
  events.push([2, 'o', ' done']);
  const result = await inspectCast(await writeCast(events));
  assert.equal(result.metrics.sampling.screens, 4);
  assert.deepEqual(result.metrics.sampling.markers, [{ label: 'step', time: 0.295 }]);
});

test('a recording that shows nothing earns no contrast, alignment or first-output points', async () => {
  const r = await inspectCast(await writeCast([[0.5, 'o', '\x1b[?25l']]));
  const part = (c: 'visualClarity' | 'informationOrganization' | 'userExperience', name: string) =>
    r.criteria[c].components.find((p) => p.name === name)!.points;
  assert.equal(part('visualClarity', 'contrast'), 0);
  assert.equal(part('informationOrganization', 'alignment'), 0);
  assert.equal(part('userExperience', 'first output'), 0);
  assert.equal(r.criteria.userExperience.measures.timeToFirstVisibleOutput, null);
});

test('a freeze far longer than the display rhythm is a stall; the same pace throughout is not', async () => {
  const steady: Array<[number, 'o', string]> = [];
  for (let i = 0; i < 30; i++) steady.push([0.1 * i, 'o', `\r${i}`]);
  const frozen: Array<[number, 'o', string]> = steady.map(([t, c, d], i) => [i >= 10 ? t + 0.6 : t, c, d]);
  const slowLog: Array<[number, 'o', string]> = [];
  for (let i = 0; i < 10; i++) slowLog.push([0.6 * i, 'o', `line ${i}\r\n`]);
  const stallsOf = async (events: Array<[number, 'o', string]>) => (await inspectCast(await writeCast(events))).criteria.userExperience.measures.stalls;
  assert.deepEqual(await stallsOf(steady), { thresholdSeconds: 0.25, medianGapSeconds: 0.1, count: 0, seconds: 0, shareOfRun: 0 });
  const freeze = await stallsOf(frozen);
  assert.equal(freeze.count, 1);
  assert.equal(freeze.seconds, 0.7);
  assert.equal((await stallsOf(slowLog)).count, 0, 'a line every 0.6 s is the program’s pace, not a stall');
});

test('a cast that carries its own theme is measured in it, as the renderer draws it, unless a scheme is given', async () => {
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { CastWriter } = await import('../../src/cast/index.js');
  const path = join(await mkdtemp(join(tmpdir(), 'termlens-inspect-')), 'themed.cast');
  const writer = new CastWriter(path, { width: 20, height: 3, theme: { fg: '#777777', bg: '#ffffff', palette: '#000000:#aa0000:#00aa00:#aa5500:#0000aa:#aa00aa:#00aaaa:#aaaaaa' } });
  writer.write(0.1, 'o', 'grey on white');
  writer.close();
  const own = await inspectCast(path);
  assert.equal(own.criteria.visualClarity.measures.worstPairs[0]!.ratio, 4.48);
  assert.equal(own.metrics.scheme, 'cast header');
  const given = await inspectCast(path, { scheme: DEFAULT_SCHEME, schemeName: 'VHS' });
  assert.equal(given.criteria.visualClarity.measures.shareBelow4_5, 0);
  assert.equal(given.metrics.scheme, 'VHS');
});
