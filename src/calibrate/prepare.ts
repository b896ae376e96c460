/**
 * Frames and measured facts for one corpus recording, made from its
 * committed cast (never re-recorded): rendered as a run renders, the same
 * number of frames spread evenly over each recording so a pair's frames line
 * up moment by moment (from just after the start to the final screen), and kept under the output folder by the cast's hash
 * so a second calibration of another model reuses them.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CorpusEntry } from '../corpus/manifest.js';
import { TermlensError, quote } from '../errors/index.js';
import { selectFrames } from '../frames/index.js';
import { inspectCast } from '../inspect/index.js';
import { measuredFacts, type JudgeFrame } from '../judge/index.js';
import { renderCast } from '../render/index.js';
import { framesFile } from '../run-folder/index.js';

export interface PreparedEntry {
  entry: CorpusEntry;
  /** Folder frames.json and frames/ live in; frame files are relative to it. */
  dir: string;
  frames: JudgeFrame[];
  /** The measures as facts for the prompt ('' when facts are off). */
  facts: string;
}

export async function prepareEntry(entry: CorpusEntry, workDir: string, frameCount: number, withFacts: boolean): Promise<PreparedEntry> {
  if (!existsSync(entry.cast)) {
    throw new TermlensError(`the corpus recording ${quote(entry.id)} has no cast at ${quote(entry.cast)}`, {
      code: 'not-found',
      stage: 'calibrate',
      hint: 'A corpus folder holds corpus.yaml and casts/<id>.cast for every entry; record the missing one or remove it from corpus.yaml.',
    });
  }
  const hash = createHash('sha256').update(await readFile(entry.cast)).digest('hex').slice(0, 12);
  const dir = join(workDir, 'frames', `${entry.id}-${hash}-${frameCount}`);
  const framesJson = join(dir, 'frames.json');
  let result: { frames: Array<{ index: number; time: number; file: string; reason: string }> };
  if (existsSync(framesJson)) {
    // Kept from an earlier calibration: checked as every frames.json is, so a damaged one is named, not misread.
    result = await framesFile.read(framesJson, { stage: 'calibrate' });
  } else {
    const video = join(dir, 'session.mp4');
    await mkdir(dir, { recursive: true });
    const rendered = await renderCast(entry.cast, { output: video });
    // Evenly spaced after the start (the first moment is usually an empty screen), the last at the final screen.
    const duration = rendered.manifest.duration;
    const times = Array.from({ length: frameCount }, (_, i) => Math.round(((duration * (i + 1)) / frameCount) * 1000) / 1000);
    result = await selectFrames(video, { outDir: join(dir, 'frames'), count: frameCount, strategy: 'times', times });
  }
  const frames = result.frames.map((f) => ({ index: f.index, time: f.time, file: f.file, reason: f.reason }));
  const facts = withFacts ? measuredFacts(await inspectCast(entry.cast), frames) : '';
  return { entry, dir, frames, facts };
}
