/**
 * Character classes and vocabularies the inspector looks for on screen:
 * box drawing, spinner frames, status words and icons, error words and
 * escape-sequence debris. Heuristics, kept in one place so they can be read
 * and tuned together (docs/scores.md explains each).
 */

const VARIATION_SELECTORS = /[\ufe0e\ufe0f]/g;

/** A cell's grapheme without variation selectors, so "🗳️" and "🗳" compare equal. */
export function baseGlyph(char: string): string {
  return char.replace(VARIATION_SELECTORS, '');
}

/** U+2500–U+257F box drawing. */
export function isBoxDrawing(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  return cp >= 0x2500 && cp <= 0x257f;
}

/** U+2580–U+259F block elements (bars, shades). */
export function isBlockElement(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  return cp >= 0x2580 && cp <= 0x259f;
}

/**
 * Box-drawing characters with a vertical stroke (lines, tees, crosses,
 * corners) and the ASCII `|`: the cells that make panel borders and table
 * columns line up.
 */
const VERTICAL_STROKES = new Set(
  '│┃┆┇┊┋╎╏║├┤┼┝┥┠┨╂╟╢╫╠╣╬┌┐└┘╭╮╰╯╔╗╚╝┏┓┗┛┍┑┕┙┎┒┖┚╒╕╘╛╓╖╙╜┬┴╤╧╥╨╦╩┯┷┰┸┳┻╽╿╻╹|',
);

export function hasVerticalStroke(char: string): boolean {
  return VERTICAL_STROKES.has(char);
}

/** Emoji drawn as colour images (emoji presentation, or forced by VS16), whose cell colour does not apply. */
export function isColourEmoji(char: string): boolean {
  return /\p{Emoji_Presentation}/u.test(char) || (char.includes('\ufe0f') && /\p{Extended_Pictographic}/u.test(char));
}

/** Text cells for contrast: not blank, not a wide-character spacer, not lines/blocks, not colour emoji. */
export function isTextGlyph(char: string): boolean {
  if (char === ' ' || char === '' || char === '\u2800') return false;
  if (isBoxDrawing(char) || isBlockElement(char)) return false;
  return !isColourEmoji(char);
}

/**
 * Frames of common spinners: braille dots, line, quarter circles, arrows,
 * bouncing blocks, stars, moons and clocks.
 */
const SPINNER_GLYPHS = new Set([
  ...'|/-\\◐◓◑◒◴◷◶◵◰◳◲◱◢◣◤◥◜◝◞◟◠◡▖▘▝▗▌▀▐▄▁▂▃▅▆▇█←↖↑↗→↘↓↙✶✸✹✺✷✵✳✢✻✽∗·*+×○◔◕●⬒⬔⬓⬕⏳⌛',
  ...'🌑🌒🌓🌔🌕🌖🌗🌘',
]);

export function isSpinnerGlyph(char: string): boolean {
  const g = baseGlyph(char);
  if (SPINNER_GLYPHS.has(g)) return true;
  const cp = g.codePointAt(0) ?? 0;
  // Braille patterns (U+2801–U+28FF; U+2800 is blank) and clock faces U+1F550–U+1F567.
  return (cp > 0x2800 && cp <= 0x28ff && g.length === 1) || (cp >= 0x1f550 && cp <= 0x1f567);
}

/** Words that name a task's or agent's state. */
export const STATUS_WORDS = [
  'waiting', 'queued', 'pending', 'idle', 'ready', 'starting', 'running', 'working', 'thinking',
  'streaming', 'loading', 'processing', 'answering', 'answered', 'voting', 'voted', 'restarting',
  'retrying', 'completed', 'complete', 'done', 'finished', 'success', 'succeeded', 'passed',
  'error', 'failed', 'failure', 'timeout', 'timed out', 'cancelled', 'canceled', 'skipped',
  'stopped', 'winner', 'presenting',
] as const;

export const STATUS_WORD_PATTERN = new RegExp(`\\b(${STATUS_WORDS.map((w) => w.replace(' ', '\\s')).join('|')})\\b`, 'gi');

/** Symbols and emoji that mark a state. */
const STATUS_ICONS = new Set([
  ...'✅❌⏳⌛🔄🗳🏆✓✔✗✘●○◉◯⚠⛔🟢🟡🔴🟠🔵🟣⚪⚫⭐★☆▶►⏸⏹⏺⚡💬💭🤔🧠🎉🚀👑🥇✨✕✖⊘◆◇■□▪🛑⏱🔥📝🔍💤🚫',
]);

export function isStatusIcon(char: string): boolean {
  return STATUS_ICONS.has(baseGlyph(char));
}

/** A percentage, an "n/m" count or a run of bar blocks: progress being shown. */
export const PROGRESS_PATTERN = /\b\d{1,3}(?:\.\d+)?\s?%|\b\d+\s?\/\s?\d+\b|[█▉▊▋▌▍▎▏━■]{3,}|[░▒▓]{3,}|\[[#=]{2,}>?[ .\-]*\]/;

/** Words that say something went wrong. */
export const ERROR_PATTERN = /\b(errors?|failed|failure|failing|exception|traceback|fatal|panic|crash(?:ed)?|denied|refused|timed\s+out)\b/i;

/** "0 errors", "no failures", "errors: 0": error words that report good news. */
export const NOT_AN_ERROR_PATTERN = /\b(?:no|0|zero)\s+(?:errors?|failures?|failed)\b|\b(?:errors?|failures?|failed)\s*[:=]\s*0\b/i;

const ESCAPED_ESC = String.raw`\\x1[bB]|\\u001[bB]|\\033|␛`;
const CSI_BODY = String.raw`\[\??\d{0,4}(?:[;:]\d{1,4})*[A-Za-z]`;
const BARE_CSI = [
  String.raw`\[(?:\d{1,3}(?:[;:]\d{1,3})*)?m(?!\])`,
  String.raw`\[\?\d{1,4}[hl](?![\]\w])`,
  String.raw`\[(?:\d{1,3}(?:;\d{1,3})?)?[HJK](?![\]\w])`,
].join('|');

/**
 * Escape sequences shown as text instead of being obeyed: a written-out ESC
 * (`\x1b`, `\033`, `\u001b`, `␛`) with or without the sequence after it,
 * caret notation (`^[[31m`), `\e[…`, and bare SGR / mode / erase sequences
 * whose ESC byte was lost (`[0m`, `[1;32m`, `[?25l`, `[2J`, `[K`). A bare
 * sequence followed by `]` is taken for ordinary bracketed text ("[5m]").
 */
export const DEBRIS_PATTERN = new RegExp(
  `(?:${ESCAPED_ESC})(?:${CSI_BODY})?|(?:\\\\e|\\^\\[)${CSI_BODY}|${BARE_CSI}`,
  'g',
);
