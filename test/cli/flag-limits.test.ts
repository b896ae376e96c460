/**
 * A flag and the config key it stands for accept the same values: the range
 * each stage declares (src/<stage>/defaults.ts). For every pair, a value just
 * beyond the range is refused by both the config loader and the real command
 * line (exit 1, naming the value and the range, in the same words), and the
 * limit itself gets past both. `--help` shows each stage's own default.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/index.js';
import { TermlensError } from '../../src/errors/index.js';
import { rangeText, type Range } from '../../src/errors/range.js';
import { CALIBRATE_DEFAULTS, CALIBRATE_LIMITS } from '../../src/calibrate/defaults.js';
import { compareRuns } from '../../src/compare/index.js';
import { COMPARE_DEFAULTS, COMPARE_LIMITS } from '../../src/compare/defaults.js';
import { FRAMES_DEFAULTS, FRAMES_LIMITS } from '../../src/frames/defaults.js';
import { JUDGE_DEFAULTS, JUDGE_LIMITS } from '../../src/judge/defaults.js';
import { PRETEST_DEFAULTS } from '../../src/pretest/defaults.js';
import { RECORD_DEFAULTS, RECORD_LIMITS } from '../../src/record/defaults.js';
import { RENDER_DEFAULTS, RENDER_LIMITS } from '../../src/render/defaults.js';
import { SUITE_DEFAULTS, SUITE_LIMITS } from '../../src/suite/defaults.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';
import { writeConfig } from '../config/helpers.js';

const MISSING = '/nonexistent/termlens-limits';

interface Pair {
  /** The config key, e.g. render.width. */
  key: string;
  range: Range;
  /** The command line, without the value; the value goes right after the flag (the last word). */
  argv: (out: string) => string[];
  /** Other args, after the flag's value, that let the limit itself through (e.g. --rows with --cols). */
  rest?: string[];
  /** Other config keys the limit needs to load (e.g. record.rows with record.cols). */
  config?: Record<string, Record<string, unknown>>;
}

const render = (flag: string) => (out: string) => ['render', `${MISSING}.cast`, '-o', join(out, 'out.mp4'), flag];
const record = (flag: string) => (out: string) => ['record', '-o', join(out, 'out.cast'), flag];
const frames = (flag: string) => (out: string) => ['frames', `${MISSING}.mp4`, '-o', join(out, 'frames'), flag];
const judge = (flag: string) => () => ['judge', MISSING, flag];
const run = (flag: string) => () => ['run', `${MISSING}.yaml`, flag];
const bigWindow = { width: RECORD_LIMITS.width.max, height: RECORD_LIMITS.height.max };

const PAIRS: Pair[] = [
  { key: 'render.width', range: RENDER_LIMITS.width, argv: render('--width') },
  { key: 'render.height', range: RENDER_LIMITS.height, argv: render('--height') },
  { key: 'render.fontSize', range: RENDER_LIMITS.fontSize, argv: render('--font-size') },
  { key: 'render.padding', range: RENDER_LIMITS.padding, argv: render('--padding') },
  { key: 'render.fps', range: RENDER_LIMITS.fps, argv: render('--fps') },
  { key: 'render.speed', range: RENDER_LIMITS.speed, argv: render('--speed') },
  { key: 'record.cols', range: RECORD_LIMITS.cols, argv: record('--cols'), rest: ['--rows', '24', '--', MISSING], config: { record: { rows: 24 } } },
  { key: 'record.rows', range: RECORD_LIMITS.rows, argv: record('--rows'), rest: ['--cols', '80', '--', MISSING], config: { record: { cols: 80 } } },
  { key: 'record.width', range: RECORD_LIMITS.width, argv: record('--width'), rest: ['--', MISSING] },
  { key: 'record.height', range: RECORD_LIMITS.height, argv: record('--height'), rest: ['--', MISSING] },
  { key: 'record.fontSize', range: RECORD_LIMITS.fontSize, argv: record('--font-size'), rest: ['--', MISSING] },
  {
    key: 'record.padding',
    range: RECORD_LIMITS.padding,
    argv: record('--padding'),
    rest: ['--width', String(bigWindow.width), '--height', String(bigWindow.height), '--', MISSING],
    config: { record: bigWindow },
  },
  { key: 'frames.count', range: FRAMES_LIMITS.count, argv: frames('--count') },
  { key: 'frames.maxShortSide', range: FRAMES_LIMITS.maxShortSide, argv: frames('--max-short') },
  { key: 'frames.maxLongSide', range: FRAMES_LIMITS.maxLongSide, argv: frames('--max-long') },
  { key: 'judge.samples', range: JUDGE_LIMITS.samples, argv: judge('--samples') },
  { key: 'judge.concurrency', range: JUDGE_LIMITS.concurrency, argv: judge('--concurrency') },
  { key: 'judge.maxTokens', range: JUDGE_LIMITS.maxTokens, argv: judge('--max-tokens') },
  { key: 'judge.samples', range: JUDGE_LIMITS.samples, argv: run('--samples') },
  { key: 'judge.maxTokens', range: JUDGE_LIMITS.maxTokens, argv: run('--max-tokens') },
  { key: 'frames.count', range: FRAMES_LIMITS.count, argv: run('--frames') },
  { key: 'judge.samples', range: JUDGE_LIMITS.samples, argv: () => ['calibrate', '--corpus', MISSING, '--samples'] },
  { key: 'judge.concurrency', range: JUDGE_LIMITS.concurrency, argv: () => ['calibrate', '--corpus', MISSING, '--concurrency'] },
];

