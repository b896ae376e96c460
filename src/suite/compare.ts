/**
 * `termlens compare BASELINE_SUITE CURRENT_SUITE`: scenarios paired by id,
 * each pair compared as two report folders are (into the current scenario's
 * compare/ folder), one verdict for the suite. Scenarios on one side only are
 * listed, and fail the comparison only with --strict.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { compareDirFor, compareRuns, compareViewFor, writeComparison, type CompareOptions } from '../compare/index.js';
import { TermlensError } from '../errors/index.js';
import { suiteCompareFile, writeFileAtomic } from '../run-folder/index.js';
import { escapeLinkTarget, escapeMarkdown, writeHtmlReport } from '../report/index.js';
import { readSuite } from './read.js';

export interface ScenarioComparison {
  id: string;
  /** The current scenario's compare folder, relative to the current suite. */
  compareDir: string | null;
  passed: boolean;
  identical: boolean;
  regressions: string[];
  /** Why the pair could not be compared (a side that has no scorecard), counted as a regression. */
  error?: string;
}

export interface SuiteComparison {
  schemaVersion: 1;
  createdAt: string;
  baseline: { dir: string; suiteId: string };
  current: { dir: string; suiteId: string };
  strict: boolean;
  scenarios: ScenarioComparison[];
  onlyInBaseline: string[];
  onlyInCurrent: string[];
  passed: boolean;
}

export type SuiteCompareOptions = Omit<CompareOptions, 'baseline' | 'current' | 'outDir'> & { strict?: boolean };

export async function compareSuites(baselineDir: string, currentDir: string, options: SuiteCompareOptions = {}): Promise<SuiteComparison> {
  const baseline = readSuite(baselineDir);
  const current = readSuite(currentDir);
  const baseById = new Map(baseline.scenarios.map((s) => [s.id, s]));
  const curIds = new Set(current.scenarios.map((s) => s.id));
  const results: ScenarioComparison[] = [];
  for (const cur of [...current.scenarios].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const base = baseById.get(cur.id);
    if (!base) continue;
    const currentRun = join(resolve(currentDir), cur.slug);
    const outDir = compareDirFor(currentRun);
    try {
      const { strict: _strict, ...runOptions } = options;
      const comparison = await compareRuns({ ...runOptions, baseline: join(resolve(baselineDir), base.slug), current: currentRun, outDir });
      await writeComparison(outDir, comparison);
      const view = compareViewFor(comparison, currentRun, outDir);
      if (view && existsSync(join(currentRun, 'scorecard.json'))) await writeHtmlReport(currentRun, { compare: view });
      results.push({ id: cur.id, compareDir: `${cur.slug}/compare`, passed: comparison.passed, identical: comparison.identical, regressions: comparison.regressions.map((r) => r.message) });
    } catch (e) {
      if (!(e instanceof TermlensError) || e.code === 'interrupted') throw e;
      results.push({ id: cur.id, compareDir: null, passed: false, identical: false, regressions: [], error: e.message });
    }
  }
  const onlyInBaseline = baseline.scenarios.map((s) => s.id).filter((id) => !curIds.has(id)).sort();
  const onlyInCurrent = current.scenarios.map((s) => s.id).filter((id) => !baseById.has(id)).sort();
  const strict = !!options.strict;
  return {
    schemaVersion: 1,
    createdAt: new Date().toISOString(),
    baseline: { dir: resolve(baselineDir), suiteId: baseline.suiteId },
    current: { dir: resolve(currentDir), suiteId: current.suiteId },
    strict,
    scenarios: results,
    onlyInBaseline,
    onlyInCurrent,
    passed: results.every((r) => r.passed) && (!strict || (onlyInBaseline.length === 0 && onlyInCurrent.length === 0)),
  };
}

/** VERDICT: and one indented line per cause, like a single comparison's. */
export function suiteVerdictLines(c: SuiteComparison): string[] {
  const failed = c.scenarios.filter((s) => !s.passed);
  const lines: string[] = [];
  const oneSided = [...c.onlyInBaseline.map((id) => `only in the baseline: ${id}`), ...c.onlyInCurrent.map((id) => `only in the current suite: ${id}`)];
  if (c.passed) {
    const identical = c.scenarios.every((s) => s.identical) && oneSided.length === 0;
    lines.push(`VERDICT: ${identical ? 'no difference' : 'no regression'} in ${c.scenarios.length} paired scenario${c.scenarios.length === 1 ? '' : 's'}`);
  } else {
    const causes = [...failed.map((s) => s.id), ...(c.strict && oneSided.length ? [`${oneSided.length} one-sided (--strict)`] : [])];
    lines.push(`VERDICT: regression in ${causes.join(', ')}`);
  }
  for (const s of failed) for (const m of s.error ? [`cannot compare: ${s.error}`] : s.regressions) lines.push(`  - ${s.id}: ${m}`);
  for (const line of oneSided) lines.push(`  - ${line}${c.strict ? '' : ' (listed, not failed; --strict fails it)'}`);
  return lines;
}

/** `outDir` is where compare.md goes; links to each scenario's comparison are relative to it. */
export function suiteComparisonMarkdown(c: SuiteComparison, outDir: string): string {
  const out = [`# termlens suite comparison: ${c.passed ? '✅ no regression' : '❌ regression'}`, ''];
  out.push(`- **Baseline:** ${escapeMarkdown(c.baseline.suiteId)}`, `- **Current:** ${escapeMarkdown(c.current.suiteId)}`, '');
  out.push('| Scenario | Result | Regressions |', '| --- | --- | --- |');
  for (const s of [...c.scenarios].sort((a, b) => Number(a.passed) - Number(b.passed))) {
    const name = s.compareDir ? `[${escapeMarkdown(s.id)}](${escapeLinkTarget(relative(outDir, join(c.current.dir, s.compareDir, 'compare.md')))})` : escapeMarkdown(s.id);
    const result = s.passed ? (s.identical ? 'no difference' : 'no regression') : '**regression**';
    out.push(`| ${name} | ${result} | ${escapeMarkdown(s.error ? `cannot compare: ${s.error}` : s.regressions.join('; ')) || '—'} |`);
  }
  if (c.onlyInBaseline.length || c.onlyInCurrent.length) {
    out.push('', `## Scenarios on one side only${c.strict ? ' (failed: --strict)' : ''}`, '');
    for (const id of c.onlyInBaseline) out.push(`- only in the baseline: ${escapeMarkdown(id)}`);
    for (const id of c.onlyInCurrent) out.push(`- only in the current suite: ${escapeMarkdown(id)}`);
  }
  return out.join('\n') + '\n';
}

export async function writeSuiteComparison(outDir: string, c: SuiteComparison): Promise<{ markdownFile: string; markdown: string }> {
  const markdown = suiteComparisonMarkdown(c, outDir);
  const markdownFile = join(outDir, 'compare.md');
  const options = { stage: 'compare', hint: 'Choose an -o folder you can write to.', createFolder: true } as const;
  await suiteCompareFile.write(join(outDir, 'compare.json'), c, options);
  await writeFileAtomic(markdownFile, markdown, options);
  return { markdownFile, markdown };
}
