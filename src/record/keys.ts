/**
 * Key names → the bytes an xterm sends for them. Names follow VHS (`Enter`,
 * `Ctrl+C`, `Alt+X`, `Shift+Tab`, `PageUp`…). Cursor keys follow the
 * program's DECCKM mode, as a real xterm does: full-screen programs such as
 * vim and less switch to application mode and expect `ESC O A` for Up.
 */
import { suggestName } from '../errors/index.js';

export interface KeyEncodingContext {
  /** The program turned on application cursor keys (DECCKM, `CSI ? 1 h`). @default false */
  applicationCursorKeys?: boolean;
}

/** A key chord, validated and normalised. */
export interface ParsedKey {
  /** Canonical spelling, e.g. "Ctrl+C", "Shift+Tab", "PageUp". */
  name: string;
  base: string;
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
}

type NamedKey = { kind: 'literal'; bytes: string } | { kind: 'cursor'; final: string } | { kind: 'tilde'; code: number } | { kind: 'ss3'; final: string };

/** Every named key, canonical spelling first. Handler table keyed by name so each has an encoding. */
const NAMED_KEYS: Record<string, NamedKey> = {
  Enter: { kind: 'literal', bytes: '\r' },
  Tab: { kind: 'literal', bytes: '\t' },
  Escape: { kind: 'literal', bytes: '\x1b' },
  Space: { kind: 'literal', bytes: ' ' },
  Backspace: { kind: 'literal', bytes: '\x7f' },
  Up: { kind: 'cursor', final: 'A' },
  Down: { kind: 'cursor', final: 'B' },
  Right: { kind: 'cursor', final: 'C' },
  Left: { kind: 'cursor', final: 'D' },
  Home: { kind: 'cursor', final: 'H' },
  End: { kind: 'cursor', final: 'F' },
  Insert: { kind: 'tilde', code: 2 },
  Delete: { kind: 'tilde', code: 3 },
  PageUp: { kind: 'tilde', code: 5 },
  PageDown: { kind: 'tilde', code: 6 },
  F1: { kind: 'ss3', final: 'P' },
  F2: { kind: 'ss3', final: 'Q' },
  F3: { kind: 'ss3', final: 'R' },
  F4: { kind: 'ss3', final: 'S' },
  F5: { kind: 'tilde', code: 15 },
  F6: { kind: 'tilde', code: 17 },
  F7: { kind: 'tilde', code: 18 },
  F8: { kind: 'tilde', code: 19 },
  F9: { kind: 'tilde', code: 20 },
  F10: { kind: 'tilde', code: 21 },
  F11: { kind: 'tilde', code: 23 },
  F12: { kind: 'tilde', code: 24 },
};

const ALIASES: Record<string, string> = {
  return: 'Enter',
  esc: 'Escape',
  del: 'Delete',
  ins: 'Insert',
  pgup: 'PageUp',
  pgdn: 'PageDown',
  pagedn: 'PageDown',
  bs: 'Backspace',
  arrowup: 'Up',
  arrowdown: 'Down',
  arrowleft: 'Left',
  arrowright: 'Right',
};

const MODIFIERS: Record<string, 'ctrl' | 'alt' | 'shift'> = {
  ctrl: 'ctrl',
  control: 'ctrl',
  alt: 'alt',
  meta: 'alt',
  option: 'alt',
  shift: 'shift',
};

/** Names a step may use, for "did you mean" and help texts. */
export const KEY_NAMES: readonly string[] = Object.keys(NAMED_KEYS);

function lookupNamed(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (ALIASES[lower]) return ALIASES[lower];
  return KEY_NAMES.find((k) => k.toLowerCase() === lower);
}

/**
 * Parse "Ctrl+Shift+Up", "alt+x", "q", "Enter". Returns an error message
 * (without the value's location) instead of throwing, so the step parser can
 * attach the step index and line.
 */
