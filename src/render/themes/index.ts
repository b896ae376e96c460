/**
 * Theme lookup: a built-in name (case, spaces, dashes and underscores
 * ignored) or a theme file. An unknown name is a usage error with "did you
 * mean" and the list of names.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { TermlensError, quote, suggestName } from '../../errors/index.js';
import { BUILTIN_THEMES, DEFAULT_THEME_NAME, type NamedScheme } from './builtin.js';
import { schemeFromItermColors, schemeFromJson } from './formats.js';

export { BUILTIN_THEMES, DEFAULT_THEME_NAME, type NamedScheme } from './builtin.js';
export { themeFromCastHeader, schemeFromJson, schemeFromItermColors, parsePlist } from './formats.js';

const normalise = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

/** Extra spellings people use for the built-in names. */
const ALIASES: Record<string, string> = {
  default: 'VHS',
  vhsdefault: 'VHS',
  catppuccin: 'Catppuccin Mocha',
  tokyonightnight: 'Tokyo Night',
  gruvbox: 'Gruvbox Dark',
  onedarkpro: 'One Dark',
  atomonedark: 'One Dark',
  githubdarkdefault: 'GitHub Dark',
  githublightdefault: 'GitHub Light',
  monokaiclassic: 'Monokai',
};

export function builtinThemeNames(): string[] {
  return BUILTIN_THEMES.map((t) => t.name);
}

/** A built-in theme by name, or undefined. */
export function findBuiltinTheme(name: string): NamedScheme | undefined {
  const key = normalise(name);
  const target = ALIASES[key] ? normalise(ALIASES[key]!) : key;
  return BUILTIN_THEMES.find((t) => normalise(t.name) === target);
}

function looksLikePath(value: string): boolean {
  return /[\\/]/.test(value) || /\.(json|itermcolors)$/i.test(value);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Parse a theme file by its extension (.itermcolors → plist, anything else → JSON). */
export async function loadThemeFile(path: string): Promise<NamedScheme> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new TermlensError(`cannot read the theme file ${quote(path)}: ${(cause as Error).message}`, {
      code: 'not-found',
      stage: 'render',
      hint: 'Check the path, or give a built-in theme name.',
      cause,
    });
  }
  if (extname(path).toLowerCase() === '.itermcolors' || /^\s*<\?xml|^\s*<plist/.test(text)) {
    return schemeFromItermColors(text, path, basename(path, extname(path)));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new TermlensError(`theme file ${quote(path)} is not valid JSON: ${(cause as Error).message}`, {
      code: 'bad-input',
      stage: 'render',
      hint: 'Give a Windows Terminal or VHS scheme (.json) or an iTerm2 .itermcolors file.',
      cause,
    });
  }
  return schemeFromJson(raw, path);
}

/**
 * A theme by built-in name or file path. The default theme is
 * `DEFAULT_THEME_NAME` (VHS's colours).
 */
export async function loadTheme(nameOrPath: string = DEFAULT_THEME_NAME): Promise<NamedScheme> {
  const builtin = findBuiltinTheme(nameOrPath);
  if (builtin && !looksLikePath(nameOrPath)) return builtin;
  if (looksLikePath(nameOrPath) || (await isFile(nameOrPath))) return loadThemeFile(nameOrPath);
  const names = builtinThemeNames();
  const suggestion = suggestName(nameOrPath, names);
  throw new TermlensError(
    `unknown theme ${quote(nameOrPath)}${suggestion ? `; did you mean ${quote(suggestion)}?` : ''}`,
    {
      code: 'usage',
      stage: 'render',
      hint: `Built-in themes: ${names.join(', ')}. Or give a path to a .json or .itermcolors theme file.`,
    },
  );
}
