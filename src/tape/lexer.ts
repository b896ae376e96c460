/**
 * Splits tape text into tokens with line and column, the way VHS's lexer
 * does: bare words (which may hold `.` `-` `_` `/` `%` and digits, so
 * `demo.gif` and `frames/` are words), numbers, strings in `"`, `'` or `` ` ``
 * (no escapes, never across a line), `/regex/`, `{json}` up to the first `}`,
 * `#` comments, and single-character punctuation (`@ + % = [ ] - ^ \`).
 */
import type { TapeDiagnostic } from './types.js';

export type TokenKind = 'word' | 'string' | 'number' | 'regex' | 'json' | 'punct' | 'comment' | 'illegal';

export interface Token {
  kind: TokenKind;
  /** The value: a string's or regex's contents without delimiters, a word or number as written. */
  text: string;
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
  /** Offset of the first character in the source. */
  start: number;
  /** Offset just past the last character (delimiters included). */
  end: number;
}

export interface LexResult {
  tokens: Token[];
  /** Unterminated strings, regexes and JSON; positions carry no file yet. */
  problems: Array<Omit<TapeDiagnostic, 'pos'> & { line: number; column: number }>;
}

const PUNCT = new Set(['@', '+', '%', '=', '[', ']', '-', '^', '\\']);
const QUOTES = new Set(['"', "'", '`']);

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

// VHS accepts ASCII letters only; any other letter is accepted too so that
// an unquoted non-English file name is a word rather than a stray character.
function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /\p{L}/u.test(ch);
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && (isLetter(ch) || isDigit(ch) || ch === '.' || ch === '-' || ch === '_' || ch === '/' || ch === '%');
}

export function lex(source: string): LexResult {
  const tokens: Token[] = [];
  const problems: LexResult['problems'] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const push = (kind: TokenKind, text: string, start: number, end: number) => {
    tokens.push({ kind, text, line, column: start - lineStart + 1, start, end });
  };

  /** Reads up to `close` on the same line; reports and stops at the line's end if missing. */
  const readDelimited = (open: number, close: string, what: string): { text: string; end: number } => {
    let j = open + 1;
    while (j < source.length && source[j] !== close && source[j] !== '\n' && source[j] !== '\r') j++;
    const closed = source[j] === close;
    if (!closed) {
      problems.push({
        severity: 'error',
        message: `unterminated ${what}: add the closing ${close}`,
        line,
        column: open - lineStart + 1,
        length: j - open,
      });
    }
    return { text: source.slice(open + 1, j), end: closed ? j + 1 : j };
  };

  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (ch === '#') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
      push('comment', source.slice(start + 1, i), start, i);
      continue;
    }
    if (QUOTES.has(ch)) {
      const { text, end } = readDelimited(start, ch, 'string');
      push('string', text, start, end);
      i = end;
      continue;
    }
    if (ch === '/') {
      const { text, end } = readDelimited(start, '/', 'regular expression');
      push('regex', text, start, end);
      i = end;
      continue;
    }
    if (ch === '{') {
      // Like VHS, a JSON value ends at the first `}` (themes are flat objects), and may span lines.
      let j = start + 1;
      while (j < source.length && source[j] !== '}') j++;
      if (j >= source.length) {
        problems.push({ severity: 'error', message: 'unterminated JSON object: add the closing }', line, column: start - lineStart + 1 });
        push('json', source.slice(start, j), start, j);
        i = j;
        continue;
      }
      push('json', source.slice(start, j + 1), start, j + 1);
      // Keep line counting right when the object spans lines.
      for (let k = start; k <= j; k++) {
        if (source[k] === '\n') {
          line++;
          lineStart = k + 1;
        }
      }
      i = j + 1;
      continue;
    }
    if (isDigit(ch) || (ch === '.' && isDigit(source[i + 1]))) {
      while (isDigit(source[i]) || source[i] === '.') i++;
      push('number', source.slice(start, i), start, i);
      continue;
    }
    if (isLetter(ch) || ch === '.') {
      while (isWordChar(source[i])) i++;
      push('word', source.slice(start, i), start, i);
      continue;
    }
    const cp = String.fromCodePoint(source.codePointAt(i)!);
    i += cp.length;
    push(PUNCT.has(cp) ? 'punct' : 'illegal', cp, start, i);
  }
  return { tokens, problems };
}
