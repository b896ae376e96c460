/** Shared set-up for the judge tests: real PNG/JPEG frames on disk and a provider pointed at the fake server. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { resolveProvider, type ResolvedProvider } from '../../src/judge/index.js';
import type { JudgeFrame } from '../../src/judge/index.js';
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

export const CONTEXT = { targetName: 'demo', command: 'demo-target --seed 1', question: 'Which sorting algorithm is best?', metricsSummary: '- visualClarity: offline score 8.4/10 (lowContrastShare 0.02)' };

export async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, JSON.stringify(value, null, 2));
}
