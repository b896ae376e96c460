/** The readable form of an inspect result: one block per criterion, score first, then each component. */
import type { InspectResult } from './index.js';

const LABELS: Record<keyof InspectResult['criteria'], string> = {
  visualClarity: 'Visual clarity',
  informationOrganization: 'Information organization',
  statusIndicators: 'Status indicators',
  userExperience: 'User experience',
};

export function formatInspectTable(result: InspectResult): string {
  const out: string[] = [];
  const { cast, sampling, scheme } = result.metrics;
  out.push(`${cast.cols}×${cast.rows}, ${cast.duration.toFixed(1)}s, ${cast.outputEvents} output events, ${sampling.screens} screens measured, scheme ${scheme}`);
  out.push('');
  const width = Math.max(...Object.values(LABELS).map((l) => l.length));
  for (const key of Object.keys(LABELS) as Array<keyof typeof LABELS>) {
    const c = result.criteria[key];
    out.push(`${LABELS[key].padEnd(width)}  ${c.score.toFixed(1).padStart(4)} / 10`);
    for (const part of c.components) {
      const points = part.notApplicable ? ' n/a' : part.points.toFixed(1).padStart(4);
      out.push(`  ${part.name.padEnd(14)} ${points} / ${String(part.max).padEnd(3)}  ${part.basis}`);
    }
  }
  return out.join('\n');
}
