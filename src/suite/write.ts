/**
 * A suite folder's own files: suite.json, suite.md (the table CI summaries
 * show), index.html, status.json, and the suite's gates as JUnit test cases
 * (one per scenario and per quality gate of each scenario).
 */
import { join } from 'node:path';
import { appendStepSummary, writeJUnit, type QualityGate } from '../ci/index.js';
import { suiteFile, suiteStatusFile, writeFileAtomic, type SuiteStatusFile } from '../run-folder/index.js';
import { escapeLinkTarget, escapeMarkdown } from '../report/index.js';
import { CRITERIA, CRITERION_TITLES } from '../criteria.js';
import { suiteHtml } from './html.js';
import { worstFirst, type ScenarioResult, type SuiteResult } from './model.js';

export const SUITE_FILES = { json: 'suite.json', markdown: 'suite.md', html: 'index.html', status: 'status.json' } as const;

const cell = (s: ScenarioResult, key: (typeof CRITERIA)[number]) => {
  const score = s.scores[key];
  return score ? `${score.score.toFixed(1)}${score.model !== null ? '' : '°'}` : '—';
};

export function suiteMarkdown(suite: SuiteResult): string {
  const lines = [`# termlens suite — ${escapeMarkdown(suite.name)}`, ''];
  lines.push(`Suite ${escapeMarkdown(suite.suiteId)}, ${suite.scenarios.length} scenario${suite.scenarios.length === 1 ? '' : 's'}`);
  if (suite.shard) lines[2] += `, shard ${suite.shard.index}/${suite.shard.total} of ${suite.scenarioIds.length}`;
  if (suite.mergedFrom.length) lines[2] += `, merged from ${suite.mergedFrom.length} folders`;
  lines.push('', `**${escapeMarkdown(suite.verdict)}**`, '');
  lines.push(`| Scenario | Result | ${CRITERIA.map((c) => CRITERION_TITLES[c]).join(' | ')} | Recorded at | Seconds |`);
  lines.push(`|---|---|${CRITERIA.map(() => '---:').join('|')}|---|---:|`);
  for (const s of worstFirst(suite.scenarios)) {
    const result = s.state === 'passed' ? 'passed' : `**${s.state}** (exit ${s.exitCode})`;
    lines.push(
      `| [${escapeMarkdown(s.id)}](${escapeLinkTarget(`${s.slug}/scorecard.md`)}) | ${result} | ${CRITERIA.map((c) => cell(s, c)).join(' | ')} | ${s.recording.cols}×${s.recording.rows}${s.recording.parallel ? ' (parallel)' : ''} | ${s.durationSeconds.toFixed(1)} |`,
    );
  }
  lines.push('', '° offline score (no vision model).');
  const failures = worstFirst(suite.scenarios).filter((s) => s.state !== 'passed');
  if (failures.length) {
    lines.push('', '## Not passed', '');
    for (const s of failures) lines.push(`- ${escapeMarkdown(s.id)}: ${escapeMarkdown(s.verdict)}`);
  }
  return lines.join('\n') + '\n';
}

/** One test case per scenario (its run), then one per quality gate it had. */
export function suiteGates(suite: SuiteResult): QualityGate[] {
  const gates: QualityGate[] = [];
  for (const s of [...suite.scenarios].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const runFailed = s.state !== 'passed' && s.error?.code !== 'quality-gate';
    gates.push(runFailed ? { suite: s.id, name: 'run', passed: false, message: s.verdict, details: s.verdict } : { suite: s.id, name: 'run', passed: true, details: s.verdict });
    for (const g of s.gates) {
      gates.push(
        g.passed
          ? { suite: s.id, name: g.criterion, passed: true, details: `${g.criterion} ${g.actual} (${g.source}); at least ${g.min} required` }
          : { suite: s.id, name: g.criterion, passed: false, message: `${g.criterion} scored ${g.actual} (${g.source}), under the minimum ${g.min}` },
      );
    }
  }
  return gates;
}

/** status.json of a suite: the same state, exitCode and verdict fields as a run's, plus one line per scenario. */
export type SuiteStatus = SuiteStatusFile;

/** Rewritten whole through a temporary file and a rename, as a run's status.json is. */
export function writeSuiteStatus(suiteDir: string, status: SuiteStatus): void {
  suiteStatusFile.writeSync(join(suiteDir, SUITE_FILES.status), status, { hint: 'Choose a reports folder you can write to.' });
}

export interface WrittenSuite {
  json: string;
  markdown: string;
  html: string;
  markdownText: string;
}

export async function writeSuite(suiteDir: string, suite: SuiteResult, options: { junit?: string } = {}): Promise<WrittenSuite> {
  const files = { json: join(suiteDir, SUITE_FILES.json), markdown: join(suiteDir, SUITE_FILES.markdown), html: join(suiteDir, SUITE_FILES.html) };
  const markdownText = suiteMarkdown(suite);
  const write = { stage: 'suite', hint: 'Choose a reports folder you can write to.', createFolder: true } as const;
  await suiteFile.write(files.json, suite, write);
  await writeFileAtomic(files.markdown, markdownText, write);
  await writeFileAtomic(files.html, suiteHtml(suite), write);
  if (options.junit) await writeJUnit(options.junit, suiteGates(suite), `termlens suite ${suite.suiteId}`);
  await appendStepSummary(markdownText);
  return { ...files, markdownText };
}
