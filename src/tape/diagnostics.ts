/**
 * Errors and warnings in tapes, shown the way compilers show them: the file,
 * line and column, the source line, and a caret under the bad token.
 */
import { clipLine } from '../yaml-limits.js';
import { TermlensError } from '../errors/index.js';
import type { TapeDiagnostic } from './types.js';

/** Source lines by file, so a diagnostic can quote the line it points at. */
export type SourceLines = ReadonlyMap<string, readonly string[]>;

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/**
 * ```
 * demo.tape:3:1: error: unknown command "Tpye"; did you mean "Type"?
 *     3 | Tpye "ls"
 *       | ^^^^
 * ```
 */
export function formatDiagnostic(d: TapeDiagnostic, sources?: SourceLines): string {
  const { file, line, column } = d.pos;
  const head = `${file}:${line}:${column}: ${d.severity}: ${d.message}`;
  const whole = sources?.get(file)?.[line - 1];
  if (whole === undefined) return head;
  // A 50 KB line is quoted around the column only.
  const { text, column: at } = clipLine(whole, column);
  const gutter = String(line).padStart(5);
  // Columns count UTF-16 units, as the lexer does. Tabs stay tabs in the
  // caret's indent so it lines up under tabbed source in any terminal.
  const indent = text.slice(0, at - 1).replace(/[^\t]/g, ' ');
  const rest = text.slice(at - 1);
  // Without a length, underline the word the diagnostic points at.
  const word = rest.search(/\s|$/);
  const caret = '^'.repeat(Math.max(1, Math.min(d.length ?? word, rest.length)));
  return `${head}\n${gutter} | ${text}\n${' '.repeat(gutter.length)} | ${indent}${caret}`;
}

export function formatDiagnostics(list: readonly TapeDiagnostic[], sources?: SourceLines): string {
  return list.map((d) => formatDiagnostic(d, sources)).join('\n');
}

/** A tape that does not parse. `diagnostics` holds every error, in file order. */
export class TapeSyntaxError extends TermlensError {
  readonly diagnostics: readonly TapeDiagnostic[];

  constructor(file: string, diagnostics: readonly TapeDiagnostic[], sources: SourceLines) {
    const n = diagnostics.length;
    super(`${file} has ${n} error${n === 1 ? '' : 's'}:\n${formatDiagnostics(diagnostics, sources)}`, {
      code: 'usage',
      stage: 'tape',
      hint: 'Fix the lines shown above; nothing was run. The tape language is described at https://github.com/charmbracelet/vhs#vhs-command-reference',
    });
    this.name = 'TapeSyntaxError';
    this.diagnostics = diagnostics;
  }
}
