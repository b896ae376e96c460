/**
 * The HTML page's view model: everything the template shows, already
 * formatted, with every link checked to stay inside the report folder. The
 * template only places these strings; Handlebars escapes each one for HTML.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CRITERION_TITLES, type CriterionKey } from '../../criteria.js';
import { AGREEMENT_GAP } from '../agreement.js';
import { escapeLinkTarget } from '../escape.js';
import type { ScorecardFile } from '../../run-folder/index.js';
import type { FrameRef } from '../model.js';
import { checkRelativePath, type ReportFolder } from './load.js';
import type { AgreementSideView, CompareView } from './types.js';

export interface GalleryLink {
  href: string;
  caption: string;
}

export interface FrameTile extends GalleryLink {
  index: number;
  timeText: string;
  reason: string;
  missing: boolean;
}

const fixed1 = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(1) : '—');
const signed1 = (n: number) => (n > 0 ? `+${n.toFixed(1)}` : n.toFixed(1));
const percent = (r: number) => `${(r * 100).toFixed(r < 0.001 && r > 0 ? 3 : 1)} %`;
const titleOf = (key: string) => CRITERION_TITLES[key as CriterionKey] ?? key;

/** A link target inside the folder, percent-encoded per segment. */
function href(path: unknown, what: string): string {
  return escapeLinkTarget(checkRelativePath(path, what));
}

export function buildPageView(folder: ReportFolder, compare?: CompareView) {
  const card = folder.scorecard;
  const frames = frameTiles(folder);
  const frameByIndex = new Map(frames.map((f) => [f.index, f]));
  const sections: Array<{ id: string; label: string }> = [{ id: 'scores', label: 'Scores' }];
  if (folder.videos.length) sections.push({ id: 'video', label: 'Video' });
  if (frames.length) sections.push({ id: 'frames', label: 'Frames' });
  sections.push({ id: 'criteria', label: 'Findings' });
  if (compare) sections.push({ id: 'compare', label: 'Comparison' });
  sections.push({ id: 'pretest', label: 'Pre-test' }, { id: 'metrics', label: 'Metrics' });
  const last = frames.filter((f) => !f.missing).at(-1);
  return {
    title: `termlens — ${card.run.scenario ?? card.run.target}`,
    run: card.run,
    judgeText: judgeText(card),
    judged: card.judge !== 'offline',
    summary: card.summary,
    passed: card.passed,
    agreement: card.agreement,
    calibration: card.calibration,
    gates: card.gates.map((g) => ({ title: titleOf(g.criterion), min: fixed1(g.min), actual: fixed1(g.actual), source: g.source, passed: g.passed })),
    criteria: card.criteria.map((c) => ({
      key: c.key,
      title: c.title,
      score: c.score,
      scoreText: fixed1(c.score),
      verdict: c.verdict,
      // The word only: the page draws the mark itself (see the template's icons), so no emoji font is needed.
      verdictText: c.verdict,
      modelText: c.model ? `model ${fixed1(c.model.median)} (range ${fixed1(c.model.min)}–${fixed1(c.model.max)}, n=${c.model.n})` : undefined,
      offlineText: c.offline ? `offline ${fixed1(c.offline.score)}` : 'no offline score',
      findings: c.findings.map((f) => ({ text: f.text, frame: findingFrame(f.frame, frameByIndex) })),
      recommendations: c.recommendations,
      agreement: c.agreement ? { ...c.agreement, offlineText: fixed1(c.agreement.offline), modelText: fixed1(c.agreement.model), gapText: fixed1(c.agreement.gap) } : undefined,
      calibrationText: c.calibration?.text,
      components: componentsOf(folder, c.key) ?? [],
      measures: componentsOf(folder, c.key) ? [] : (c.offline?.measures ?? []),
    })),
    video: folder.videos.length
      ? {
          sources: folder.videos.map((v) => ({ src: href(v, 'video'), type: v.endsWith('.webm') ? 'video/webm' : 'video/mp4' })),
          poster: last?.href,
        }
      : undefined,
    frames,
    framesNote: framesNote(folder, frames.length),
    grid: card.grid && existsSync(join(folder.dir, card.grid)) ? href(card.grid, 'grid') : undefined,
    compare: compare ? compareView(compare, card) : undefined,
    pretest: pretestView(folder),
    metrics: metricsView(folder),
    files: folder.files.map((f) => ({ name: f, href: href(f, 'file') })),
    sections,
  };
}

export type PageView = ReturnType<typeof buildPageView>;

function judgeText(card: ScorecardFile): string {
  if (card.judge === 'offline') return `offline (measured checks only${card.run.judgeSkipped ? `: ${card.run.judgeSkipped}` : ''})`;
  const cost = typeof card.judge.costUsd === 'number' ? `, about $${card.judge.costUsd.toFixed(4)}` : '';
  return `${card.judge.model} via ${card.judge.provider}, prompt set ${card.judge.promptSet}${cost}`;
}

function frameTiles(folder: ReportFolder): FrameTile[] {
  const list: FrameRef[] = folder.scorecard.frames.length ? folder.scorecard.frames : (folder.frames?.frames ?? []);
  return list.map((f) => ({
    index: f.index,
    timeText: `${fixed1(f.time)} s`,
    reason: f.reason,
    href: href(f.file, 'frame'),
    caption: `#${f.index} · ${fixed1(f.time)} s · ${f.reason}`,
    missing: !existsSync(join(folder.dir, f.file)),
  }));
}

