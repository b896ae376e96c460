/**
 * JUnit XML for CI systems that show test reports (GitHub via reporting
 * actions, GitLab, Jenkins, Azure): one test case per quality gate, a
 * failure for each gate that failed. No timestamps or durations, so the
 * same run gives the same file.
 */
import { writeFileAtomic } from '../run-folder/index.js';
import type { ScorecardFile } from '../run-folder/index.js';
import { CRITERIA } from '../criteria.js';
import type { Comparison } from '../compare/index.js';

export interface QualityGate {
  /** The suite it belongs to, e.g. `termlens.scorecard` or `termlens.compare`. */
  suite: string;
  /** The test case, e.g. a criterion key. */
  name: string;
  passed: boolean;
  /** One line: why it failed (the failure's message attribute). */
  message?: string;
  /** More lines, shown as the failure's body (or system-out for a pass). */
  details?: string;
}

/** The JUnit XML document: one <testsuite> per suite, in first-seen order. */
export function junitXml(gates: readonly QualityGate[], name = 'termlens'): string {
  const suites = new Map<string, QualityGate[]>();
  for (const g of gates) suites.set(g.suite, [...(suites.get(g.suite) ?? []), g]);
  const failures = gates.filter((g) => !g.passed).length;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xml(name)}" tests="${gates.length}" failures="${failures}" errors="0">`];
  for (const [suite, cases] of suites) {
    lines.push(`  <testsuite name="${xml(suite)}" tests="${cases.length}" failures="${cases.filter((c) => !c.passed).length}" errors="0" skipped="0">`);
    for (const c of cases) {
      const open = `    <testcase classname="${xml(suite)}" name="${xml(c.name)}" time="0"`;
      if (c.passed) {
        lines.push(c.details ? `${open}>\n      <system-out>${xml(c.details)}</system-out>\n    </testcase>` : `${open}/>`);
      } else {
        lines.push(`${open}>`, `      <failure message="${xml(c.message ?? 'failed')}" type="quality-gate">${xml(c.details ?? c.message ?? '')}</failure>`, '    </testcase>');
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

export async function writeJUnit(file: string, gates: readonly QualityGate[], name?: string): Promise<void> {
  await writeFileAtomic(file, junitXml(gates, name), { stage: 'report', createFolder: true, hint: 'Choose a --junit path you can write to.' });
}

/** One gate per criterion of a scorecard: failed when its min-score gate failed; criteria without a gate pass with their score noted. */
export function gatesFromScorecard(card: ScorecardFile): QualityGate[] {
  return card.criteria.map((c): QualityGate => {
    const gate = card.gates.find((g) => g.criterion === c.key);
    const details = `${c.title}: ${c.score} (${c.verdict}; ${c.model ? `model median ${c.model.median}, ` : ''}${c.offline ? `offline ${c.offline.score}` : 'no offline score'})`;
    if (!gate) return { suite: 'termlens.scorecard', name: c.key, passed: true, details };
    return gate.passed
      ? { suite: 'termlens.scorecard', name: c.key, passed: true, details: `${details}; at least ${gate.min} required` }
      : { suite: 'termlens.scorecard', name: c.key, passed: false, message: `${c.key} scored ${gate.actual} (${gate.source}), under the minimum ${gate.min}`, details };
  });
}

/** One gate per criterion (failed when anything counted against it regressed), then the pixel and screen gates. */
export function gatesFromComparison(c: Comparison): QualityGate[] {
  const gates: QualityGate[] = CRITERIA.map((key) => {
    const found = c.regressions.filter((r) => r.criterion === key);
    const delta = c.criteria.find((d) => d.key === key);
    const details = delta ? `offline ${delta.offline.baseline} → ${delta.offline.current}${delta.model ? `; model ${delta.model.baseline.median} → ${delta.model.current.median}` : ''}` : undefined;
    const [first] = found;
    return first
      ? { suite: 'termlens.compare', name: key, passed: false, message: first.message, details: found.map((r) => r.message).join('\n') }
      : { suite: 'termlens.compare', name: key, passed: true, ...(details ? { details } : {}) };
  });
  for (const [kind, name] of [['pixels', 'pixels'], ['screen', 'screens']] as const) {
    const found = c.regressions.filter((r) => r.kind === kind);
    const [first] = found;
    gates.push(first ? { suite: 'termlens.compare', name, passed: false, message: first.message, details: found.map((r) => r.message).join('\n') } : { suite: 'termlens.compare', name, passed: true });
  }
  return gates;
}

/** XML text and attribute escaping; control characters other than tab and newline are not allowed in XML 1.0 at all. */
function xml(s: string): string {
  return s
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
