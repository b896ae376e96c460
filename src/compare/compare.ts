/**
 * compareRuns: baseline vs current report folders → a Comparison (score and
 * metric deltas, screen diffs from the casts, pixel diffs of aligned frames,
 * optionally the model's side-by-side verdicts) and the regressions among
 * them. writeComparison puts compare.json and compare.md beside the diff images.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { TermlensError, quote } from '../errors/index.js';
import type { ResolvedProvider } from '../judge/index.js';
import { probeVideo } from '../media/tools.js';
import { compareFile, writeFileAtomic } from '../run-folder/index.js';
import { CRITERIA } from '../criteria.js';
import { alignMoments, extractAlignedFrames, type Alignment } from './align.js';
import { renderComparisonMarkdown } from './markdown.js';
import { formatMetric, metricDeltas, type MetricDelta } from './metrics.js';
import { judgePair, type PairJudgement } from './pair-judge.js';
import { diffPngFiles } from './pixels.js';
import { readRunFolder, type RunFolder } from './run-folder.js';
import { agreementChanges } from './agreement.js';
import { criterionDeltas, type CriterionDelta } from './scores.js';
import { captureScreens, compareCapturedScreens, type ScreenDiff } from './screens.js';
import { defaultThresholds, type Thresholds } from './thresholds.js';
import type { Comparison, FrameDiff, Regression } from './types.js';

export interface CompareOptions {
  /** The baseline report folder. */
  baseline: string;
  /** The current report folder. */
  current: string;
  /** Where compare.json, compare.md and the images go. @default CURRENT/compare */
  outDir?: string;
  /** @default defaultThresholds() */
  thresholds?: Thresholds;
  /** Count colour and attribute changes in screen diffs, not only characters. @default false */
  colours?: boolean;
  /** Extract aligned frames and diff their pixels (needs session.mp4 on both sides). @default true */
  pixels?: boolean;
  /** pixelmatch's colour threshold, 0–1. @default 0.1 */
  pixelThreshold?: number;
  /** Ask a vision model which side is better, in both orders. */
  judgePair?: { provider: ResolvedProvider; maxPairs?: number; timeoutMs?: number };
  signal?: AbortSignal;
  /** @default new Date() */
  now?: Date;
}

/** The default output folder for a comparison. */
export const compareDirFor = (current: string) => join(resolve(current), 'compare');

export async function compareRuns(options: CompareOptions): Promise<Comparison> {
  const thresholds = options.thresholds ?? defaultThresholds();
  const baseline = await readRunFolder(options.baseline, 'baseline');
  const current = await readRunFolder(options.current, 'current');
  const outDir = resolve(options.outDir ?? compareDirFor(options.current));
  await prepareOutDir(outDir);
  const notes: string[] = [];

  const criteria = criterionDeltas(baseline, current, thresholds.criteria);
  for (const c of criteria) if (c.modelMissing) notes.push(`${c.key}: no model score in the ${c.modelMissing} run, so only offline scores are compared`);
  const metrics = metricDeltas(baseline.metrics, current.metrics, thresholds.metrics);

  let screens: ScreenDiff[] = [];
  let unpairedMarkers = { baseline: [] as string[], current: [] as string[] };
  if (baseline.cast && current.cast) {
    const result = compareCapturedScreens(await captureScreens(baseline.cast), await captureScreens(current.cast), { colours: options.colours, cellsThreshold: thresholds.cells });
    screens = result.diffs;
    unpairedMarkers = result.unpaired;
  } else {
    notes.push(`screen comparison skipped: ${missing(baseline, current, 'cast')} has no session.cast`);
  }

  let frames: FrameDiff[] = [];
  let alignment: Alignment | null = null;
  let aligned: Awaited<ReturnType<typeof extractAlignedFrames>> = [];
  if (options.pixels === false) notes.push('pixel comparison skipped (--no-pixels)');
  else if (baseline.video && current.video) {
    const pb = await probeVideo(baseline.video, 'compare');
    const pc = await probeVideo(current.video, 'compare');
    const plan = alignMoments(
      { markers: baseline.markers, frameTimes: baseline.frameTimes, duration: pb.duration, lastFrame: pb.frameTimes.at(-1) ?? 0 },
      { markers: current.markers, duration: pc.duration, lastFrame: pc.frameTimes.at(-1) ?? 0 },
    );
    alignment = plan.alignment;
    aligned = await extractAlignedFrames({ baseline: baseline.video, current: current.video }, plan.moments, join(outDir, 'frames'), { baseline: pb, current: pc });
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
        regressed: thresholds.pixels !== null && d.ratio > thresholds.pixels,
      });
      if (d.sizeMismatch) notes.push(`${f.label}: the frames differ in size (${d.sizeMismatch.baseline.join('×')} vs ${d.sizeMismatch.current.join('×')}); render both runs at the same size to compare pixels`);
    }
  } else {
    notes.push(`pixel comparison skipped: ${missing(baseline, current, 'video')} has no session.mp4`);
  }

  let pair: PairJudgement | undefined;
  if (options.judgePair) {
    if (aligned.length === 0) {
      throw new TermlensError('--judge-pair needs aligned frames, and there are none', {
        code: 'bad-input',
        stage: 'compare',
        hint: 'Both report folders need session.mp4 (and pixel comparison must be on).',
      });
    }
    pair = await judgePair({ ...options.judgePair, pairs: aligned, outDir: join(outDir, 'pairs'), signal: options.signal });
  }

  const regressions = findRegressions(criteria, metrics, screens, frames, pair);
  const regressedCriteria = CRITERIA.filter((k) => regressions.some((r) => r.criterion === k));
  const identical =
    criteria.every((c) => c.offline.delta === 0 && (!c.model || c.model.delta === 0) && !c.modelMissing) &&
    metrics.every((m) => m.delta === 0 || (m.baseline === null && m.current === null)) &&
    screens.every((s) => s.changedCells === 0) &&
    frames.every((f) => f.changedPixels === 0) &&
    unpairedMarkers.baseline.length === 0 &&
    unpairedMarkers.current.length === 0;
  return {
    schemaVersion: 1,
    createdAt: (options.now ?? new Date()).toISOString(),
    baseline: side(baseline),
    current: side(current),
    thresholds,
    criteria,
    agreement: agreementChanges(baseline, current),
    metrics,
    screens,
    screenColours: options.colours ?? false,
    unpairedMarkers,
    alignment,
    frames,
    ...(pair ? { pair } : {}),
    regressions,
    regressedCriteria,
    identical,
    passed: regressions.length === 0,
    notes,
  };
}

