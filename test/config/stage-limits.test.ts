/**
 * A stage called directly (as a library user or the pipeline does) checks a
 * value against the same range its config key and its flag use, and words
 * the refusal the same way: the name, the value, the range. A config's range
 * is never wider than the stage's, so a config that loads cannot fail later
 * in a stage for the same value.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { LIMITS, configFromObject } from '../../src/config/index.js';
import { rangeFlag } from '../../src/cli/parse.js';
import { TermlensError } from '../../src/errors/index.js';
import { rangeText, type Range } from '../../src/errors/range.js';
import { FRAMES_LIMITS, selectFrames } from '../../src/frames/index.js';
import { JUDGE_LIMITS, judgeRun, resolveProvider } from '../../src/judge/index.js';
import { PRETEST_LIMITS, runPretest } from '../../src/pretest/index.js';
import { RECORD_LIMITS, terminalSize } from '../../src/record/index.js';
import { RENDER_LIMITS } from '../../src/render/defaults.js';
import { resolveOptions } from '../../src/render/options.js';
import { tempDir } from '../helpers/paths.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The usage error `call` fails with (fails the test when it succeeds). */
async function refusal(call: () => unknown): Promise<TermlensError> {
  try {
    await call();
  } catch (e) {
    assert.ok(e instanceof TermlensError, String(e));
    return e;
  }
  assert.fail('expected a usage error');
}

test("each stage refuses a value beyond its own limit, naming the value and the range as the config does", async () => {
  const dir = await tempDir('termlens-stage-limits-');
  const provider = resolveProvider({ flag: { provider: 'openai', model: 'gpt-test' }, env: { OPENAI_API_KEY: 'sk-test-0123456789' } });
  assert.ok(provider.configured);
  const judge = (over: object) => judgeRun({ frames: [], promptSet: 'default', provider, context: { targetName: 't', command: 'c' }, ...over });
  const cases: Array<[name: string, range: Range, call: (value: number) => unknown]> = [
    ['width', RENDER_LIMITS.width, (width) => resolveOptions({ output: join(dir, 'a.mp4'), width })],
    ['height', RENDER_LIMITS.height, (height) => resolveOptions({ output: join(dir, 'a.mp4'), height })],
    ['fps', RENDER_LIMITS.fps, (fps) => resolveOptions({ output: join(dir, 'a.mp4'), fps })],
    ['speed', RENDER_LIMITS.speed, (speed) => resolveOptions({ output: join(dir, 'a.mp4'), speed })],
    ['padding', RENDER_LIMITS.padding, (padding) => resolveOptions({ output: join(dir, 'a.mp4'), padding })],
    ['font size', RENDER_LIMITS.fontSize, (fontSize) => resolveOptions({ output: join(dir, 'a.mp4'), fontSize })],
    ['--cols', RECORD_LIMITS.cols, (cols) => terminalSize({ cols, rows: 24 })],
    ['--rows', RECORD_LIMITS.rows, (rows) => terminalSize({ cols: 80, rows })],
    ['--font-size', RECORD_LIMITS.fontSize, (fontSize) => terminalSize({ fontSize })],
    ['frame count', FRAMES_LIMITS.count, (count) => selectFrames(join(dir, 'missing.mp4'), { outDir: join(dir, 'frames'), count })],
    ['samples', JUDGE_LIMITS.samples, (samples) => judge({ samples })],
    ['concurrency', JUDGE_LIMITS.concurrency, (concurrency) => judge({ concurrency })],
    ['pretest.timeout', PRETEST_LIMITS.timeout, (timeout) => runPretest({ command: 'true', protocol: 'exit-code', timeout })],
    ['pretest.smokeSeconds', PRETEST_LIMITS.smokeSeconds, (smokeSeconds) => runPretest({ command: 'true', protocol: 'smoke', smokeSeconds })],
  ];
  for (const [name, range, call] of cases) {
    const value = range.whole ? range.max + 1 : range.max * 2;
    const e = await refusal(() => call(value));
    assert.equal(e.code, 'usage', name);
    assert.match(e.message, new RegExp(`^${escape(name)} "${value}" is not ${escape(rangeText(range))}$`), name);
  }
});

test('the config composes its ranges from the stages, so no key accepts what its stage refuses', () => {
  assert.equal(LIMITS.render, RENDER_LIMITS);
  assert.equal(LIMITS.record, RECORD_LIMITS);
  assert.equal(LIMITS.frames, FRAMES_LIMITS);
  assert.equal(LIMITS.judge, JUDGE_LIMITS);
  assert.equal(LIMITS.pretest, PRETEST_LIMITS);
  // A video takes its size from the record window when there is one, so it accepts every window.
  for (const k of ['width', 'height', 'fontSize', 'padding'] as const) {
    assert.ok(RENDER_LIMITS[k].min <= RECORD_LIMITS[k].min && RENDER_LIMITS[k].max >= RECORD_LIMITS[k].max, k);
  }
});

test('an odd video side is refused alike by the config, the flag and the renderer, and an odd record window renders one pixel wider', async () => {
  const dir = await tempDir('termlens-stage-limits-');
  const words = `"1921" is not an even whole number from ${RENDER_LIMITS.width.min} to ${RENDER_LIMITS.width.max}`;
  assert.throws(() => configFromObject({ command: 'top', render: { width: 1921 } }, dir), new RegExp(`render\\.width ${escape(words)}`));
  assert.throws(() => rangeFlag('--width', RENDER_LIMITS.width)('1921'), new RegExp(`--width ${escape(words)}`));
  assert.match((await refusal(() => resolveOptions({ output: join(dir, 'a.mp4'), width: 1921 }))).message, new RegExp(`^width ${escape(words)}$`));
  const windowed = configFromObject({ command: 'top', record: { width: 1201, height: 601 } }, dir);
  assert.deepEqual([windowed.render.width, windowed.render.height], [1202, 602]);
});
