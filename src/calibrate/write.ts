/**
 * calibration.json (the figures, for `judge.calibration` and scripts),
 * calibration.md (for a person or a CI summary) and calibration.html (the
 * same tables as a page), written side by side.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { calibrationFile, writeFileAtomic } from '../run-folder/index.js';
import { escapeMarkdown } from '../report/index.js';
import { CRITERIA, CRITERION_TITLES } from '../criteria.js';
import type { Calibration } from './types.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)} %`);
const num = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '—' : (x > 0 ? '+' : '') + x.toFixed(digits));
const plain = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '—' : x.toFixed(digits));
const cost = (x: number | null) => (x === null ? 'unknown (no price for this model)' : `$${x.toFixed(4)}`);

/** The rows both the Markdown and the HTML show, formatted once. */
export function calibrationView(c: Calibration) {
  const criteria = CRITERIA.map((key) => {
    const r = c.criteria[key]!;
    return {
      title: CRITERION_TITLES[key],
      pairs: r.pairs,
      accuracy: pct(r.accuracy),
      below: r.accuracy !== null && r.accuracy < c.minAccuracy,
      margin: num(r.meanMargin),
      spread: plain(r.spread),
      ties: r.ties,
      pairwise: r.pairwise ? pct(r.pairwise.accuracy) : '—',
      flips: r.pairwise ? `${r.pairwise.flips} of ${r.pairs}` : '—',
    };
  });
  const verdict = c.passed
    ? `passed: ${pct(c.overall.accuracy)} of ${c.overall.pairs} known pairs ordered correctly${c.pairwise ? `, ${pct(c.overall.pairwiseAccuracy)} side by side` : ''} (minimum ${pct(c.minAccuracy)})`
    : `failed: ${pct(c.overall.accuracy)} of ${c.overall.pairs} known pairs ordered correctly${c.pairwise ? `, ${pct(c.overall.pairwiseAccuracy)} side by side` : ''}, under the minimum ${pct(c.minAccuracy)}`;
  return {
    c,
    verdict,
    factsText: c.facts === 'measures' ? 'given' : 'withheld',
    criteria,
    pairs: c.pairs.map((p) => ({
      ...p,
      title: CRITERION_TITLES[p.criterion],
      scores: `${plain(p.betterScore)} vs ${plain(p.worseScore)}`,
      marginText: num(p.margin),
      result: p.correct ? 'correct' : p.margin === 0 ? 'tie' : 'wrong',
      pairwiseText: p.pairwise ? `${p.pairwise.first} / ${p.pairwise.second} → ${p.pairwise.verdict}${p.pairwise.flip ? ' (flip)' : ''}` : '—',
    })),
    tokens: c.totals.totalTokens.toLocaleString('en-US'),
    cost: cost(c.totals.costUsd),
  };
}

export function renderCalibrationMarkdown(c: Calibration): string {
  const v = calibrationView(c);
  const md = escapeMarkdown;
  const out = [
    `# termlens calibration: ${c.passed ? '✅' : '❌'} ${md(v.verdict)}`,
    '',
    `- **Model:** ${md(c.model)} via ${md(c.provider)} (${md(c.baseURL)}), prompt set ${md(c.promptSet)}, ${c.samples} sample(s) per recording, measured facts ${v.factsText}`,
    `- **Corpus:** ${md(c.corpus)}: ${c.entries.length} recordings, ${c.overall.pairs} known pairs (a recording and a variant made worse on one criterion)`,
    `- **Requests:** ${c.totals.requests}, ${v.tokens} tokens, cost ${v.cost}`,
    '',
    '## Per criterion',
    '',
    'Pair accuracy: how often the known-worse recording scored lower. Mean margin: better minus worse, in points. Spread: the samples\' max − min on one recording, averaged.' +
      (c.pairwise ? ' Side by side: the verdict that survived swapping the sides; flips: pairs where the swap turned it round (position bias).' : ''),
    '',
    `| Criterion | Pairs | Pair accuracy | Mean margin | Spread | Ties |${c.pairwise ? ' Side by side | Flips |' : ''}`,
    `| --- | --- | --- | --- | --- | --- |${c.pairwise ? ' --- | --- |' : ''}`,
    ...v.criteria.map((r) => `| ${r.title} | ${r.pairs} | ${r.below ? `**${r.accuracy}**` : r.accuracy} | ${r.margin} | ${r.spread} | ${r.ties} |${c.pairwise ? ` ${r.pairwise} | ${r.flips} |` : ''}`),
    '',
    '## Known pairs',
    '',
    `| Better | Worse | Criterion | Scores (better vs worse) | Margin | Result |${c.pairwise ? ' Side by side (first / swapped) |' : ''}`,
    `| --- | --- | --- | --- | --- | --- |${c.pairwise ? ' --- |' : ''}`,
    ...v.pairs.map((p) => `| ${md(p.better)} | ${md(p.worse)} | ${p.title} | ${p.scores} | ${p.marginText} | ${p.result} |${c.pairwise ? ` ${p.pairwiseText} |` : ''}`),
    '',
  ];
  if (c.notes.length) out.push('## Notes', '', ...c.notes.map((n) => `- ${md(n)}`), '');
  out.push('Each recording\'s prompts and raw answers are in `entries/<id>/judgments.json`.');
  return out.join('\n') + '\n';
}

const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), 'calibration.html.hbs');

export function renderCalibrationHtml(c: Calibration): string {
  // Handlebars escapes every value for HTML; a private instance keeps report and prompt helpers apart.
  return Handlebars.create().compile(readFileSync(TEMPLATE, 'utf8'), { strict: false })(calibrationView(c));
}

export interface WrittenCalibration {
  jsonFile: string;
  markdownFile: string;
  htmlFile: string;
}

export async function writeCalibration(outDir: string, c: Calibration): Promise<WrittenCalibration> {
  const files = { jsonFile: join(outDir, 'calibration.json'), markdownFile: join(outDir, 'calibration.md'), htmlFile: join(outDir, 'calibration.html') };
  // Each file whole or not at all; the error names the file and, for a full disk, the space left.
  const options = { stage: 'calibrate', hint: 'Choose an output folder you can write to (-o DIR).', createFolder: true } as const;
  await calibrationFile.write(files.jsonFile, c, options);
  await writeFileAtomic(files.markdownFile, renderCalibrationMarkdown(c), options);
  await writeFileAtomic(files.htmlFile, renderCalibrationHtml(c), options);
  return files;
}