export function findRegressions(criteria: CriterionDelta[], metrics: MetricDelta[], screens: ScreenDiff[], frames: FrameDiff[], pair?: PairJudgement): Regression[] {
  const out: Regression[] = [];
  for (const c of criteria) {
    if (c.offline.regressed) {
      out.push({ kind: 'criterion', criterion: c.key, message: `${c.key}: offline score ${c.offline.baseline} → ${c.offline.current} (${signed(c.offline.delta)}, allowed −${c.offline.margin})` });
    }
    if (c.model?.regressed) {
      const m = c.model;
      out.push({
        kind: 'model',
        criterion: c.key,
        message: `${c.key}: model median ${m.baseline.median} → ${m.current.median} (${signed(m.delta)}, allowed −${m.margin}: the larger of the threshold ${c.threshold} and the spreads ${m.baseline.spread}, ${m.current.spread})`,
      });
    }
  }
  for (const m of metrics) {
    if (m.regressed) {
      out.push({ kind: 'metric', criterion: m.criterion, message: `${m.criterion}: ${m.label} ${formatMetric(m.baseline, m.unit)} → ${formatMetric(m.current, m.unit)} (allowed ${m.worse === 'up' ? '+' : '−'}${formatMetric(m.threshold, m.unit)})` });
    }
  }
  if (pair) {
    for (const k of CRITERIA) {
      if (pair.criteria[k].verdict === 'baseline') out.push({ kind: 'pair', criterion: k, message: `${k}: the model preferred the baseline, with the sides in either order` });
    }
  }
  for (const s of screens) if (s.regressed) out.push({ kind: 'screen', message: `${s.label}: ${s.changedCells} cells changed` });
  for (const f of frames) if (f.regressed) out.push({ kind: 'pixels', message: `${f.label}: ${(f.ratio * 100).toFixed(2)}% of pixels changed` });
  return out;
}

export interface WrittenComparison {
  outDir: string;
  jsonFile: string;
  markdownFile: string;
  markdown: string;
}

export async function writeComparison(outDir: string, comparison: Comparison): Promise<WrittenComparison> {
  const markdown = renderComparisonMarkdown(comparison);
  const jsonFile = join(outDir, 'compare.json');
  const markdownFile = join(outDir, 'compare.md');
  const hint = 'Choose an output folder you can write to (-o DIR).';
  await compareFile.write(jsonFile, comparison, { createFolder: true, hint });
  await writeFileAtomic(markdownFile, markdown, { stage: 'compare', hint });
  return { outDir, jsonFile, markdownFile, markdown };
}

/** Images from an earlier comparison would be taken for this one's. */
async function prepareOutDir(outDir: string): Promise<void> {
  try {
    await mkdir(outDir, { recursive: true });
    for (const sub of ['frames', 'diffs', 'pairs']) await rm(join(outDir, sub), { recursive: true, force: true });
  } catch (cause) {
    throw new TermlensError(`cannot prepare the comparison folder ${quote(outDir)}`, { code: 'unwritable', stage: 'compare', hint: 'Choose an output folder you can write to (-o DIR).', cause });
  }
}

const side = (r: RunFolder) => ({ dir: r.dir, runId: r.runId, ...(r.date ? { date: r.date } : {}), judge: r.judge });
const missing = (b: RunFolder, c: RunFolder, key: 'cast' | 'video') => (!b[key] && !c[key] ? 'neither run' : !b[key] ? 'the baseline' : 'the current run');
const signed = (x: number) => (x > 0 ? `+${x}` : x < 0 ? `−${-x}` : '±0');
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
