/**
 * GitHub Actions job summaries: when GITHUB_STEP_SUMMARY names a file, the
 * scorecard or comparison Markdown is appended to it and shows on the run's
 * summary page.
 */
import { appendFile } from 'node:fs/promises';
import { TermlensError, quote } from '../errors/index.js';

/** GitHub refuses a step summary over 1 MiB; stay under it with room for other steps' text. */
export const STEP_SUMMARY_LIMIT = 1000 * 1024;

/**
 * Append `markdown` to the file in `env.GITHUB_STEP_SUMMARY`. Returns the
 * file written, or undefined when the variable is not set (not on GitHub).
 * Text over the size limit is cut at a line end with a note saying so.
 */
export async function appendStepSummary(markdown: string, env: Record<string, string | undefined> = process.env): Promise<string | undefined> {
  const file = env.GITHUB_STEP_SUMMARY?.trim();
  if (!file) return undefined;
  try {
    await appendFile(file, fitSummary(markdown));
  } catch (cause) {
    throw new TermlensError(`cannot append to the step summary ${quote(file)}`, {
      code: 'unwritable',
      stage: 'report',
      hint: 'Check GITHUB_STEP_SUMMARY names a writable file, or unset it.',
      cause,
    });
  }
  return file;
}

/** The text as appended: a blank line after it so summaries of several steps stay apart, cut to the limit. */
export function fitSummary(markdown: string, limit = STEP_SUMMARY_LIMIT): string {
  const text = markdown.trimEnd() + '\n\n';
  if (Buffer.byteLength(text) <= limit) return text;
  const note = '\n\n_…cut to fit the step summary; the full report is in the report folder._\n\n';
  let cut = Buffer.from(text).subarray(0, limit - Buffer.byteLength(note)).toString('utf8');
  // A cut mid-character leaves U+FFFD; a cut mid-line may open a code block or table row, so end at a line.
  cut = cut.replace(/\uFFFD+$/, '');
  const lastLine = cut.lastIndexOf('\n');
  if (lastLine > 0) cut = cut.slice(0, lastLine);
  const openFences = (cut.match(/^```/gm) ?? []).length % 2 === 1;
  return cut + (openFences ? '\n```' : '') + note;
}
