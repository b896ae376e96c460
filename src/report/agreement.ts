/**
 * Agreement between the scorecard's two independent halves: the offline
 * measures and the model. A gap of more than 3 points on a criterion means
 * one of them missed something (the measures cannot see a confusing layout;
 * a model can overlook 2:1 contrast), so a person should look at the frames
 * both cite before trusting either. Also the calibration a scorecard cites:
 * how often this model ordered known pairs correctly on each criterion.
 */
import { CRITERION_TITLES, type CriterionKey } from '../criteria.js';

/** Points between the offline and the model score above which a criterion needs a look. */
export const AGREEMENT_GAP = 3;

export interface CriterionAgreement {
  offline: number;
  model: number;
  /** |model − offline|, one decimal. */
  gap: number;
  needsLook: boolean;
  /** Frame numbers the model's findings cite. */
  modelFrames: number[];
  /** Frame numbers the measured findings point at (nearest their moments). */
  offlineFrames: number[];
  /** One line for a person: "needs a look: the model gives 3.0, the measures 9.0; …". */
  note: string;
}

export function agreementOf(offline: number, model: number, modelFrames: number[], offlineFrames: number[]): CriterionAgreement {
  const gap = Math.round(Math.abs(model - offline) * 10) / 10;
  const needsLook = gap > AGREEMENT_GAP;
  const m = uniqueSorted(modelFrames);
  const o = uniqueSorted(offlineFrames);
  const framesText = [m.length ? `the model cites ${framesList(m)}` : 'the model cites no frame', o.length ? `the measures point at ${framesList(o)}` : 'the measures point at no frame'].join('; ');
  const note = needsLook
    ? `needs a look: the model gives ${model.toFixed(1)}, the measures ${offline.toFixed(1)} (${gap.toFixed(1)} points apart); ${framesText}`
    : `agree within ${AGREEMENT_GAP} points (${gap.toFixed(1)} apart)`;
  return { offline, model, gap, needsLook, modelFrames: m, offlineFrames: o, note };
}

function uniqueSorted(xs: number[]): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}

function framesList(xs: number[]): string {
  return `${xs.length === 1 ? 'frame' : 'frames'} ${xs.join(', ')}`;
}

/** What a scorecard cites from a calibration.json (written by `termlens calibrate`). */
export interface CalibrationCitation {
  /** The file, as the config named it. */
  file: string;
  provider: string;
  model: string;
  promptSet: string;
  /** Per criterion: pair accuracy 0–1 and the number of known pairs it rests on. */
  criteria: Partial<Record<CriterionKey, { accuracy: number | null; pairs: number }>>;
}

export interface CriterionCalibration {
  accuracy: number | null;
  pairs: number;
  /** "this model ordered 92 % of known pairs correctly on visual clarity (12 pairs)". */
  text: string;
}

/** The sentence a scorecard shows next to a model score; warns when the calibrated model is not the one that judged. */
export function calibrationFor(key: CriterionKey, citation: CalibrationCitation, judgedBy: { provider: string; model: string; promptSet: string }): CriterionCalibration | undefined {
  const c = citation.criteria[key];
  if (!c || c.pairs === 0 || c.accuracy === null) return undefined;
  const title = CRITERION_TITLES[key].toLowerCase();
  const same = citation.model === judgedBy.model && citation.promptSet === judgedBy.promptSet;
  const who = same ? 'this model' : `${citation.model} with prompt set ${citation.promptSet} (not this run's ${judgedBy.model}, ${judgedBy.promptSet})`;
  const text = `${who} ordered ${Math.round(c.accuracy * 100)} % of known pairs correctly on ${title} (${c.pairs} ${c.pairs === 1 ? 'pair' : 'pairs'})`;
  return { accuracy: c.accuracy, pairs: c.pairs, text };
}
