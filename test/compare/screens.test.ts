import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { captureScreens, compareCapturedScreens, compareRuns, diffScreens, writeComparison } from '../../src/compare/index.js';
import { tempDir } from '../helpers/media.js';
import { row, syntheticReport } from './synthetic.js';

const BASE = [
  { marker: 'start', output: '\x1b[2J' + row(1, 'Build 1/3') + row(3, 'compiling core') },
  { marker: 'tests', output: row(1, 'Build 2/3') + row(3, 'running tests') + row(4, '\x1b[32mok\x1b[0m 12 passed') },
  { marker: 'done', output: row(1, 'Build 3/3') + row(6, 'finished in 4 s') },
];
/** The same display, with the test line's words changed and coloured red instead of green, and one more line at the end. */
const CHANGED = [
  BASE[0]!,
  { marker: 'tests', output: row(1, 'Build 2/3') + row(3, 'running tests') + row(4, '\x1b[31mOK\x1b[0m 12 passed') },
  { marker: 'done', output: row(1, 'Build 3/3') + row(6, 'finished in 4 s') + row(7, 'see report.html') },
];

let dirs: Promise<{ base: string; changed: string; root: string }> | undefined;
const runs = () =>
  (dirs ??= (async () => {
    const root = await tempDir('termlens-compare-screens-');
    const [base, changed] = await Promise.all([syntheticReport(join(root, 'base'), BASE), syntheticReport(join(root, 'changed'), CHANGED)]);
    return { base, changed, root };
  })());

test('screens are captured right after each step marker and at the end', async () => {
  const { base } = await runs();
  const screens = await captureScreens(join(base, 'session.cast'));
  assert.deepEqual(screens.markers.map((m) => m.key), ['start#1', 'tests#1', 'done#1']);
  const text = (y: number) => screens.markers[1]!.snapshot.lines[y]!.map((c) => c.char).join('').trimEnd();
  assert.equal(text(0), 'Build 2/3');
  assert.equal(text(3), 'ok 12 passed');
});

test('the screen diff names each changed row with both texts, cell by cell, at the marker where it changed', async () => {
  const { base, changed } = await runs();
  const { diffs, unpaired } = compareCapturedScreens(await captureScreens(join(base, 'session.cast')), await captureScreens(join(changed, 'session.cast')));
  assert.deepEqual(diffs.map((d) => d.label), ['marker "start"', 'marker "tests"', 'marker "done"', 'final screen']);
  assert.equal(diffs[0]!.changedCells, 0);
  // "ok" → "OK": two cells on row 4 (index 3).
  assert.deepEqual(diffs[1]!.rows, [{ row: 3, baseline: 'ok 12 passed', current: 'OK 12 passed', changedCells: 2 }]);
  assert.equal(diffs[1]!.changedCells, 2);
  // The extra line at "done" changes 14 cells of row 7 (its space was blank before too), on top of the two from before.
  assert.equal(diffs[2]!.changedCells, 2 + 14);
  assert.deepEqual(diffs[3]!.rows.map((r) => r.row), [3, 6]);
  assert.deepEqual(unpaired, { baseline: [], current: [] });
});

test('colour changes count only when asked for', async () => {
  const { base } = await runs();
  const screen = (await captureScreens(join(base, 'session.cast'))).markers[1]!.snapshot;
  // The same letters, "ok" turned from green to red: a change of colour alone.
  const recoloured = { ...screen, lines: screen.lines.map((l, y) => (y === 3 ? l.map((c, x) => (x < 2 ? { ...c, fg: 1 } : c)) : l)) };
  assert.equal(diffScreens(screen, recoloured).changedCells, 0);
  assert.equal(diffScreens(screen, recoloured, { colours: true }).changedCells, 2);
});

test('frames are aligned by step marker when both runs have markers, and the diff image marks the changed line', async () => {
  const { base, changed, root } = await runs();
  const outDir = join(root, 'out-markers');
  const c = await compareRuns({ baseline: base, current: changed, outDir });
  assert.equal(c.alignment, 'marker');
  assert.deepEqual(c.frames.map((f) => f.label), ['marker "start"', 'marker "tests"', 'marker "done"', 'final screen']);
  assert.equal(c.frames[0]!.changedPixels, 0, 'the first step is drawn the same');
  assert.ok(c.frames[1]!.changedPixels > 0 && c.frames[2]!.changedPixels > c.frames[1]!.changedPixels);
  // The changed pixels of "tests" lie in the 4th text row only: find the rows of red in the diff image.
  const diff = PNG.sync.read(await readFile(join(outDir, c.frames[1]!.diffFile!)));
  const video = JSON.parse(await readFile(join(base, 'video.json'), 'utf8')) as { gridY: number; cellHeight: number };
  const redRows = new Set<number>();
  for (let y = 0; y < diff.height; y++) {
    for (let x = 0; x < diff.width; x++) {
      const i = (y * diff.width + x) * 4;
      if (diff.data[i] === 255 && diff.data[i + 1] === 0 && diff.data[i + 2] === 0) redRows.add(Math.floor((y - video.gridY) / video.cellHeight));
    }
  }
  assert.deepEqual([...redRows], [3]);
  const written = await writeComparison(outDir, c);
  assert.ok(existsSync(written.jsonFile) && existsSync(join(outDir, 'diffs', '02.png')));
  assert.match(written.markdown, /-   4│ok 12 passed\n\+   4│OK 12 passed/);
});

test('a marker present in only one run is listed, and the others are still paired', async () => {
  const { base, root } = await runs();
  const extra = await syntheticReport(join(root, 'extra'), [...BASE.slice(0, 2), { marker: 'lint', output: row(5, 'lint clean') }, BASE[2]!]);
  const c = await compareRuns({ baseline: base, current: extra, outDir: join(root, 'out-extra') });
  assert.deepEqual(c.unpairedMarkers, { baseline: [], current: ['lint#1'] });
  assert.deepEqual(c.screens.map((s) => s.label), ['marker "start"', 'marker "tests"', 'marker "done"', 'final screen']);
  assert.equal(c.identical, false);
});
