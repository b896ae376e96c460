/**
 * From tape text (or a tape file) to a Tape: lex and parse every file,
 * expand `Source`, then apply settings the way VHS's evaluator does.
 *
 * VHS's order of events, mirrored here:
 * - `Set Shell` and `Env` take effect wherever they are, because VHS applies
 *   them before it starts the shell;
 * - the leading block of `Set`, `Output` and `Require` configures the run;
 * - after the first other command a `Set` is ignored with a warning, except
 *   `Set TypingSpeed`, which changes the typing speed from there on; a late
 *   `Require` is skipped; `Output` counts wherever it is.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { TermlensError, quote } from '../errors/index.js';
import { TapeSyntaxError, splitLines } from './diagnostics.js';
import { lex, type Token } from './lexer.js';
import { parseTokens, type Statement } from './parser.js';
import { DEFAULT_SETTINGS, type SettingName, type SourcePos, type Tape, type TapeDiagnostic, type TapeSettings } from './types.js';

export interface ParseTapeOptions {
  /** The file the text came from: names it in messages and anchors relative `Source` paths. @default "<tape>" */
  file?: string;
  /** Where relative `Source` paths start when there is no file. @default process.cwd() */
  cwd?: string;
}

/** Every diagnostic of a parse, whether or not it succeeded. */
export interface TapeCheck {
  /** Present when there are no errors. */
  tape?: Tape;
  errors: TapeDiagnostic[];
  warnings: TapeDiagnostic[];
  /** Source lines by file name, for formatDiagnostic. */
  sources: Map<string, string[]>;
  /** Absolute paths of every file read: the tape itself (when it is a file) and each file it `Source`s. */
  files: string[];
}

/** Font faces the renderer bundles; another FontFamily is drawn in the first of these. */
export const BUNDLED_FONTS = ['JetBrains Mono'] as const;

/** Parse tape text without throwing: the tape when valid, and every error and warning. */
export function checkTape(text: string, options: ParseTapeOptions = {}): TapeCheck {
  const file = options.file ?? '<tape>';
  const errors: TapeDiagnostic[] = [];
  const warnings: TapeDiagnostic[] = [];
  const sources = new Map<string, string[]>();
  const files: string[] = options.file ? [resolve(options.file)] : [];
  const report = (d: TapeDiagnostic) => (d.severity === 'error' ? errors : warnings).push(d);

  // The files being parsed, innermost last (absolute, and as shown), to catch Source cycles.
  const stack: string[] = [options.file ? resolve(options.file) : '<tape>'];
  const shownStack: string[] = [file];

  const parseFile = (name: string, body: string, baseDir: string): Statement[] => {
    sources.set(name, splitLines(body));
    const { tokens, problems } = lex(body);
    for (const p of problems) report({ severity: p.severity, message: p.message, pos: { file: name, line: p.line, column: p.column }, length: p.length });
    return parseTokens(tokens, {
      file: name,
      text: body,
      report,
      source: (path, token, pos) => expandSource(path, token, pos, baseDir),
    });
  };

  const expandSource = (path: string, token: Token, pos: SourcePos, baseDir: string): Statement[] => {
    const length = token.end - token.start;
    const fail = (message: string): Statement[] => {
      report({ severity: 'error', message, pos, length });
      return [];
    };
    // Relative to the tape that sources it (VHS uses the working directory, which is the same for most tapes).
    const shown = isAbsolute(path) ? path : join(baseDir, path);
    const absolute = resolve(shown);
    const loop = stack.indexOf(absolute);
    if (loop >= 0) return fail(`Source cycle: ${[...shownStack.slice(loop), shown].join(' → ')}`);
    let body: string;
    try {
      if (!statSync(absolute).isFile()) return fail(`${quote(shown)} is not a file`);
      body = readFileSync(absolute, 'utf8');
    } catch {
      return fail(`cannot read ${quote(shown)} (looked in ${quote(dirname(absolute))})`);
    }
    if (!files.includes(absolute)) files.push(absolute);
    if (body.trim() === '') return fail(`${quote(shown)} is empty`);
    stack.push(absolute);
    shownStack.push(shown);
    const statements = parseFile(shown, body, dirname(shown));
    stack.pop();
    shownStack.pop();
    // As in VHS, a sourced tape cannot redirect the including tape's output.
    return statements.filter((s) => {
      if (s.kind !== 'output') return true;
      report({ severity: 'warning', message: `Output in a sourced tape is ignored (${quote(s.output.path)})`, pos: s.output.pos });
      return false;
    });
  };

  const baseDir = options.file ? dirname(options.file) : options.cwd ?? '.';
  const statements = parseFile(file, text, baseDir);
  if (statements.length === 0 && errors.length === 0) {
    report({ severity: 'error', message: 'the tape has no commands', pos: { file, line: 1, column: 1 } });
  }
  const tape = foldStatements(file, statements, report);
  checkWindow(tape, statements, file, report);
  // Lexing reports before parsing; show everything in reading order, file by file.
  const fileOrder = [...sources.keys()];
  const byPosition = (a: TapeDiagnostic, b: TapeDiagnostic) =>
    fileOrder.indexOf(a.pos.file) - fileOrder.indexOf(b.pos.file) || a.pos.line - b.pos.line || a.pos.column - b.pos.column;
  errors.sort(byPosition);
  warnings.sort(byPosition);
  if (errors.length > 0) return { errors, warnings, sources, files };
  tape.warnings = warnings;
  return { tape, errors, warnings, sources, files };
}

