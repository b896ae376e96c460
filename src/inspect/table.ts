/** The readable form of an inspect result: one block per criterion, score first, then each component. */
import { CRITERIA, CRITERION_TITLES } from '../criteria.js';
import type { InspectResult } from './types.js';

export function formatInspectTable(result: InspectResult): string {
  const out: string[] = [];
  const { cast, sampling, scheme } = result.metrics;
  out.push(`${cast.cols}×${cast.rows}, ${cast.duration.toFixed(1)}s, ${cast.outputEvents} output events, ${sampling.screens} screens measured, scheme ${scheme}`);
  out.push('');
  const width = Math.max(...CRITERIA.map((key) => CRITERION_TITLES[key].length));
  for (const key of CRITERIA) {
    const c = result.criteria[key];
    out.push(`${CRITERION_TITLES[key].padEnd(width)}  ${c.score.toFixed(1).padStart(4)} / 10`);
    for (const part of c.components) {
      // As many decimals as the maximum has, so 1.25 of 1.25 never prints as 1.3 / 1.25.
      const decimals = Math.max(1, (String(part.max).split('.')[1] ?? '').length);
      const points = part.notApplicable ? ' n/a' : part.points.toFixed(decimals).padStart(4);
      out.push(`  ${part.name.padEnd(14)} ${points} / ${String(part.max).padEnd(3)}  ${part.basis}`);
    }
  }
  return out.join('\n');
}
