/**
 * The inspector's measurements as a few lines of text for the prompt, so
 * the model weighs what was measured (contrast, debris, flicker) instead of
 * guessing it from pixels.
 */

const MAX_MEASURES = 8;

/** metrics.json ({criteria: {key: {score, ...measures}}}) as one line per criterion; '' when there is nothing usable. */
export function summarizeMetrics(metrics: unknown): string {
  const criteria = (metrics as { criteria?: Record<string, unknown> } | null)?.criteria;
  if (!criteria || typeof criteria !== 'object') return '';
  const lines: string[] = [];
  for (const [key, value] of Object.entries(criteria)) {
    if (!value || typeof value !== 'object') continue;
    const { score, ...rest } = value as Record<string, unknown>;
    const measures = Object.entries(rest)
      .filter(([, v]) => typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length <= 60))
      .slice(0, MAX_MEASURES)
      .map(([name, v]) => `${name} ${typeof v === 'number' ? round(v) : String(v)}`);
    const scoreText = typeof score === 'number' ? `offline score ${round(score)}/10` : 'no offline score';
    lines.push(`- ${key}: ${scoreText}${measures.length ? ` (${measures.join(', ')})` : ''}`);
  }
  return lines.join('\n');
}

function round(x: number): string {
  return String(Number.isInteger(x) ? x : Math.round(x * 1000) / 1000);
}
