/**
 * The scorecard's view model: run facts, the inspector's metrics and the
 * judge's verdicts folded into one structure per criterion. scorecard.json is
 * this object; the Markdown and HTML templates only format it.
 */
import { TermlensError } from '../errors/index.js';
import { CRITERIA, CRITERION_TITLES, verdictFor, type CriterionKey, type Verdict } from '../criteria.js';
import { AGREEMENT_GAP, agreementOf, calibrationFor, type CalibrationCitation, type CriterionAgreement, type CriterionCalibration } from './agreement.js';
import type { OfflineFinding } from './offline-findings.js';

export interface OfflineCriterion {
  score: number;
  [measure: string]: unknown;
}

/** What the report reads from metrics.json (the inspect stage's output). */
export interface InspectSummary {
  criteria: Record<CriterionKey, OfflineCriterion>;
  /** Where the measures found problems, per criterion (times in seconds of the recording). */
  findings?: Partial<Record<CriterionKey, OfflineFinding[]>>;
  metrics?: Record<string, unknown>;
}

/** What the report reads from judgments.json, per criterion, already aggregated over samples and prompts. */
export interface JudgeCriterion {
  median: number;
  min: number;
  max: number;
  n: number;
  findings: Array<{ frame?: number; text: string }>;
  recommendations: string[];
}

export interface JudgeSummary {
  provider: string;
  model: string;
  promptSet: string;
  criteria: Partial<Record<CriterionKey, JudgeCriterion>>;
  summary?: string;
  tokens?: number;
  costUsd?: number | null;
}

export interface FrameRef {
  index: number;
  time: number;
  /** Relative to the report folder. */
  file: string;
  reason: string;
}

export interface RunFacts {
  runId: string;
  target: string;
  command: string;
  date: string;
  termlensVersion: string;
  /** Why there is no model verdict, when there is none. */
  judgeSkipped?: string;
  /** The suite scenario this run was (its id, e.g. demo[size=80x24,theme=Dracula]); absent for a single run. */
  scenario?: string;
  /** Recorded while other scenarios of a suite recorded (record.parallel), so timing measures may be disturbed. */
  recordedInParallel?: boolean;
}

export interface Gate {
  criterion: CriterionKey;
  min: number;
  actual: number;
  source: 'model' | 'offline';
  passed: boolean;
}

export interface ScorecardCriterion {
  key: CriterionKey;
  title: string;
  /** Absent when there was no cast to measure (a video recorded through VHS). */
  offline?: { score: number; measures: Array<{ name: string; value: string }> };
  model?: JudgeCriterion & { spread: number };
  /** The score the verdict and the quality gate use: the model's median when there is one, else the offline score. */
  score: number;
  verdict: Verdict;
  findings: Array<{ frame?: FrameRef; text: string }>;
  recommendations: string[];
  /** When both halves exist: how far apart they are, flagged "needs a look" beyond AGREEMENT_GAP points. */
  agreement?: CriterionAgreement;
  /** From the calibration the config cites (judge.calibration), when it covers this criterion. */
  calibration?: CriterionCalibration;
}

export interface Scorecard {
  schemaVersion: 1;
  run: RunFacts;
  judge: { provider: string; model: string; promptSet: string; tokens?: number; costUsd?: number | null } | 'offline';
  summary?: string;
  criteria: ScorecardCriterion[];
  frames: FrameRef[];
  grid?: string;
  gates: Gate[];
  /** True when every gate passed (or there were none). */
  passed: boolean;
  /** When both the measures and the model scored: the gap that flags a criterion, and the criteria flagged. */
  agreement?: { threshold: number; needsLook: CriterionKey[] };
  /** The calibration cited, when judge.calibration names one. */
  calibration?: Omit<CalibrationCitation, 'criteria'>;
}

export interface ScorecardInput {
  run: RunFacts;
  /** Absent when there was no cast to measure (a video recorded through VHS); then a judge is needed. */
  inspect?: InspectSummary;
  judge?: JudgeSummary;
  frames: FrameRef[];
  grid?: string;
  minScores?: Partial<Record<CriterionKey, number>>;
  /** A calibration.json's figures, cited next to the model's scores. */
  calibration?: CalibrationCitation;
}

