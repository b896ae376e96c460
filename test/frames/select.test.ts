import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitScale, frameAt, pickDistinct, pickUniform } from '../../src/frames/index.js';

test('frameAt finds the frame on screen at a time between two frame starts', () => {
  const times = [0, 0.5, 2, 7];
  assert.equal(frameAt(times, 0), 0);
  assert.equal(frameAt(times, 1.9), 1);
  assert.equal(frameAt(times, 2), 2);
  assert.equal(frameAt(times, 100), 3);
});

test('uniform picks span the whole video, first and last moments included', () => {
  const times = Array.from({ length: 100 }, (_, i) => i / 10);
  const picks = pickUniform(times, 10, 5);
  assert.deepEqual(
    picks.map((p) => p.frame),
    [0, 25, 50, 75, 99],
  );
});

test('uniform never returns the same frame twice when the video has fewer frames than asked', () => {
  const picks = pickUniform([0, 3], 6, 12);
  assert.deepEqual(
    picks.map((p) => p.frame),
    [0, 1],
  );
});

test('distinct picks one frame per visible state and stops when no new state is left', () => {
  // Six frames showing three states: A A B B B C.
  const A = new Uint8Array([0, 0, 0, 0]);
  const B = new Uint8Array([200, 200, 0, 0]);
  const C = new Uint8Array([0, 0, 90, 90]);
  const thumbs = [A, A, B, B, B, C];
  const times = [0, 1, 2, 3, 4, 5];
  const picks = pickDistinct(times, thumbs, 12);
  assert.equal(picks.length, 3);
  const states = picks.map((p) => thumbs[p.frame]);
  assert.deepEqual(new Set(states).size, 3, 'each pick shows a different state');
  assert.equal(picks[picks.length - 1]!.frame, 5, 'the final screen is always included');
});

test('distinct with fewer picks than states prefers the states most unlike each other', () => {
  const dark = new Uint8Array([0, 0]);
  const almostDark = new Uint8Array([4, 4]);
  const bright = new Uint8Array([250, 250]);
  const picks = pickDistinct([0, 1, 2], [bright, almostDark, dark], 2);
  assert.deepEqual(
    picks.map((p) => p.frame),
    [0, 2],
  );
});

test('frames are scaled to 768 px on the short side and 2000 px on the long side, never enlarged', () => {
  assert.deepEqual(fitScale(1920, 1080, 768, 2000), { width: 1365, height: 768 });
  assert.deepEqual(fitScale(4000, 800, 768, 2000), { width: 2000, height: 400 });
  assert.deepEqual(fitScale(640, 360, 768, 2000), { width: 640, height: 360 });
});

test('distinct leaves out an empty screen (only a cursor on it) while frames with content remain', () => {
  const size = 96 * 54;
  const empty = new Uint8Array(size).fill(30);
  empty[0] = 230; // the cursor
  const withText = (every: number) => Uint8Array.from({ length: size }, (_, i) => (i % every === 0 ? 200 : 30));
  const thumbs = [empty, withText(3), withText(5), withText(11)];
  const times = [0, 1, 2, 3];
  assert.deepEqual(pickDistinct(times, thumbs, 3).map((p) => p.frame), [1, 2, 3], 'three picks, three screens with content');
  assert.deepEqual(pickDistinct(times, thumbs, 4).map((p) => p.frame), [0, 1, 2, 3], 'the empty screen when there is room for every state');
});
