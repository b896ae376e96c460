/**
 * Theme file formats: Windows Terminal scheme JSON, VHS theme JSON (the same
 * with `magenta`, `cursor`, `cursorAccent`, `selection`), iTerm2
 * `.itermcolors` plists, and the `theme` object of an asciicast header.
 */
import type { CastTheme } from '../../cast/index.js';
import { TermlensError, quote } from '../../errors/index.js';
import { parseHex, type RGB } from '../../terminal/colors.js';
import type { NamedScheme } from './builtin.js';

const ANSI_KEYS = ['black', 'red', 'green', 'yellow', 'blue', 'purple', 'cyan', 'white'] as const;
const capitalise = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function badTheme(source: string, what: string): TermlensError {
  return new TermlensError(`theme file ${quote(source)}: ${what}`, {
    code: 'bad-input',
    stage: 'render',
    hint: 'Give a Windows Terminal or VHS scheme (.json) or an iTerm2 .itermcolors file, or a built-in theme name.',
  });
}

function colorField(obj: Record<string, unknown>, keys: string[], source: string): RGB | undefined {
  for (const key of keys) {
    const value = obj[key];
    if (value === undefined) continue;
    const rgb = typeof value === 'string' ? parseHex(value) : undefined;
    if (!rgb) throw badTheme(source, `${quote(key)} is not a #rrggbb colour: ${quote(value)}`);
    return rgb;
  }
  return undefined;
}

/** A colour the scheme must have: missing is an error naming the first spelling. */
function requiredColorField(obj: Record<string, unknown>, keys: string[], source: string): RGB {
  const rgb = colorField(obj, keys, source);
  if (!rgb) throw badTheme(source, `missing ${quote(keys[0])}`);
  return rgb;
}

