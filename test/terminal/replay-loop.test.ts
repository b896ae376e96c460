import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CastWriter } from '../../src/cast/index.js';
import { replayCast, type ReplayScreen } from '../../src/terminal/index.js';
import { tempDir } from '../helpers/media.js';

async function writeCast(events: Array<[number, 'o' | 'i' | 'r' | 'm', string]>): Promise<string> {
  const path = join(await tempDir(), 'loop.cast');
  const w = new CastWriter(path, { width: 20, height: 3 });
  for (const [time, code, data] of events) w.write(time, code, data);
  w.close();
  return path;
}

const firstLine = async (screen: ReplayScreen) => {
  await screen.settle();
  return screen.terminal.text().split('\n')[0];
};

test('a consumer sees each frame’s screen before the next frame’s first event, then every event in order', async () => {
  const cast = await writeCast([
    [0.05, 'o', 'a'],
    [0.08, 'o', 'b'],
    [0.15, 'i', 'x'],
    [0.25, 'r', '10x2'],
    [0.3, 'm', 'mark'],
    [0.31, 'o', 'c'],
  ]);
  const log: string[] = [];
  await replayCast(cast, {
    onStart: (header, screen) => void log.push(`start ${header.width}x${header.height} ${screen.terminal.cols}x${screen.terminal.rows}`),
    frameOf: (event) => Math.floor(event.time * 10),
    onFrameDue: async (frame, screen) => void log.push(`frame ${frame} "${await firstLine(screen)}" at ${screen.time}`),
    onEvent: (event) => void log.push(`event ${event.code}`),
    onOutput: (event) => void log.push(`output ${event.data}`),
    onInput: (event) => void log.push(`input ${event.data}`),
    onResize: (size) => void log.push(`resize ${size?.cols}x${size?.rows}`),
    onMarker: async (event, screen) => void log.push(`marker ${event.data} "${await firstLine(screen)}" ${screen.terminal.cols}x${screen.terminal.rows}`),
    onEnd: async (screen) => void log.push(`end "${await firstLine(screen)}" at ${screen.time}`),
  });
  assert.deepEqual(log, [
    'start 20x3 20x3',
    'event o',
    'output a',
    'event o',
    'output b',
    'frame 0 "ab" at 0.08',
    'event i',
    'input x',
    'frame 1 "ab" at 0.15',
    'event r',
    'resize 10x2',
    'frame 2 "ab" at 0.25',
    'event m',
    'marker mark "ab" 10x2',
    'event o',
    'output c',
    'end "abc" at 0.31',
  ]);
});

test('a resize hook runs before the terminal changes size, and an error it throws ends the replay', async () => {
  const cast = await writeCast([
    [0.1, 'o', 'x'],
    [0.2, 'r', '40x5'],
    [0.3, 'o', 'never'],
  ]);
  let ended = false;
  let screen: ReplayScreen | undefined;
  const refused = replayCast(cast, {
    onStart: (_header, s) => void (screen = s),
    onResize(size) {
      assert.equal(screen?.terminal.cols, 20, 'still the old size');
      throw new Error(`refused ${size?.cols}x${size?.rows}`);
    },
    onOutput: (event) => assert.notEqual(event.data, 'never'),
    onEnd: () => void (ended = true),
  });
  await assert.rejects(refused, /refused 40x5/);
  assert.equal(ended, false, 'no end after a failure');
});

test('a hook that says stop ends the replay there, and the end hook sees the screen as it stood', async () => {
  const cast = await writeCast([
    [0.1, 'o', 'one '],
    [0.2, 'm', 'here'],
    [0.3, 'o', 'two'],
  ]);
  const atMarker = await new Promise<string | undefined>((resolve, reject) => {
    replayCast(cast, { onMarker: () => 'stop', onEnd: async (screen) => resolve(await firstLine(screen)) }).catch(reject);
  });
  assert.equal(atMarker, 'one');
  let seen = 0;
  let last: string | undefined;
  await replayCast(cast, { onEvent: (event) => (event.time > 0.15 ? 'stop' : void seen++), onEnd: async (screen) => void (last = await firstLine(screen)) });
  assert.equal(seen, 1);
  assert.equal(last, 'one');
});