function findingFrame(frame: FrameRef | undefined, tiles: Map<number, FrameTile>) {
  if (!frame) return undefined;
  const tile = tiles.get(frame.index);
  return { index: frame.index, timeText: `${fixed1(frame.time)} s`, href: tile?.href ?? href(frame.file, 'frame'), missing: tile?.missing ?? true };
}

function framesNote(folder: ReportFolder, count: number): string {
  const f = folder.frames;
  if (!f) return `${count} frames`;
  const size = f.width && f.height ? `, ${f.width}×${f.height}` : '';
  return `${count} frames, strategy ${f.strategy ?? 'unknown'}${size}`;
}

/** The score's parts from metrics.json (points of a maximum, and the measure behind them). */
function componentsOf(folder: ReportFolder, key: CriterionKey) {
  const c = folder.metrics?.criteria?.[key];
  if (!c || !Array.isArray(c.components)) return undefined;
  return c.components.map((p) => ({ name: p.name, points: fixed1(p.points), max: fixed1(p.max), basis: p.basis, low: p.points < p.max * 0.5 }));
}

function compareView(compare: CompareView, card: ScorecardFile) {
  const criteria = compare.criteria.map((c) => ({
    title: titleOf(c.key),
    baseline: fixed1(c.baseline),
    current: fixed1(c.current),
    delta: signed1(c.delta),
    regressed: c.regressed,
  }));
  // The same words as compare.md: a change of agreement is news for a person, never a regression.
  const side = (s: AgreementSideView) => ({ text: `${fixed1(s.offline)} / ${fixed1(s.model)}, gap ${fixed1(s.gap)}`, needsLook: s.needsLook });
  const agreement = (compare.agreement ?? []).map((a) => ({
    title: titleOf(a.key),
    baseline: side(a.baseline),
    current: side(a.current),
    change: a.change === 'new' ? 'now needs a look' : a.change === 'resolved' ? 'agrees again' : a.current.needsLook ? 'still needs a look' : 'agree',
    isNew: a.change === 'new',
    message: a.message,
  }));
  return {
    baselineLabel: compare.baselineLabel,
    currentLabel: compare.currentLabel ?? card.run.runId,
    agreement,
    agreementGap: AGREEMENT_GAP,
    agreementNews: agreement.filter((a) => a.change === 'now needs a look' || a.change === 'agrees again').map((a) => a.message),
    regressions: regressionsText(criteria.filter((c) => c.regressed).length, compare.regressions?.length ?? 0),
    messages: compare.regressions ?? [],
    criteria,
    pairs: compare.pairs.map((p) => ({
      label: p.label,
      changed: percent(p.changedRatio),
      regressed: p.regressed ?? false,
      note: p.note,
      baseline: { href: href(p.baseline, 'baseline frame'), caption: `${p.label} · baseline (${compare.baselineLabel})` },
      current: { href: href(p.current, 'current frame'), caption: `${p.label} · current` },
      diff: p.diff ? { href: href(p.diff, 'diff image'), caption: `${p.label} · diff, ${percent(p.changedRatio)} of pixels changed` } : undefined,
    })),
  };
}

/** The headline: regressed criteria, else any other regression the compare stage listed. */
function regressionsText(criteria: number, listed: number): string | undefined {
  if (criteria > 0) return criteria === 1 ? '1 criterion regressed' : `${criteria} criteria regressed`;
  if (listed > 0) return listed === 1 ? '1 regression' : `${listed} regressions`;
  return undefined;
}

function pretestView(folder: ReportFolder) {
  const p = folder.pretest;
  if (!p) return undefined;
  const facts: Array<{ name: string; value: string }> = [
    { name: 'Protocol', value: String(p.protocol) },
    { name: 'Duration', value: `${fixed1(p.durationSeconds)} s` },
    { name: 'Exit', value: p.signal ? `signal ${p.signal}` : p.exitCode === null ? 'still running when stopped' : `code ${p.exitCode}` },
  ];
  if (p.stoppedBy) facts.push({ name: 'Stopped by', value: p.stoppedBy });
  if (p.phases?.length) facts.push({ name: 'Phases', value: p.phases.join(' → ') });
  const agents = Object.entries(p.agents ?? {});
  if (agents.length) facts.push({ name: 'Agents', value: agents.map(([id, s]) => `${id}: ${s ?? '?'}`).join(', ') });
  return {
    verdict: p.verdict,
    passed: p.verdict === 'passed',
    reason: p.reason,
    command: p.command,
    facts,
    stdout: (p.output?.stdout ?? []).join('\n'),
    stderr: (p.output?.stderr ?? []).join('\n'),
  };
}

function metricsView(folder: ReportFolder) {
  const m = folder.metrics;
  if (!m) return undefined;
  const cast = m.metrics?.cast;
  const facts: Array<{ name: string; value: string }> = [];
  if (cast) {
    facts.push(
      { name: 'Terminal', value: `${cast.cols}×${cast.rows}` },
      { name: 'Duration', value: `${fixed1(cast.duration)} s` },
      { name: 'Events', value: `${cast.events} (${cast.outputEvents} output, ${cast.outputChars} characters)` },
    );
    if (cast.resizes) facts.push({ name: 'Resizes', value: String(cast.resizes) });
  }
  if (m.metrics?.sampling) facts.push({ name: 'Screens sampled', value: `${m.metrics.sampling.screens} every ${m.metrics.sampling.intervalSeconds} s` });
  if (m.metrics?.scheme) facts.push({ name: 'Colour scheme', value: m.metrics.scheme });
  const markers = (m.metrics?.sampling?.markers ?? []).map((k) => ({ label: k.label, time: `${fixed1(k.time)} s` }));
  return { facts, markers, json: JSON.stringify(m, null, 2) };
}