export function buildScorecard(input: ScorecardInput): Scorecard {
  if (!input.inspect && !input.judge) {
    throw new TermlensError('nothing to score: there are no offline measures (metrics.json) and no model judgments', {
      code: 'bad-input',
      stage: 'report',
      hint: 'Configure a vision model (a video recorded through VHS has no cast to measure), or record with the pty backend.',
    });
  }
  const framesByIndex = new Map(input.frames.map((f) => [f.index, f]));
  const criteria = CRITERIA.map((key): ScorecardCriterion => {
    const offline = input.inspect?.criteria[key];
    const model = input.judge?.criteria[key];
    const score = model ? model.median : (offline?.score ?? 0);
    const offlineFindings = (input.inspect?.findings?.[key] ?? []).map((f) => ({ text: f.text, frame: f.time !== undefined ? nearestFrame(input.frames, f.time) : undefined }));
    const agreement =
      model && offline
        ? agreementOf(
            offline.score,
            model.median,
            model.findings.flatMap((f) => (f.frame && framesByIndex.has(f.frame) ? [f.frame] : [])),
            offlineFindings.flatMap((f) => (f.frame ? [f.frame.index] : [])),
          )
        : undefined;
    const calibration = model && input.calibration && input.judge ? calibrationFor(key, input.calibration, input.judge) : undefined;
    return {
      key,
      title: CRITERION_TITLES[key],
      ...(offline ? { offline: { score: offline.score, measures: measuresOf(offline) } } : {}),
      ...(model ? { model: { ...model, spread: round1(model.max - model.min) } } : {}),
      score,
      verdict: verdictFor(score),
      findings: [
        ...(model?.findings ?? []).map((f) => {
          const frame = f.frame ? framesByIndex.get(f.frame) : undefined;
          return { text: f.text, ...(frame ? { frame } : {}) };
        }),
        ...offlineFindings.map((f) => ({ text: `Measured: ${f.text}`, ...(f.frame ? { frame: f.frame } : {}) })),
      ],
      recommendations: model?.recommendations ?? [],
      ...(agreement ? { agreement } : {}),
      ...(calibration ? { calibration } : {}),
    };
  });
  const gates = Object.entries(input.minScores ?? {}).flatMap(([k, min]): Gate[] => {
    const c = criteria.find((x) => x.key === k);
    // The config checks minScores' keys against the criteria; a key left unset has no gate.
    if (!c || min === undefined) return [];
    return [{ criterion: c.key, min, actual: c.score, source: c.model ? 'model' : 'offline', passed: c.score >= min }];
  });
  return {
    schemaVersion: 1,
    run: input.run,
    judge: input.judge
      ? { provider: input.judge.provider, model: input.judge.model, promptSet: input.judge.promptSet, tokens: input.judge.tokens, costUsd: input.judge.costUsd }
      : 'offline',
    ...(input.judge?.summary ? { summary: input.judge.summary } : {}),
    criteria,
    frames: input.frames,
    ...(input.grid ? { grid: input.grid } : {}),
    gates,
    passed: gates.every((g) => g.passed),
    ...(criteria.some((c) => c.agreement) ? { agreement: { threshold: AGREEMENT_GAP, needsLook: criteria.filter((c) => c.agreement?.needsLook).map((c) => c.key) } } : {}),
    ...(input.calibration && input.judge ? { calibration: { file: input.calibration.file, provider: input.calibration.provider, model: input.calibration.model, promptSet: input.calibration.promptSet } } : {}),
  };
}

/** The frame shown at (or closest to) a moment of the recording. */
function nearestFrame(frames: FrameRef[], time: number): FrameRef | undefined {
  let best: FrameRef | undefined;
  for (const f of frames) if (!best || Math.abs(f.time - time) < Math.abs(best.time - time)) best = f;
  return best;
}

/** The measured values behind an offline score, flattened to name/value text for the table. */
function measuresOf(c: OfflineCriterion): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (const [name, value] of Object.entries(c)) {
    if (name === 'score') continue;
    if (typeof value === 'number') out.push({ name, value: String(Math.round(value * 1000) / 1000) });
    else if (typeof value === 'string' || typeof value === 'boolean') out.push({ name, value: String(value) });
    else if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) out.push({ name, value: value.join(', ') });
  }
  return out;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
