/**
 * The report stage: scorecard.json (the view model) and scorecard.md from
 * metrics, judgments and run facts.
 */
import { join } from 'node:path';
import { TermlensError } from '../errors/index.js';
import { CRITERION_TITLES } from '../criteria.js';
import { scorecardFile, writeFileAtomic } from '../run-folder/index.js';
import { buildScorecard, type Scorecard, type ScorecardInput } from './model.js';
import { renderTemplate } from './render-templates.js';

export * from './model.js';
export { escapeMarkdown, escapeLinkTarget } from './escape.js';
export { writeHtmlReport, renderHtmlReport, type CompareView, type ComparePair, type CompareCriterion, type HtmlReportOptions } from './html/index.js';
export { readReportInputs, offlineSummary, type FolderInputs } from './from-folder.js';

export interface WrittenReport {
  scorecard: Scorecard;
  markdownFile: string;
  jsonFile: string;
  markdown: string;
}

export function renderScorecardMarkdown(scorecard: Scorecard): string {
  return renderTemplate('scorecard.md.hbs', { ...scorecard, judgeIsOffline: scorecard.judge === 'offline' })
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()
    .concat('\n');
}

/** The quality-gate error for a scorecard whose gates did not all pass (exit 5), naming each failed criterion; undefined when they passed. */
export function gateFailure(scorecard: Scorecard, markdownFile: string): TermlensError | undefined {
  const failed = scorecard.gates.filter((g) => !g.passed);
  if (!failed.length) return undefined;
  const list = failed.map((g) => `${CRITERION_TITLES[g.criterion]} ${g.actual.toFixed(1)} < ${g.min}`).join(', ');
  return new TermlensError(`quality gate failed: ${list}`, { code: 'quality-gate', stage: 'report', hint: `Read ${markdownFile} for what to fix.` });
}

export async function writeReport(reportDir: string, input: ScorecardInput): Promise<WrittenReport> {
  const scorecard = buildScorecard(input);
  const markdown = renderScorecardMarkdown(scorecard);
  const markdownFile = join(reportDir, 'scorecard.md');
  const jsonFile = join(reportDir, 'scorecard.json');
  const hint = 'Choose a reports folder you can write to.';
  await scorecardFile.write(jsonFile, scorecard, { createFolder: true, hint });
  await writeFileAtomic(markdownFile, markdown, { stage: 'report', hint });
  return { scorecard, markdownFile, jsonFile, markdown };
}
export { offlineFindings, type OfflineFinding } from './offline-findings.js';
export { AGREEMENT_GAP, agreementOf, calibrationFor, type CalibrationCitation, type CriterionAgreement, type CriterionCalibration } from './agreement.js';