/** Parse tape text; throws a TapeSyntaxError (a TermlensError, code usage) listing every error. */
export function parseTape(text: string, options: ParseTapeOptions = {}): Tape {
  const result = checkTape(text, options);
  if (!result.tape) throw new TapeSyntaxError(options.file ?? '<tape>', result.errors, result.sources);
  return result.tape;
}

/** Read a tape file's text; a missing or unreadable file is an error naming it. */
export function readTapeText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TermlensError(`cannot read the tape ${quote(file)}${code ? ` (${code})` : ''}`, {
      code: code === 'ENOENT' ? 'not-found' : 'bad-input',
      stage: 'tape',
      hint: 'Check the path; tape files usually end in .tape.',
      cause: e,
    });
  }
}

/** Read and parse a tape file. */
export function loadTape(file: string): Tape {
  return parseTape(readTapeText(file), { file });
}

function foldStatements(file: string, statements: readonly Statement[], report: (d: TapeDiagnostic) => void): Tape {
  const settings: TapeSettings = { ...DEFAULT_SETTINGS };
  const tape: Tape = { file, outputs: [], requires: [], settings, env: {}, commands: [], warnings: [] };
  let firstCommand: SourcePos | undefined;
  let lastCopy: SourcePos | undefined;
  const warn = (pos: SourcePos, message: string) => report({ severity: 'warning', message, pos });

  for (const s of statements) {
    switch (s.kind) {
      case 'output':
        tape.outputs.push(s.output);
        break;
      case 'require':
        if (firstCommand) warn(s.pos, `Require ${s.program} is skipped: it comes after the first command (line ${firstCommand.line}); move it to the top`);
        else tape.requires.push(s.program);
        break;
      case 'env':
        tape.env[s.key] = s.value;
        firstCommand ??= s.pos;
        break;
      case 'noop':
        firstCommand ??= s.pos;
        break;
      case 'set':
        if (!firstCommand || s.name === 'Shell') {
          Object.assign(settings, s.patch);
          if (firstCommand) warn(s.pos, `'${s.text}' comes after the first command (line ${firstCommand.line}); it applies anyway because the shell starts before any command runs, but move it to the top`);
        } else if (s.name === 'TypingSpeed') {
          // The parser gives a TypingSpeed its value or refuses the line, so ms is there.
          const ms = s.patch.typingSpeedMs;
          if (ms !== undefined) tape.commands.push({ kind: 'typing-speed', ms, pos: s.pos });
        } else {
          warn(s.pos, `'${s.text}' is ignored: settings must come before the first command (line ${firstCommand.line}); only TypingSpeed may change later. Move it to the top`);
        }
        break;
      case 'command': {
        const c = s.command;
        firstCommand ??= c.pos;
        if (c.kind === 'copy') {
          lastCopy = c.pos;
          warn(c.pos, 'Copy fills the tape\'s own clipboard for a later Paste to type; the system clipboard is not supported');
        } else if (c.kind === 'paste') {
          warn(c.pos, lastCopy
            ? `Paste types the text of the Copy on line ${lastCopy.line}; the system clipboard is not supported`
            : 'Paste has nothing to paste: no Copy comes before it, and the system clipboard is not supported');
        }
        tape.commands.push(c);
        break;
      }
    }
  }

  const fontSet = statements.find((s): s is Extract<Statement, { kind: 'set' }> => s.kind === 'set' && s.name === 'FontFamily');
  const firstFace = settings.fontFamily.split(',')[0]!.trim().replace(/^["']|["']$/g, '');
  if (fontSet && !BUNDLED_FONTS.some((f) => f.toLowerCase() === firstFace.toLowerCase())) {
    warn(fontSet.pos, `the font ${quote(firstFace)} is not bundled; ${BUNDLED_FONTS[0]} is used instead`);
  }
  return tape;
}

/** VHS refuses a window too small for its padding, margins and bar. */
function checkWindow(tape: Tape, statements: readonly Statement[], file: string, report: (d: TapeDiagnostic) => void): void {
  const s = tape.settings;
  const minWidth = 2 * s.padding + 2 * s.margin;
  const minHeight = minWidth + (s.windowBar ? s.windowBarSize : 0);
  if (s.width >= minWidth && s.height >= minHeight) return;
  const related: SettingName[] = ['Width', 'Height', 'Padding', 'Margin', 'WindowBarSize', 'WindowBar'];
  const at = statements.filter((st) => st.kind === 'set' && related.includes(st.name)).pop();
  report({
    severity: 'error',
    message: `the window (${s.width}×${s.height}) is smaller than its padding, margin and window bar need (at least ${minWidth}×${minHeight})`,
    pos: at && at.kind === 'set' ? at.pos : { file, line: 1, column: 1 },
  });
}