/** Flags with no config key: their range is still their stage's (src/<stage>/defaults.ts). */
const FLAG_ONLY: Array<Omit<Pair, 'key' | 'config'>> = [
  { range: CALIBRATE_LIMITS.frames, argv: () => ['calibrate', '--corpus', MISSING, '--frames'] },
  { range: CALIBRATE_LIMITS.minAccuracy, argv: () => ['calibrate', '--corpus', MISSING, '--min-accuracy'] },
  { range: COMPARE_LIMITS.pixelThreshold, argv: () => ['compare', MISSING, `${MISSING}-current`, '--pixel-threshold'] },
  { range: COMPARE_LIMITS.pairFrames, argv: () => ['compare', MISSING, `${MISSING}-current`, '--pair-frames'] },
  { range: SUITE_LIMITS.jobs, argv: run('--jobs') },
];

/** Just past the top of the range: the next whole number, or 1% more. */
const beyond = (r: Range) => (r.whole ? r.max + 1 : Number((r.max * 1.01).toFixed(6)));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const RANGE_ERROR = /is not a (whole )?number from/;

/** Loads a config with `key` set to `value` (plus the pair's other keys); the error, or undefined when it loads. */
function configError(pair: Pair, value: number): TermlensError | undefined {
  const [section, name] = pair.key.split('.') as [string, string];
  const extra = pair.config ?? {};
  const config = { command: 'true', ...extra, [section]: { ...extra[section], [name]: value } };
  try {
    loadConfig(writeConfig(JSON.stringify(config)));
    return undefined;
  } catch (e) {
    assert.ok(e instanceof TermlensError, String(e));
    return e;
  }
}

async function cli(pair: Pair, value: number, out: string): Promise<CliRun & { flag: string }> {
  const argv = pair.argv(out);
  const flag = argv.at(-1)!;
  return { ...(await runCli([...argv, String(value), ...(pair.rest ?? [])], { cwd: out })), flag };
}

/** At most `n` at once: each is a whole termlens process. */
async function inTurns<T>(items: readonly T[], n: number, each: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: n }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await each(item);
  }));
}

test('a value just beyond a stage limit is refused by the config and by the flag, naming the value and the range', async () => {
  const out = await tempDir('termlens-limits-');
  await inTurns(PAIRS, 4, async (pair) => {
    const value = beyond(pair.range);
    const expected = `"${value}" is not ${rangeText(pair.range)}`;
    const fromConfig = configError(pair, value);
    assert.ok(fromConfig, `${pair.key}: ${value} loaded`);
    assert.match(fromConfig.message, new RegExp(`${escape(pair.key)} ${escape(expected)}`), pair.key);
    const r = await cli(pair, value, out);
    assert.equal(r.code, 1, `${r.flag} ${value}: exit ${r.code}\n${r.stderr}`);
    assert.match(r.stderr, new RegExp(`${escape(r.flag)} ${escape(expected)}`), `${r.flag} ${value}`);
  });
});

test('a value just under a stage limit is refused by the config and by the flag alike', async () => {
  const out = await tempDir('termlens-limits-');
  const under = (r: Range) => (r.whole || r.min === 0 ? r.min - 1 : r.min / 2);
  await inTurns(PAIRS, 4, async (pair) => {
    const value = under(pair.range);
    assert.match(configError(pair, value)?.message ?? `${pair.key} ${value} loaded`, new RegExp(`${escape(pair.key)} "${escape(String(value))}" is not`));
    const r = await cli(pair, value, out);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`${escape(r.flag)} "${escape(String(value))}" is not ${escape(rangeText(pair.range))}`));
  });
});

test('the limit itself gets past the config loader and the flag', async () => {
  const out = await tempDir('termlens-limits-');
  await inTurns(PAIRS, 4, async (pair) => {
    // A limit may still fail a check of its own (a 16 px window holds no text), never the range check.
    for (const end of [pair.range.min, pair.range.max]) {
      assert.doesNotMatch(configError(pair, end)?.message ?? '', new RegExp(`${escape(pair.key)} "${escape(String(end))}" is not`), `${pair.key}: ${end}`);
    }
    // The inputs do not exist, so each command stops at them: after its flags and its own checks of the value.
    const value = pair.range.max;
    const r = await cli(pair, value, out);
    assert.notEqual(r.code, 0, `${r.flag} ${value} ran on a missing input`);
    assert.doesNotMatch(r.stderr, RANGE_ERROR, `${r.flag} ${value}`);
  });
});