/** A Windows Terminal or VHS scheme object (both spell most keys the same way). */
export function schemeFromJson(raw: unknown, source: string): NamedScheme {
  let obj = raw as Record<string, unknown>;
  if (obj && typeof obj === 'object' && Array.isArray(obj.schemes)) {
    // A whole Windows Terminal settings file: take its only scheme.
    const schemes = obj.schemes as Array<Record<string, unknown>>;
    if (schemes.length !== 1) {
      throw badTheme(source, `holds ${schemes.length} schemes (${schemes.map((s) => quote(s.name)).join(', ')}); save the one you want on its own`);
    }
    obj = schemes[0]!;
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw badTheme(source, 'the JSON is not an object');
  const ansi: RGB[] = [];
  for (const bright of [false, true]) {
    for (const key of ANSI_KEYS) {
      const names = key === 'purple' ? ['purple', 'magenta'] : [key];
      const keys = bright ? names.map((n) => 'bright' + capitalise(n)) : names;
      ansi.push(requiredColorField(obj, keys, source));
    }
  }
  const background = requiredColorField(obj, ['background'], source);
  const foreground = requiredColorField(obj, ['foreground'], source);
  const cursor = colorField(obj, ['cursor', 'cursorColor'], source) ?? foreground;
  const cursorAccent = colorField(obj, ['cursorAccent'], source);
  const selection = colorField(obj, ['selection', 'selectionBackground'], source);
  return {
    name: typeof obj.name === 'string' && obj.name.trim() ? obj.name : source,
    source,
    background,
    foreground,
    cursor,
    ansi,
    ...(cursorAccent ? { cursorAccent } : {}),
    ...(selection ? { selection } : {}),
  };
}

type PlistValue = string | number | boolean | PlistDict | PlistValue[];
interface PlistDict {
  [key: string]: PlistValue;
}

/** A small plist reader: enough of the XML form for .itermcolors (dict, key, real, integer, string, bool, array). */
export function parsePlist(xml: string, source: string): PlistValue {
  const tokens = xml
    .replace(/<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--[\s\S]*?-->/g, '')
    .match(/<[^>]+>|[^<]+/g);
  if (!tokens) throw badTheme(source, 'not a plist');
  let i = 0;
  const skipBlank = () => {
    while (i < tokens.length && !tokens[i]!.startsWith('<') && tokens[i]!.trim() === '') i++;
  };
  const textUntil = (close: string): string => {
    let text = '';
    while (i < tokens.length && tokens[i] !== close) text += tokens[i++];
    if (tokens[i] !== close) throw badTheme(source, `unterminated ${close.replace('/', '')}`);
    i++;
    return decodeEntities(text);
  };
  const value = (): PlistValue => {
    skipBlank();
    const tag = tokens[i++];
    switch (tag) {
      case '<dict>': {
        const dict: PlistDict = {};
        for (;;) {
          skipBlank();
          if (tokens[i] === '</dict>') {
            i++;
            return dict;
          }
          if (tokens[i] !== '<key>') throw badTheme(source, `expected <key> in a dict, found ${quote(tokens[i])}`);
          i++;
          const key = textUntil('</key>');
          dict[key] = value();
        }
      }
      case '<dict/>':
        return {};
      case '<array>': {
        const items: PlistValue[] = [];
        for (;;) {
          skipBlank();
          if (tokens[i] === '</array>') {
            i++;
            return items;
          }
          items.push(value());
        }
      }
      case '<real>':
      case '<integer>': {
        const n = Number(textUntil(tag === '<real>' ? '</real>' : '</integer>'));
        if (!Number.isFinite(n)) throw badTheme(source, 'a number in the plist is not a number');
        return n;
      }
      case '<string>':
        return textUntil('</string>');
      case '<true/>':
        return true;
      case '<false/>':
        return false;
      case '<plist>':
      case '<plist version="1.0">': {
        const inner = value();
        return inner;
      }
      default:
        if (tag?.startsWith('<plist')) return value();
        throw badTheme(source, `unexpected ${quote(tag ?? 'end of file')} in the plist`);
    }
  };
  return value();
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}

/** An iTerm2 colour: components 0–1 (sRGB assumed; other colour spaces are taken as sRGB). */
function itermColor(dict: PlistDict, key: string, source: string): RGB | undefined {
  const entry = dict[key];
  if (entry === undefined) return undefined;
  const c = entry as PlistDict;
  const channel = (name: string) => {
    const v = c[`${name} Component`];
    if (typeof v !== 'number') throw badTheme(source, `${quote(key)} lacks a numeric ${quote(name + ' Component')}`);
    return Math.max(0, Math.min(255, Math.round(v * 255)));
  };
  return [channel('Red'), channel('Green'), channel('Blue')];
}

/** A colour the .itermcolors file must have: missing is an error naming it. */
function requiredItermColor(dict: PlistDict, key: string, source: string): RGB {
  const rgb = itermColor(dict, key, source);
  if (!rgb) throw badTheme(source, `missing ${quote(key)}`);
  return rgb;
}

export function schemeFromItermColors(xml: string, source: string, name: string): NamedScheme {
  const root = parsePlist(xml, source);
  if (!root || typeof root !== 'object' || Array.isArray(root)) throw badTheme(source, 'the plist does not hold a dict');
  const dict = root as PlistDict;
  const ansi = Array.from({ length: 16 }, (_, n) => requiredItermColor(dict, `Ansi ${n} Color`, source));
  const foreground = requiredItermColor(dict, 'Foreground Color', source);
  const selection = itermColor(dict, 'Selection Color', source);
  const cursorAccent = itermColor(dict, 'Cursor Text Color', source);
  return {
    name,
    source,
    background: requiredItermColor(dict, 'Background Color', source),
    foreground,
    cursor: itermColor(dict, 'Cursor Color', source) ?? foreground,
    ansi,
    ...(selection ? { selection } : {}),
    ...(cursorAccent ? { cursorAccent } : {}),
  };
}

/**
 * The theme recorded in a cast header (`fg`, `bg`, `palette` of 8 or 16
 * colours joined by ':'). With 8 colours the bright half repeats them, as
 * asciinema's player does. Returns undefined when the header has none.
 */
export function themeFromCastHeader(header: { theme?: CastTheme }, source = 'cast header'): NamedScheme | undefined {
  const theme = header.theme;
  if (!theme) return undefined;
  const bad = (what: string) =>
    new TermlensError(`the theme in ${quote(source)} is invalid: ${what}`, {
      code: 'bad-input',
      stage: 'render',
      hint: 'Fix the header\'s "theme" ({"fg": "#rrggbb", "bg": "#rrggbb", "palette": "8 or 16 colours joined by :"}) or pass --theme NAME.',
    });
  const fg = parseHex(String(theme.fg ?? ''));
  const bg = parseHex(String(theme.bg ?? ''));
  if (!fg) throw bad(`fg ${quote(theme.fg)} is not a colour`);
  if (!bg) throw bad(`bg ${quote(theme.bg)} is not a colour`);
  const palette = String(theme.palette ?? '')
    .split(':')
    .filter((s) => s.trim() !== '')
    .map((s) => {
      const rgb = parseHex(s);
      if (!rgb) throw bad(`palette colour ${quote(s)} is not a colour`);
      return rgb;
    });
  if (palette.length !== 8 && palette.length !== 16) throw bad(`the palette has ${palette.length} colours; it needs 8 or 16`);
  const ansi = palette.length === 8 ? [...palette, ...palette] : palette;
  return { name: 'cast header', source, background: bg, foreground: fg, cursor: fg, ansi };
}
