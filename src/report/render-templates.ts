/** Handlebars set up for reports: helpers that escape every piece of outside text for its context. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { CRITERION_TITLES, VERDICT_LABELS, type CriterionKey, type Verdict } from '../criteria.js';
import { escapeLinkTarget, escapeMarkdown } from './escape.js';

const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'templates');

/** A private Handlebars environment, so users' prompt templates never see report helpers. */
export const reportHandlebars = Handlebars.create();
reportHandlebars.registerHelper('md', (text: unknown) => escapeMarkdown(text));
reportHandlebars.registerHelper('url', (path: unknown) => escapeLinkTarget(path));
reportHandlebars.registerHelper('code', (text: unknown) => String(text ?? '').replace(/`/g, "'").replace(/\r?\n/g, ' ').replace(/\|/g, '\\|'));
reportHandlebars.registerHelper('fixed1', (n: unknown) => (typeof n === 'number' ? n.toFixed(1) : '—'));
reportHandlebars.registerHelper('verdictLabel', (v: Verdict) => VERDICT_LABELS[v]);
reportHandlebars.registerHelper('criterionTitle', (k: CriterionKey) => CRITERION_TITLES[k]);

const cache = new Map<string, HandlebarsTemplateDelegate>();

/**
 * Markdown templates are compiled with noEscape: HTML entity escaping is not
 * Markdown escaping, so every interpolation of outside text goes through `md`,
 * `url` or `code` instead (and a test feeds hostile text through each field).
 */
export function renderTemplate(name: string, view: object, options: { html?: boolean } = {}): string {
  let template = cache.get(name);
  if (!template) {
    const source = readFileSync(join(TEMPLATE_DIR, name), 'utf8');
    template = reportHandlebars.compile(source, { noEscape: !options.html, strict: false });
    cache.set(name, template);
  }
  return template(view);
}