/** The line of `--help` that describes `flag`, with its continuation lines. */
function helpFor(help: string, flag: string): string {
  const lines = help.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^\\s+(-\\w, )?${escape(flag)}\\b`).test(l));
  assert.ok(start >= 0, `--help lists ${flag}`);
  const end = lines.findIndex((l, i) => i > start && /^\s+-/.test(l));
  return lines.slice(start, end < 0 ? undefined : end).join(' ').replace(/\s+/g, ' ');
}

test("--help shows each stage's own defaults", async () => {
  const defaults: Array<[verb: string, flag: string, shown: string]> = [
    ['render', '--width', `(default: ${RENDER_DEFAULTS.width})`],
    ['render', '--height', `(default: ${RENDER_DEFAULTS.height})`],
    ['render', '--padding', `(default: ${RENDER_DEFAULTS.padding})`],
    ['render', '--fps', `(default: ${RENDER_DEFAULTS.fps})`],
    ['render', '--speed', `(default: ${RENDER_DEFAULTS.speed})`],
    ['render', '--theme', `else ${RENDER_DEFAULTS.theme})`],
    ['record', '--cols', `default ${RECORD_DEFAULTS.cols})`],
    ['record', '--width', `(default ${RECORD_DEFAULTS.window.width})`],
    ['record', '--font-size', `(default ${RECORD_DEFAULTS.window.fontSize})`],
    ['record', '--timeout', `(default: ${RECORD_DEFAULTS.timeout}s)`],
    ['frames', '--count', `(default: ${FRAMES_DEFAULTS.count})`],
    ['frames', '--max-short', `(default: ${FRAMES_DEFAULTS.maxShortSide})`],
    ['frames', '--max-long', `(default: ${FRAMES_DEFAULTS.maxLongSide})`],
    ['frames', '--strategy', `(default: "${FRAMES_DEFAULTS.strategy}")`],
    ['judge', '--samples', `(default: ${JUDGE_DEFAULTS.samples})`],
    ['judge', '--concurrency', `(default: ${JUDGE_DEFAULTS.concurrency})`],
    ['judge', '--timeout', `(default: ${JUDGE_DEFAULTS.timeout}s)`],
    ['pretest', '--timeout', `else ${PRETEST_DEFAULTS.timeout}s)`],
    ['pretest', '--smoke', `else ${PRETEST_DEFAULTS.smokeSeconds}s)`],
    ['run', '--samples', `else ${JUDGE_DEFAULTS.samples})`],
    ['run', '--frames', `else ${FRAMES_DEFAULTS.count})`],
    ['run', '--jobs', `(default ${SUITE_DEFAULTS.jobs})`],
    ['calibrate', '--frames', `(default: ${CALIBRATE_DEFAULTS.frames})`],
    ['calibrate', '--min-accuracy', `(default: ${CALIBRATE_DEFAULTS.minAccuracy})`],
    ['compare', '--pixel-threshold', `(default: ${COMPARE_DEFAULTS.pixelThreshold})`],
    ['compare', '--pair-frames', `(default: ${COMPARE_DEFAULTS.pairFrames})`],
  ];
  const verbs = [...new Set(defaults.map(([verb]) => verb))];
  const helps = new Map(await Promise.all(verbs.map(async (verb) => [verb, (await runCli([verb, '--help'])).stdout] as const)));
  for (const [verb, flag, shown] of defaults) {
    assert.ok(helpFor(helps.get(verb)!, flag).includes(shown), `termlens ${verb} --help: ${flag} shows ${shown}:\n${helpFor(helps.get(verb)!, flag)}`);
  }
});

test('a flag with no config key refuses a value just past its range, naming the value and the range, and takes the limit', async () => {
  const out = await tempDir('termlens-limits-');
  await inTurns(FLAG_ONLY, 4, async (flagOnly) => {
    const pair = { key: '', ...flagOnly };
    for (const value of [beyond(pair.range), pair.range.min - (pair.range.whole ? 1 : 0.01)]) {
      const r = await cli(pair, value, out);
      assert.equal(r.code, 1, `${r.flag} ${value}: exit ${r.code}\n${r.stderr}`);
      assert.match(r.stderr, new RegExp(`${escape(r.flag)} "${escape(String(value))}" is not ${escape(rangeText(pair.range))}`), `${r.flag} ${value}`);
    }
    for (const value of [pair.range.min, pair.range.max]) {
      const r = await cli(pair, value, out);
      assert.notEqual(r.code, 0, `${r.flag} ${value} ran on a missing input`);
      assert.doesNotMatch(r.stderr, RANGE_ERROR, `${r.flag} ${value}`);
    }
  });
});

test('compareRuns refuses an out-of-range pixel threshold in the words the flag uses, before reading any folder', async () => {
  const value = beyond(COMPARE_LIMITS.pixelThreshold);
  await assert.rejects(compareRuns({ baseline: MISSING, current: MISSING, pixelThreshold: value }), (e: unknown) => {
    assert.ok(e instanceof TermlensError);
    assert.equal(e.message, `pixel threshold "${value}" is not ${rangeText(COMPARE_LIMITS.pixelThreshold)}`);
    return true;
  });
});
