/**
 * Which moments of the two videos to put side by side: the screens right
 * after the same step marker when both runs have markers, else the same
 * times (the baseline's reviewed frame times), and always the final screens.
 * Aligned frames are extracted again from both videos at those moments,
 * rather than pairing the two runs' own frame picks, which were chosen
 * independently and need not show the same moments.
 */
import { join } from 'node:path';
import { extractFrames, frameAt, type Pick } from '../frames/index.js';
import { TermlensError, quote } from '../errors/index.js';
import { probeVideo, type VideoProbe } from '../media/tools.js';

export type Alignment = 'marker' | 'time';

export interface AlignedMoment {
  label: string;
  baselineTime: number;
  currentTime: number;
}

/** How many evenly spaced times to use when the baseline has no frames.json. @default 6 */
export const FALLBACK_TIMES = 6;

/**
 * The moments to compare. `marker` pairs markers by label and occurrence;
 * `time` uses the baseline's frame times (or evenly spaced times over the
 * shorter video) on both sides. The final screens are always added.
 */
export function alignMoments(
  baseline: { markers: ReadonlyArray<{ label: string; time: number }>; frameTimes: readonly number[]; duration: number; lastFrame: number },
  current: { markers: ReadonlyArray<{ label: string; time: number }>; duration: number; lastFrame: number },
): { alignment: Alignment; moments: AlignedMoment[] } {
  const moments: AlignedMoment[] = [];
  let alignment: Alignment = 'time';
  if (baseline.markers.length > 0 && current.markers.length > 0) {
    alignment = 'marker';
    const byKey = new Map(withKeys(current.markers).map((m) => [m.key, m]));
    for (const m of withKeys(baseline.markers)) {
      const other = byKey.get(m.key);
      if (other) moments.push({ label: m.occurrence > 1 ? `marker ${JSON.stringify(m.label)} (${m.occurrence})` : `marker ${JSON.stringify(m.label)}`, baselineTime: m.time, currentTime: other.time });
    }
  } else {
    const shorter = Math.min(baseline.duration, current.duration);
    const times = baseline.frameTimes.length
      ? [...baseline.frameTimes].sort((a, b) => a - b)
      : Array.from({ length: FALLBACK_TIMES }, (_, i) => (shorter * i) / FALLBACK_TIMES);
    for (const t of times) moments.push({ label: `at ${round3(t)} s`, baselineTime: t, currentTime: t });
  }
  moments.push({ label: 'final screen', baselineTime: baseline.lastFrame, currentTime: current.lastFrame });
  return { alignment, moments };
}

function withKeys(markers: ReadonlyArray<{ label: string; time: number }>) {
  const seen = new Map<string, number>();
  return markers.map((m) => {
    const occurrence = (seen.get(m.label) ?? 0) + 1;
    seen.set(m.label, occurrence);
    return { ...m, occurrence, key: `${m.label}#${occurrence}` };
  });
}

export interface AlignedFrame {
  label: string;
  baselineTime: number;
  currentTime: number;
  /** Absolute paths of the extracted frames. */
  baselineFile: string;
  currentFile: string;
}

/**
 * Extract one frame per moment from each video, at full size (a pixel diff
 * of resized frames would blur what changed), into `outDir/baseline` and
 * `outDir/current`. Moments that land on the same pair of video frames are
 * kept once.
 */
export async function extractAlignedFrames(
  videos: { baseline: string; current: string },
  moments: readonly AlignedMoment[],
  outDir: string,
  probes?: { baseline: VideoProbe; current: VideoProbe },
): Promise<AlignedFrame[]> {
  const pb = probes?.baseline ?? (await probeVideo(videos.baseline, 'compare'));
  const pc = probes?.current ?? (await probeVideo(videos.current, 'compare'));
  const seen = new Set<string>();
  const kept: Array<AlignedMoment & { fb: number; fc: number }> = [];
  for (const m of moments) {
    const fb = frameAt(pb.frameTimes, m.baselineTime);
    const fc = frameAt(pc.frameTimes, m.currentTime);
    if (seen.has(`${fb}:${fc}`)) continue;
    seen.add(`${fb}:${fc}`);
    kept.push({ ...m, fb, fc });
  }
  const full = { maxShortSide: 1e6, maxLongSide: 1e6, format: 'png' as const };
  const fileOf = async (video: string, probe: VideoProbe, frames: number[], dir: string) => {
    const unique = [...new Set(frames)];
    const picks: Pick[] = unique.map((frame) => ({ frame, time: probe.frameTimes[frame] ?? 0, reason: 'aligned' }));
    const extracted = await extractFrames(video, probe, picks, { outDir: dir, ...full });
    const byFrame = new Map(extracted.map((e) => [e.videoFrame, { file: join(dir, e.file), time: e.time }]));
    return (frame: number) => {
      const found = byFrame.get(frame);
      if (!found) {
        throw new TermlensError(`frame ${frame} of ${quote(video)} was asked for but not extracted`, { code: 'execution', stage: 'compare', hint: 'Check that the video decodes to its end (ffprobe), or run compare with --no-pixels.' });
      }
      return found;
    };
  };
  const bFiles = await fileOf(videos.baseline, pb, kept.map((k) => k.fb), join(outDir, 'baseline'));
  const cFiles = await fileOf(videos.current, pc, kept.map((k) => k.fc), join(outDir, 'current'));
  return kept.map((k) => {
    const b = bFiles(k.fb);
    const c = cFiles(k.fc);
    return { label: k.label, baselineTime: b.time, currentTime: c.time, baselineFile: b.file, currentFile: c.file };
  });
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
