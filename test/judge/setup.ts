/** Shared set-up for the judge tests: real PNG/JPEG frames on disk and a provider pointed at the fake server. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import assert from 'node:assert/strict';
import { TermlensError } from '../../src/errors/index.js';
import { JudgeFailedError, resolveProvider, type ResolvedProvider } from '../../src/judge/index.js';
import type { JudgeFrame } from '../../src/judge/index.js';
import { CastWriter } from '../../src/cast/index.js';
import { tempDir } from '../helpers/paths.js';

export { tempDir };

const COLOURS = ['#1e1e2e', '#f38ba8', '#a6e3a1', '#89b4fa', '#f9e2af', '#cba6f7'];

/** `count` small solid-colour frames (PNG, or JPEG for the indexes in `jpeg`), as frames.json would list them. */
export async function makeFrames(dir: string, count: number, jpeg: number[] = []): Promise<JudgeFrame[]> {
  const frames: JudgeFrame[] = [];
  await mkdir(join(dir, 'frames'), { recursive: true });
  for (let i = 1; i <= count; i++) {
    const isJpeg = jpeg.includes(i);
    const file = `frames/${String(i).padStart(2, '0')}.${isJpeg ? 'jpg' : 'png'}`;
    const img = sharp({ create: { width: 64, height: 36, channels: 3, background: COLOURS[(i - 1) % COLOURS.length]! } });
    await (isJpeg ? img.jpeg({ quality: 85 }) : img.png()).toFile(join(dir, file));
    frames.push({ index: i, time: i * 1.5, file, reason: `distinct: new state ${i}` });
  }
  return frames;
}

export async function makeGrid(dir: string): Promise<string> {
  await sharp({ create: { width: 128, height: 72, channels: 3, background: '#333333' } }).png().toFile(join(dir, 'grid.png'));
  return 'grid.png';
}

/** A `custom` provider at the fake server's URL, resolved the way users' settings are. */
export function fakeProvider(baseURL: string, extra: { model?: string; provider?: string; env?: Record<string, string> } = {}): ResolvedProvider {
  const r = resolveProvider({ flag: { provider: extra.provider ?? 'custom', baseURL, model: extra.model ?? 'fake-vision-1' }, env: extra.env ?? {} });
  if (!r.configured) throw new Error(r.reason);
  return r;
}

export const CONTEXT = { targetName: 'demo', command: 'demo-target --seed 1', question: 'Which sorting algorithm is best?', measuredFacts: 'Visual clarity (visualClarity):\n- contrast: 2.0 % of 4,000 text cells are below 4.5:1 (WCAG AA)' };

export async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, JSON.stringify(value, null, 2));
}

/** A recording with known problems: dim grey text, escape-code debris shown as text, a line that wraps, then 3 s of silence. */
export async function castWithProblems(dir: string): Promise<string> {
  const cast = join(dir, 'problems.cast');
  const w = new CastWriter(cast, { width: 40, height: 8 });
  w.write(0.5, 'o', '\x1b[38;2;70;70;70mdim grey status line here\x1b[0m\r\n');
  w.write(1.0, 'o', 'progress [31m shown raw\r\n');
  w.write(1.5, 'o', `${'x'.repeat(55)}\r\n`);
  w.write(4.6, 'o', 'done\r\n');
  w.close();
  return cast;
}


/** The judge-failed error a judging ends with; fails the test when judging passes. */
export async function judgeFailure(promise: Promise<unknown>): Promise<JudgeFailedError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof JudgeFailedError, `expected JudgeFailedError, got ${error}`);
    assert.ok(error instanceof TermlensError);
    assert.equal(error.code, 'judge-failed');
    return error;
  }
  assert.fail('judging passed although the answer was bad');
}
