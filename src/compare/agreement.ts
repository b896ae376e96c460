/**
 * How the agreement between the measures and the model moved from the
 * baseline to the current run. A criterion that starts to need a look (the
 * two halves more than 3 points apart) is worth a person's attention even
 * when no score dropped: one half may have stopped seeing a problem. It is
 * reported, never a regression by itself.
 */
import { AGREEMENT_GAP } from '../report/index.js';
import { CRITERIA, CRITERION_TITLES, type CriterionKey } from '../criteria.js';
import type { RunFolder } from './run-folder.js';

export interface AgreementSide {
  offline: number;
  model: number;
  gap: number;
  needsLook: boolean;
}

export interface AgreementChange {
  key: CriterionKey;
  baseline: AgreementSide;
  current: AgreementSide;
  /** `new`: needs a look now and did not; `resolved`: the reverse; `same`: both or neither. */
  change: 'new' | 'resolved' | 'same';
  /** One line for a person. */
  message: string;
}

function sideOf(run: RunFolder, key: CriterionKey): AgreementSide | undefined {
  const model = run.model[key];
  if (!model) return undefined;
  const offline = run.offline[key];
  const gap = Math.round(Math.abs(model.median - offline) * 10) / 10;
  return { offline, model: model.median, gap, needsLook: gap > AGREEMENT_GAP };
}

/** One entry per criterion both runs have a model score for. */
export function agreementChanges(baseline: RunFolder, current: RunFolder): AgreementChange[] {
  const out: AgreementChange[] = [];
  for (const key of CRITERIA) {
    const b = sideOf(baseline, key);
    const c = sideOf(current, key);
    if (!b || !c) continue;
    const change = c.needsLook === b.needsLook ? 'same' : c.needsLook ? 'new' : 'resolved';
    const title = CRITERION_TITLES[key];
    const now = `model ${c.model.toFixed(1)} vs measures ${c.offline.toFixed(1)}`;
    const before = `model ${b.model.toFixed(1)} vs measures ${b.offline.toFixed(1)}`;
    const message =
      change === 'new'
        ? `${title} now needs a look: ${now}, ${c.gap.toFixed(1)} points apart (baseline ${b.gap.toFixed(1)}: ${before})`
        : change === 'resolved'
          ? `${title} agrees again: ${now}, ${c.gap.toFixed(1)} points apart (baseline ${b.gap.toFixed(1)}: ${before})`
          : `${title}: ${c.needsLook ? 'still needs a look' : 'agree'}, gap ${b.gap.toFixed(1)} → ${c.gap.toFixed(1)}`;
    out.push({ key, baseline: b, current: c, change, message });
  }
  return out;
}
