/**
 * `Set <Setting> <value>`: one value parser per setting, in a table keyed by
 * the setting-name union so the compiler checks that none is missing. Each
 * parser reads its value tokens and returns the part of TapeSettings it sets,
 * or reports what is wrong with the value and returns undefined.
 */
import { quote, suggestName } from '../errors/index.js';
import { DEFAULT_SCHEME, parseHex, type ColorScheme, type RGB } from '../terminal/colors.js';
import type { Token } from './lexer.js';
import { SHELLS, WINDOW_BAR_STYLES, type ShellName, type TapeSettings, type SettingName, type WindowBarStyle } from './types.js';

/** What a setting parser may ask of the parser: the value tokens on the `Set` line, and error reporting. */
export interface ValueReader {
  /** The next token on the command's line, without consuming it. */
  peek(): Token | undefined;
  /** Consume and return the next token on the command's line. */
  take(): Token | undefined;
  /** A quoted string, or a bare word that is not a command name. */
  isText(token: Token | undefined): boolean;
  /** `<number>[ms|s|m]` (bare = seconds) → milliseconds; reports and returns undefined when absent or bad. */
  duration(what: string, anchor: Token): number | undefined;
  error(at: Token, message: string, length?: number): void;
}

type Patch = Partial<TapeSettings>;
type SettingParser = (r: ValueReader, name: Token) => Patch | undefined;

function describe(token: Token): string {
  return token.kind === 'string' ? `the string ${quote(token.text)}` : quote(token.text);
}

function missing(r: ValueReader, name: Token, what: string): undefined {
  r.error(name, `Set ${name.text} needs ${what}`, name.text.length);
  return undefined;
}

/** `Set X <whole number>` with a lower bound. */
function int(field: keyof TapeSettings, what: string, min: number): SettingParser {
  return (r, name) => {
    const t = r.take();
    if (!t) return missing(r, name, what);
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) {
      r.error(t, `Set ${name.text} expects ${what}, got ${describe(t)}`, t.end - t.start);
      return undefined;
    }
    const n = Number(t.text);
    if (n < min) {
      r.error(t, `Set ${name.text} must be at least ${min}, got ${n}`, t.end - t.start);
      return undefined;
    }
    return { [field]: n };
  };
}

/** `Set X <decimal number>`, optionally required to be above zero. */
function decimal(field: keyof TapeSettings, positive: boolean): SettingParser {
  return (r, name) => {
    const t = r.take();
    const what = positive ? 'a number above 0' : 'a number';
    if (!t) return missing(r, name, what);
    if (t.kind !== 'number' || !/^(\d+\.?\d*|\.\d+)$/.test(t.text) || (positive && Number(t.text) <= 0)) {
      r.error(t, `Set ${name.text} expects ${what}, got ${describe(t)}`, t.end - t.start);
      return undefined;
    }
    return { [field]: Number(t.text) };
  };
}

function text(r: ValueReader, name: Token, what: string): string | undefined {
  const t = r.take();
  if (!t) {
    missing(r, name, what);
    return undefined;
  }
  if (!r.isText(t)) {
    r.error(t, `Set ${name.text} expects ${what}, got ${describe(t)}`, t.end - t.start);
    return undefined;
  }
  return t.text;
}

function oneOf<T extends string>(r: ValueReader, name: Token, choices: readonly T[], what: string): T | undefined {
  const t = r.peek();
  const value = text(r, name, what);
  if (value === undefined || !t) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as T;
  const guess = suggestName(value, choices);
  r.error(t, `${quote(value)} is not ${what}${guess ? `; did you mean ${quote(guess)}?` : ` (one of ${choices.join(', ')})`}`, t.end - t.start);
  return undefined;
}

/**
 * Go's regexp syntax (VHS) is close to JavaScript's except for inline flags
 * such as `(?i)`; a leading flag group becomes JavaScript flags.
 */
export function convertPattern(source: string): { pattern: string; flags: string } | { error: string } {
  let pattern = source;
  let flags = '';
  const m = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (m) {
    for (const f of m[1]!) {
      if (f === 'i' || f === 'm' || f === 's') flags += flags.includes(f) ? '' : f;
      else return { error: `the regular expression flag (?${f}) is not supported (use i, m or s)` };
    }
    pattern = source.slice(m[0].length);
  }
  try {
    new RegExp(pattern, flags);
  } catch (e) {
    return { error: `invalid regular expression /${source}/: ${(e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')}` };
  }
  return { pattern, flags };
}

/** Windows Terminal and VHS theme keys (VHS says magenta, Windows Terminal purple). */
const ANSI_KEYS: ReadonlyArray<readonly string[]> = [
  'black', 'red', 'green', 'yellow', 'blue', 'magenta|purple', 'cyan', 'white',
  'brightBlack', 'brightRed', 'brightGreen', 'brightYellow', 'brightBlue', 'brightMagenta|brightPurple', 'brightCyan', 'brightWhite',
].map((k) => k.split('|'));

