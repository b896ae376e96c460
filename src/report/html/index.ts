/**
 * index.html: one static page per report folder (video, frames, scorecard,
 * metrics, pre-test, comparison). It links only to files inside the folder
 * and loads nothing from the network, so the folder can be uploaded or
 * copied as it is.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { TermlensError } from '../../errors/index.js';
import { writeFileAtomic } from '../../run-folder/index.js';
import { renderTemplate } from '../render-templates.js';
import { loadReportFolder } from './load.js';
import { buildPageView } from './view.js';
import type { HtmlReportOptions } from './types.js';

export type { CompareView, ComparePair, CompareCriterion, HtmlReportOptions } from './types.js';
export { loadReportFolder, checkRelativePath, type ReportFolder } from './load.js';
export { buildPageView, type PageView } from './view.js';

export const HTML_REPORT_FILE = 'index.html';
const CSP_PLACEHOLDER = '__TERMLENS_CSP__';

/** The page for a report folder, as HTML text (nothing written). */
export async function renderHtmlReport(reportDir: string, options: HtmlReportOptions = {}): Promise<string> {
  const folder = await loadReportFolder(reportDir);
  const view = buildPageView(folder, options.compare);
  const html = renderTemplate('index.html.hbs', { ...view, csp: CSP_PLACEHOLDER }, { html: true });
  return withContentSecurityPolicy(html);
}

/** Writes index.html into the report folder, whole or not at all, and returns its path. */
export async function writeHtmlReport(reportDir: string, options: HtmlReportOptions = {}): Promise<string> {
  const html = await renderHtmlReport(reportDir, options);
  const file = join(reportDir, HTML_REPORT_FILE);
  await writeFileAtomic(file, html, { stage: 'report', hint: 'Choose a reports folder you can write to.' });
  return file;
}

/**
 * Fills in the Content-Security-Policy: scripts and styles are allowed only
 * when their hash matches the page's own inline <script> and <style>, media
 * only from the folder, nothing else at all. Even if some text escaped the
 * template's escaping, a browser would refuse to run it. Hashes rather than a
 * random nonce keep the page byte-for-byte reproducible.
 */
export function withContentSecurityPolicy(html: string): string {
  const script = onlyBlock(html, 'script');
  const style = onlyBlock(html, 'style');
  const policy = [
    "default-src 'none'",
    `script-src '${sha256(script)}'`,
    `style-src '${sha256(style)}'`,
    "img-src 'self'",
    "media-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return html.replace(CSP_PLACEHOLDER, policy);
}

/** The text of the template's single <tag> block; more than one means outside text got through as markup. */
function onlyBlock(html: string, tag: 'script' | 'style'): string {
  const blocks = [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))];
  const [block] = blocks;
  if (blocks.length !== 1 || !block) {
    throw new TermlensError(`the HTML report has ${blocks.length} <${tag}> blocks instead of 1`, { code: 'execution', stage: 'report' });
  }
  return block[1] ?? ''; // the group always takes part in a match; `?? ''` only satisfies the type
}

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
