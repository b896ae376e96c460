/**
 * The four criteria, in the order every report shows them, their titles and
 * the verdict bands. A leaf: it imports nothing, so every stage (inspect,
 * judge, report, compare, config, the CLI) can share this one list.
 * Key names are fixed: users' scripts read them.
 */
export const CRITERIA = ['visualClarity', 'informationOrganization', 'statusIndicators', 'userExperience'] as const;
export type CriterionKey = (typeof CRITERIA)[number];

export const CRITERION_TITLES: Record<CriterionKey, string> = {
  visualClarity: 'Visual clarity',
  informationOrganization: 'Information organization',
  statusIndicators: 'Status indicators',
  userExperience: 'User experience',
};

export type Verdict = 'good' | 'fair' | 'poor';

/** Score bands, on the 0–10 scale both the model and the inspector use. */
export function verdictFor(score: number): Verdict {
  if (score >= 7) return 'good';
  if (score >= 5) return 'fair';
  return 'poor';
}

export const VERDICT_LABELS: Record<Verdict, string> = { good: '✅ good', fair: '⚠️ fair', poor: '❌ poor' };

/** The score scale of every criterion, offline and model alike; a quality gate's minimum is on it too. */
export const SCORE_RANGE = { min: 0, max: 10 } as const;
