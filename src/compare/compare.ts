/**
 * compareRuns: baseline vs current report folders → a Comparison (score and
 * metric deltas, screen diffs from the casts, pixel diffs of aligned frames,
 * optionally the model's side-by-side verdicts) and the regressions among
 * them. writeComparison puts compare.json and compare.md beside the diff images.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TermlensError, quote } from '../errors/index.js';
import { outdatedDefaultLine, type ResolvedProvider } from '../judge/index.js';
import { compareFile, writeFileAtomic } from '../run-folder/index.js';
import { CRITERIA } from '../criteria.js';
import { renderComparisonMarkdown } from './markdown.js';
import { formatMetric, metricDeltas, type MetricDelta } from './metrics.js';
import { judgePair, type PairJudgement } from './pair-judge.js';
import { checkRange } from '../errors/range.js';
import { COMPARE_LIMITS } from './defaults.js';
import { comparePixels, type PixelComparison } from './pixel-frames.js';
import { readRunFolder, sideWithout, type RunFolder } from './run-folder.js';
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
  /** pixelmatch's colour threshold, COMPARE_LIMITS.pixelThreshold. @default COMPARE_DEFAULTS.pixelThreshold */
  pixelThreshold?: number;
  /** Ask a vision model which side is better, in both orders. */
  judgePair?: { provider: ResolvedProvider; maxPairs?: number; timeoutMs?: number };
  signal?: AbortSignal;
  /** @default new Date() */
  now?: Date;
  /** Notices for the person running it (stderr in the CLI), e.g. that the pair judge's default model is outdated. */
  log?: (line: string) => void;
}

/** The default output folder for a comparison. */
export const compareDirFor = (current: string) => join(resolve(current), 'compare');

export async function compareRuns(options: CompareOptions): Promise<Comparison> {
  // Checked before any folder is read, in the words the flags use.
  if (options.pixelThreshold !== undefined) checkRange('pixel threshold', options.pixelThreshold, COMPARE_LIMITS.pixelThreshold, 'compare');
  if (options.judgePair?.maxPairs !== undefined) checkRange('pair frames', options.judgePair.maxPairs, COMPARE_LIMITS.pairFrames, 'compare');
  const thresholds = options.thresholds ?? defaultThresholds();
  const baseline = await readRunFolder(options.baseline, 'baseline');
  const current = await readRunFolder(options.current, 'current');
  const outDir = resolve(options.outDir ?? compareDirFor(options.current));
  await prepareOutDir(outDir);
  // Each part says here what it could not compare, and why.
  const notes: string[] = [];

  const criteria = compareScores(baseline, current, thresholds, notes);
  const metrics = metricDeltas(baseline.metrics, current.metrics, thresholds.metrics);
  const screens = await compareScreens(baseline, current, { colours: options.colours, cellsThreshold: thresholds.cells }, notes);
  const pixels = await comparePixels(baseline, current, outDir, { ...options, thresholds }, notes);
  const pair = options.judgePair ? await askModelWhichIsBetter(options.judgePair, options, pixels.aligned, outDir) : undefined;

  const regressions = findRegressions(criteria, metrics, screens.diffs, pixels.frames, pair);
  return {
    schemaVersion: 1,
    createdAt: (options.now ?? new Date()).toISOString(),
    baseline: side(baseline),
    current: side(current),
    thresholds,
    criteria,
    agreement: agreementChanges(baseline, current),
    metrics,
    screens: screens.diffs,
    screenColours: options.colours ?? false,
    unpairedMarkers: screens.unpaired,
    alignment: pixels.alignment,
    frames: pixels.frames,
    ...(pair ? { pair } : {}),
    regressions,
    regressedCriteria: CRITERIA.filter((k) => regressions.some((r) => r.criterion === k)),
    identical: isIdentical(criteria, metrics, screens, pixels.frames),
    passed: regressions.length === 0,
    notes,
  };
}

/** The criteria's offline and model scores; a side without model scores is compared offline only. */
function compareScores(baseline: RunFolder, current: RunFolder, thresholds: Thresholds, notes: string[]): CriterionDelta[] {
  const criteria = criterionDeltas(baseline, current, thresholds.criteria);
  for (const c of criteria) if (c.modelMissing) notes.push(`${c.key}: no model score in the ${c.modelMissing} run, so only offline scores are compared`);
  return criteria;
}

interface ScreenComparison {
  diffs: ScreenDiff[];
  unpaired: { baseline: string[]; current: string[] };
}

/** The screens the casts show at each marker, cell by cell; nothing when a side has no cast. */
async function compareScreens(baseline: RunFolder, current: RunFolder, options: { colours?: boolean; cellsThreshold: number | null }, notes: string[]): Promise<ScreenComparison> {
  if (!baseline.cast || !current.cast) {
    notes.push(`screen comparison skipped: ${sideWithout(baseline, current, 'cast')} has no session.cast`);
    return { diffs: [], unpaired: { baseline: [], current: [] } };
  }
  const result = compareCapturedScreens(await captureScreens(baseline.cast), await captureScreens(current.cast), { colours: options.colours, cellsThreshold: options.cellsThreshold });
  return { diffs: result.diffs, unpaired: result.unpaired };
}

/** --judge-pair: the model sees the aligned frames side by side, in both orders. */
async function askModelWhichIsBetter(request: NonNullable<CompareOptions['judgePair']>, options: CompareOptions, aligned: PixelComparison['aligned'], outDir: string): Promise<PairJudgement> {
  // The same notice as termlens judge: the model termlens picked may have been overtaken.
  const outdated = outdatedDefaultLine(request.provider, options.now ?? new Date());
  if (outdated) options.log?.(outdated);
  if (aligned.length === 0) {
    throw new TermlensError('--judge-pair needs aligned frames, and there are none', {
      code: 'bad-input',
      stage: 'compare',
      hint: 'Both report folders need session.mp4 (and pixel comparison must be on).',
    });
  }
  return judgePair({ ...request, pairs: aligned, outDir: join(outDir, 'pairs'), signal: options.signal });
}

/** No score, measure, screen cell or pixel moved, and every marker found its pair. */
function isIdentical(criteria: CriterionDelta[], metrics: MetricDelta[], screens: ScreenComparison, frames: FrameDiff[]): boolean {
  return (
    criteria.every((c) => c.offline.delta === 0 && (!c.model || c.model.delta === 0) && !c.modelMissing) &&
    metrics.every((m) => m.delta === 0 || (m.baseline === null && m.current === null)) &&
    screens.diffs.every((s) => s.changedCells === 0) &&
    frames.every((f) => f.changedPixels === 0) &&
    screens.unpaired.baseline.length === 0 &&
    screens.unpaired.current.length === 0
  );
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
const signed = (x: number) => (x > 0 ? `+${x}` : x < 0 ? `−${-x}` : '±0');
