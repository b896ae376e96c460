/**
 * The pixel half of a comparison: the two videos aligned at the same moments
 * (markers, else the baseline's frame times), a frame extracted from each,
 * and the pixels that changed between them, as diff images.
 */
import { join, relative } from 'node:path';
import { probeVideo } from '../media/tools.js';
import { alignMoments, extractAlignedFrames, type Alignment } from './align.js';
import { diffPngFiles } from './pixels.js';
import { sideWithout, type RunFolder } from './run-folder.js';
import type { Thresholds } from './thresholds.js';
import type { FrameDiff } from './types.js';

export interface PixelComparison {
  frames: FrameDiff[];
  alignment: Alignment | null;
  /** The extracted frame pairs, which --judge-pair shows the model. */
  aligned: Awaited<ReturnType<typeof extractAlignedFrames>>;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Nothing when --no-pixels or a side has no video; `notes` says which. */
export async function comparePixels(
  baseline: RunFolder,
  current: RunFolder,
  outDir: string,
  options: { pixels?: boolean; pixelThreshold?: number; thresholds: Thresholds },
  notes: string[],
): Promise<PixelComparison> {
  const none: PixelComparison = { frames: [], alignment: null, aligned: [] };
  if (options.pixels === false) {
    notes.push('pixel comparison skipped (--no-pixels)');
    return none;
  }
  if (!baseline.video || !current.video) {
    notes.push(`pixel comparison skipped: ${sideWithout(baseline, current, 'video')} has no session.mp4`);
    return none;
  }
  const pb = await probeVideo(baseline.video, 'compare');
  const pc = await probeVideo(current.video, 'compare');
  const plan = alignMoments(
    { markers: baseline.markers, frameTimes: baseline.frameTimes, duration: pb.duration, lastFrame: pb.frameTimes.at(-1) ?? 0 },
    { markers: current.markers, duration: pc.duration, lastFrame: pc.frameTimes.at(-1) ?? 0 },
  );
  const aligned = await extractAlignedFrames({ baseline: baseline.video, current: current.video }, plan.moments, join(outDir, 'frames'), { baseline: pb, current: pc });
  const frames: FrameDiff[] = [];
  for (const [i, f] of aligned.entries()) {
    const diffFile = join(outDir, 'diffs', `${String(i + 1).padStart(2, '0')}.png`);
    const d = await diffPngFiles(f.baselineFile, f.currentFile, diffFile, { threshold: options.pixelThreshold });
    frames.push({
      label: f.label,
      baselineTime: f.baselineTime,
      currentTime: f.currentTime,
      baselineFile: relative(outDir, f.baselineFile),
      currentFile: relative(outDir, f.currentFile),
      ...(d.sizeMismatch ? { sizeMismatch: d.sizeMismatch } : { diffFile: relative(outDir, diffFile) }),
      width: d.width,
      height: d.height,
      changedPixels: d.changedPixels,
      ratio: round6(d.ratio),
      regressed: options.thresholds.pixels !== null && d.ratio > options.thresholds.pixels,
    });
    if (d.sizeMismatch) notes.push(`${f.label}: the frames differ in size (${d.sizeMismatch.baseline.join('×')} vs ${d.sizeMismatch.current.join('×')}); render both runs at the same size to compare pixels`);
  }
  return { frames, alignment: plan.alignment, aligned };
}