/** An inline `Set Theme {…}` as a colour scheme; colours it leaves out come from VHS's default theme. */
export function parseInlineTheme(json: string): { name?: string; scheme: ColorScheme } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    return { error: `the theme is not valid JSON: ${(e as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'the theme must be a JSON object' };
  const obj = value as Record<string, unknown>;
  const bad: string[] = [];
  const color = (keys: readonly string[], fallback: RGB): RGB => {
    const key = keys.find((k) => obj[k] !== undefined);
    if (key === undefined) return fallback;
    const rgb = typeof obj[key] === 'string' ? parseHex(obj[key] as string) : undefined;
    if (!rgb) bad.push(`${key}: ${JSON.stringify(obj[key])}`);
    return rgb ?? fallback;
  };
  const scheme: ColorScheme = {
    foreground: color(['foreground'], DEFAULT_SCHEME.foreground),
    background: color(['background'], DEFAULT_SCHEME.background),
    cursor: color(['cursor', 'cursorColor'], DEFAULT_SCHEME.cursor),
    ansi: ANSI_KEYS.map((keys, i) => color(keys, DEFAULT_SCHEME.ansi[i]!)),
  };
  if (bad.length > 0) return { error: `the theme has colours that are not #rrggbb: ${bad.join(', ')}` };
  return typeof obj.name === 'string' ? { name: obj.name, scheme } : { scheme };
}

export const SETTING_PARSERS: Record<SettingName, SettingParser> = {
  Shell: (r, name) => {
    const shell = oneOf<ShellName>(r, name, SHELLS, 'a shell VHS supports');
    return shell && { shell };
  },
  FontSize: int('fontSize', 'a whole number of pixels', 1),
  FontFamily: (r, name) => {
    const fontFamily = text(r, name, 'a font name');
    return fontFamily === undefined ? undefined : { fontFamily };
  },
  Width: int('width', 'a whole number of pixels', 1),
  Height: int('height', 'a whole number of pixels', 1),
  LetterSpacing: decimal('letterSpacing', false),
  LineHeight: decimal('lineHeight', true),
  Padding: int('padding', 'a whole number of pixels', 0),
  Margin: int('margin', 'a whole number of pixels', 0),
  MarginFill: (r, name) => {
    const t = r.peek();
    const fill = text(r, name, 'a colour like "#674EFF" or an image path');
    if (fill === undefined || !t) return undefined;
    if (fill.startsWith('#') && !/^#[0-9a-fA-F]{6}$/.test(fill)) {
      r.error(t, `${quote(fill)} is not a colour; write it as "#rrggbb"`, t.end - t.start);
      return undefined;
    }
    return { marginFill: fill };
  },
  WindowBar: (r, name) => {
    // An empty string turns the bar off, as in VHS.
    if (r.peek()?.kind === 'string' && r.peek()!.text === '') {
      r.take();
      return { windowBar: null };
    }
    const style = oneOf<WindowBarStyle>(r, name, WINDOW_BAR_STYLES, 'a window bar style');
    return style && { windowBar: style };
  },
  WindowBarSize: int('windowBarSize', 'a whole number of pixels', 0),
  BorderRadius: int('borderRadius', 'a whole number of pixels', 0),
  TypingSpeed: (r, name) => {
    const ms = r.duration(`Set ${name.text}`, name);
    return ms === undefined ? undefined : { typingSpeedMs: ms };
  },
  Framerate: int('framerate', 'a whole number of frames per second', 1),
  PlaybackSpeed: decimal('playbackSpeed', true),
  LoopOffset: (r, name) => {
    const patch = decimal('loopOffsetPercent', false)(r, name);
    if (r.peek()?.kind === 'punct' && r.peek()!.text === '%') r.take();
    return patch;
  },
  CursorBlink: (r, name) => {
    const t = r.take();
    if (!t) return missing(r, name, 'true or false');
    if (t.kind !== 'word' || (t.text !== 'true' && t.text !== 'false')) {
      r.error(t, `Set ${name.text} expects true or false, got ${describe(t)}`, t.end - t.start);
      return undefined;
    }
    return { cursorBlink: t.text === 'true' };
  },
  WaitTimeout: (r, name) => {
    const at = r.peek() ?? name;
    const ms = r.duration(`Set ${name.text}`, name);
    if (ms === undefined) return undefined;
    if (ms <= 0) {
      r.error(at, `Set ${name.text} must be longer than 0`);
      return undefined;
    }
    return { waitTimeoutMs: ms };
  },
  WaitPattern: (r, name) => {
    const t = r.take();
    if (!t) return missing(r, name, 'a regular expression like />$/');
    if (t.kind !== 'regex' && t.kind !== 'string') {
      r.error(t, `Set ${name.text} expects a regular expression like />$/, got ${describe(t)}`, t.end - t.start);
      return undefined;
    }
    const converted = convertPattern(t.text);
    if ('error' in converted) {
      r.error(t, converted.error, t.end - t.start);
      return undefined;
    }
    return { waitPattern: converted.pattern, waitPatternFlags: converted.flags };
  },
  Theme: (r, name) => {
    const t = r.take();
    if (!t) return missing(r, name, 'a theme name or a JSON object');
    if (t.kind === 'json') {
      const theme = parseInlineTheme(t.text);
      if ('error' in theme) {
        r.error(t, theme.error);
        return undefined;
      }
      return { theme: { kind: 'inline', ...theme } };
    }
    if (!r.isText(t)) {
      r.error(t, `Set ${name.text} expects a theme name or a JSON object, got ${describe(t)}`, t.end - t.start);
      return undefined;
    }
    return { theme: t.text.trim() === '' ? { kind: 'default' } : { kind: 'name', name: t.text } };
  },
};