export function parseKey(input: string): ParsedKey | { error: string } {
  const text = input.trim();
  if (text === '') return { error: 'the key name is empty' };
  // "Ctrl++" and "+" mean the plus key itself.
  const parts = text === '+' ? ['+'] : text.endsWith('++') ? [...text.slice(0, -2).split('+'), '+'] : text.split('+');
  const key: ParsedKey = { name: '', base: '', ctrl: false, alt: false, shift: false };
  for (const mod of parts.slice(0, -1)) {
    const m = MODIFIERS[mod.trim().toLowerCase()];
    if (!m) return { error: `${JSON.stringify(mod)} is not a modifier (use Ctrl, Alt or Shift)` };
    key[m] = true;
  }
  const last = parts[parts.length - 1]!.trim();
  if (last === '') return { error: 'a key must follow the modifiers' };
  const named = lookupNamed(last);
  if (named) key.base = named;
  else if ([...last].length === 1) key.base = last;
  else {
    const guess = suggestName(last, KEY_NAMES);
    return {
      error: guess
        ? `${JSON.stringify(last)} is not a key name (did you mean ${JSON.stringify(guess)}?)`
        : `${JSON.stringify(last)} is not a key name; use a single character or one of ${KEY_NAMES.join(', ')}, with Ctrl+, Alt+ or Shift+ in front`,
    };
  }
  const mods = [key.ctrl && 'Ctrl', key.alt && 'Alt', key.shift && 'Shift'].filter(Boolean);
  // Ctrl+c and Ctrl+C send the same byte, so Ctrl shows the letter capitalised; without Ctrl the
  // case is what is sent (Alt+b is ESC b, Alt+B is ESC B) and stays as typed, so the name round-trips.
  const shownBase = named ?? (key.ctrl ? key.base.toUpperCase() : key.base);
  key.name = [...mods, shownBase].join('+');
  const check = encodeParsedKey(key, {});
  return typeof check === 'string' ? key : check;
}

/** xterm's modifier parameter: 1 + shift + 2·alt + 4·ctrl. */
function modifierParam(k: ParsedKey): number {
  return 1 + (k.shift ? 1 : 0) + (k.alt ? 2 : 0) + (k.ctrl ? 4 : 0);
}

/** Control code for Ctrl+<char>, following xterm (Ctrl+Space and Ctrl+@ are NUL, Ctrl+? is DEL). */
function controlCode(ch: string): string | undefined {
  const c = ch.toUpperCase();
  if (c >= 'A' && c <= 'Z') return String.fromCharCode(c.charCodeAt(0) & 0x1f);
  const table: Record<string, number> = {
    '@': 0, ' ': 0, '2': 0, '[': 0x1b, '3': 0x1b, '\\': 0x1c, '4': 0x1c, ']': 0x1d, '5': 0x1d,
    '^': 0x1e, '6': 0x1e, '_': 0x1f, '-': 0x1f, '7': 0x1f, '?': 0x7f, '8': 0x7f,
  };
  return table[c] === undefined ? undefined : String.fromCharCode(table[c]!);
}

function encodeParsedKey(k: ParsedKey, ctx: KeyEncodingContext): string | { error: string } {
  const named = NAMED_KEYS[k.base];
  const mod = modifierParam(k);
  const esc = k.alt ? '\x1b' : '';
  if (!named) {
    // A single character.
    if (k.ctrl) {
      const code = controlCode(k.base);
      if (code === undefined) return { error: `Ctrl+${k.base} has no control code in a terminal` };
      return esc + code;
    }
    return esc + (k.shift ? k.base.toUpperCase() : k.base);
  }
  switch (named.kind) {
    case 'literal':
      if (k.base === 'Tab' && k.shift) return esc + '\x1b[Z';
      if (k.base === 'Space' && k.ctrl) return esc + '\x00';
      if (k.base === 'Backspace' && k.ctrl) return esc + '\x08';
      // xterm sends Enter, Tab and Escape unchanged under Ctrl and Shift; Alt prefixes ESC.
      return esc + named.bytes;
    case 'cursor':
      if (mod > 1) return `\x1b[1;${mod}${named.final}`;
      return (ctx.applicationCursorKeys ? '\x1bO' : '\x1b[') + named.final;
    case 'ss3':
      return mod > 1 ? `\x1b[1;${mod}${named.final}` : `\x1bO${named.final}`;
    case 'tilde':
      return mod > 1 ? `\x1b[${named.code};${mod}~` : `\x1b[${named.code}~`;
  }
}

/** The bytes for a key chord. Throws on a name `parseKey` rejects; validate with `parseKey` first. */
export function encodeKey(input: string, ctx: KeyEncodingContext = {}): string {
  const parsed = parseKey(input);
  if ('error' in parsed) throw new Error(parsed.error);
  const bytes = encodeParsedKey(parsed, ctx);
  if (typeof bytes !== 'string') throw new Error(bytes.error);
  return bytes;
}
