/**
 * Reading a command's arguments from the token list: only tokens on the
 * command's own line belong to it, comments end the line, and every problem
 * is reported with the token it points at. The parser builds on this.
 */
import { quote } from '../errors/index.js';
import { durationTooLong } from '../record/duration.js';
import type { Token } from './lexer.js';
import type { ValueReader } from './settings.js';
import { COMMAND_NAMES, type SourcePos, type TapeDiagnostic } from './types.js';

export const COMMANDS: ReadonlySet<string> = new Set<string>(COMMAND_NAMES);
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

export abstract class TokenReader implements ValueReader {
  protected i = 0;
  /** The line of the command being read. */
  protected line = 0;
  /** Errors reported so far, so the parser can tell that a command went wrong. */
  protected errors = 0;

  constructor(
    protected readonly tokens: readonly Token[],
    protected readonly file: string,
    private readonly report: (d: TapeDiagnostic) => void,
  ) {}

  peek(): Token | undefined {
    const t = this.tokens[this.i];
    // A comment runs to the end of the line, so nothing after it belongs to the command.
    return t && t.line === this.line && t.kind !== 'comment' ? t : undefined;
  }

  take(): Token | undefined {
    const t = this.peek();
    if (t) this.i++;
    return t;
  }

  isText(token: Token | undefined): boolean {
    return !!token && (token.kind === 'string' || (token.kind === 'word' && !COMMANDS.has(token.text)));
  }

  duration(what: string, anchor: Token): number | undefined {
    const n = this.peek();
    if (!n || n.kind !== 'number') {
      const at = n ?? anchor;
      this.error(at, `${what} expects a duration like 500ms, 2s or 1m${n ? `, got ${quote(n.text)}` : ''}`, at.end - at.start);
      return undefined;
    }
    this.i++;
    if (!/^(\d+\.?\d*|\.\d+)$/.test(n.text)) {
      this.error(n, `${quote(n.text)} is not a number`, n.end - n.start);
      return undefined;
    }
    const unit = this.peek();
    let factor = 1000;
    let last = n;
    if (unit?.kind === 'word' && UNITS[unit.text] !== undefined) {
      factor = UNITS[unit.text]!;
      last = unit;
      this.i++;
    } else if (unit?.kind === 'word' && unit.start === n.end) {
      this.i++;
      this.error(unit, `unknown time unit ${quote(unit.text)} in ${quote(n.text + unit.text)}; use ms, s or m`, unit.end - unit.start);
      return undefined;
    }
    const ms = Math.round(Number(n.text) * factor);
    const tooLong = durationTooLong(ms);
    if (tooLong) {
      this.error(n, `${what} ${quote(n.text + (last === n ? '' : last.text))} ${tooLong}`, last.end - n.start);
      return undefined;
    }
    return ms;
  }

  error(at: Token, message: string, length = at.end - at.start): void {
    this.errors++;
    this.report({ severity: 'error', message, pos: this.pos(at), length: Math.max(1, length) });
  }

  warn(at: Token, message: string): void {
    this.report({ severity: 'warning', message, pos: this.pos(at), length: at.end - at.start });
  }

  protected pos(t: Token): SourcePos {
    return { file: this.file, line: t.line, column: t.column };
  }

  protected skipLine(): void {
    for (let t = this.peek(); t && !(t.kind === 'word' && COMMANDS.has(t.text)); t = this.peek()) this.i++;
  }

  protected isPunct(t: Token | undefined, ch: string): boolean {
    return t?.kind === 'punct' && t.text === ch;
  }

  /** The next token when it is the punctuation `ch` (consumed), else undefined. */
  protected takePunct(ch: string): Token | undefined {
    return this.isPunct(this.peek(), ch) ? this.take() : undefined;
  }

  /** The next token when it is text (consumed), else undefined. */
  protected takeText(): Token | undefined {
    return this.isText(this.peek()) ? this.take() : undefined;
  }


  protected speed(cmd: Token): number | undefined {
    const at = this.takePunct('@');
    return at ? this.duration(`${cmd.text}@`, at) : undefined;
  }

  /** `[count]` after a key; a positive whole number. */
  protected count(): number {
    const t = this.peek();
    if (t?.kind !== 'number') return 1;
    this.i++;
    if (!/^\d+$/.test(t.text) || Number(t.text) < 1) {
      this.error(t, `a repeat count must be a whole number of at least 1, got ${quote(t.text)}`);
      return 1;
    }
    return Number(t.text);
  }

  /** One or more strings, joined with a space as VHS does. */
  protected strings(cmd: Token, what: string): string | undefined {
    const parts: string[] = [];
    for (let t = this.takeText(); t; t = this.takeText()) parts.push(t.text);
    if (parts.length > 0) return parts.join(' ');
    const t = this.peek() ?? cmd;
    this.error(t, `${cmd.text} expects ${what} in "…", '…' or \`…\`${t === cmd ? '' : `, got ${quote(t.text)}`}`);
    return undefined;
  }

  /** A path argument; paths starting with / lex as regexes in VHS, so they must be quoted. */
  protected path(cmd: Token, what: string): Token | undefined {
    const t = this.peek();
    if (this.isText(t)) return this.take();
    if (t?.kind === 'regex') this.error(t, `${cmd.text} expects ${what}; quote paths that start with /`);
    else this.error(t ?? cmd, `${cmd.text} expects ${what}${t ? `, got ${quote(t.text)}` : ''}`);
    return undefined;
  }
}
