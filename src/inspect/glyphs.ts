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

/**
 * Words that name a state, in the vocabularies programs use: tasks and agents
 * (waiting, running, done), processes (running, sleeping, stopped, zombie),
 * checks and tests (ok, pass, fail), services (active, online), documents
 * (modified, saved) and severities (error, warning).
 */
export const STATUS_WORDS = [
  'waiting', 'queued', 'pending', 'idle', 'ready', 'starting', 'running', 'working', 'thinking',
  'streaming', 'loading', 'processing', 'answering', 'answered', 'voting', 'voted', 'restarting',
  'retrying', 'completed', 'complete', 'done', 'finished', 'success', 'succeeded', 'passed',
  'error', 'failed', 'failure', 'timeout', 'timed out', 'cancelled', 'canceled', 'skipped',
  'stopped', 'winner', 'presenting', 'sleeping', 'zombie', 'paused', 'ok', 'fail', 'pass',
  'warning', 'active', 'inactive', 'enabled', 'disabled', 'online', 'offline', 'connected',
  'disconnected', 'modified', 'saved', 'unchanged', 'installed', 'downloading', 'installing',
  'unpacking', 'copying', 'building', 'compiling', 'scanning', 'note',
] as const;

export const STATUS_WORD_PATTERN = new RegExp(`\\b(${STATUS_WORDS.map((w) => w.replace(' ', '\\s')).join('|')})\\b`, 'gi');

/** Symbols and emoji that mark a state. */
const STATUS_ICONS = new Set([
  ...'✅❌⏳⌛🔄🗳🏆✓✔✗✘●○◉◯⚠⛔🟢🟡🔴🟠🔵🟣⚪⚫⭐★☆▶►⏸⏹⏺⚡💬💭🤔🧠🎉🚀👑🥇✨✕✖⊘◆◇■□▪🛑⏱🔥📝🔍💤🚫',
]);

export function isStatusIcon(char: string): boolean {
  return STATUS_ICONS.has(baseGlyph(char));
}

/** Check boxes and radio buttons, ticked or not, at the start of an item: `[X] docs`, `( ) none`, `[*] core`. */
export const CHECKBOX_PATTERN = /(?:^|\s)([[(<])([ xX*✓✔+-])[\])>](?=\s+\S)/g;

/**
 * Progress being shown: a percentage, an "n/m" count, an ETA or time left,
 * a run of bar blocks or shades, `###` bars, and bracketed bars
 * (`[=====>   ]`, `[####    ]`).
 */
export const PROGRESS_PATTERN =
  /\b\d{1,3}(?:\.\d+)?\s?%|\b\d+\s?\/\s?\d+\b|\bETA\b|\b\d+:\d\d(?::\d\d)?\s+(?:left|remaining)\b|[█▉▊▋▌▍▎▏━■]{3,}|[░▒▓]{3,}|#{6,}|\[[#=|]{2,}>?[ .\-]*\]/i;

/** A percentage, to tell progress still under way (under 100%) from progress done. */
export const PERCENT_PATTERN = /\b(\d{1,3}(?:\.\d+)?)\s?%/g;

/** Numbers on screen, for values that change in place (counters, clocks, meters). */
export const NUMBER_PATTERN = /\d+(?:[.,:]\d+)*/g;

/** Words that say something went wrong. */
export const ERROR_PATTERN = /\b(errors?|failed|failure|failing|exception|traceback|fatal|panic|crash(?:ed)?|denied|refused|timed\s+out)\b/i;

/**
 * What may come before a message's first words: a location (`main.c:12:3:`),
 * a time stamp, a `[tag]`, an icon or a bullet.
 */
const MESSAGE_LEAD = /^(?:(?:[\w./~-]+:\d+(?::\d+)?:|\d\d:\d\d(?::\d\d)?(?:[.,]\d+)?|\[[^\]]{0,24}\]|[✗✘✖❌⛔⚠🛑🚫💥!*>•·-])\s*)*/u;

/** An error word as the first or second word: "Error: …", "agent_c failed: …". */
const LEADING_ERROR_WORD = new RegExp(`^(?:[\\p{L}\\p{N}_-]+\\s+)?${ERROR_PATTERN.source}`, 'iu');

/**
 * Whether a run of text reads as an error message a program printed, not as
 * text that mentions an error (code in an editor, a page in a pager): after
 * its lead, it starts with a `prefix:` (`error:`, `E486:`, `fatal:`,
 * `curl:` …) and holds an error word, or an error word is among its first
 * two words ("Error: …", "agent_c failed: …").
 */
export function isErrorMessage(run: string): boolean {
  const body = run.replace(MESSAGE_LEAD, '');
  if (/^[\p{L}\p{N}_.-]{1,24}:(?:\s|$)/u.test(body) && ERROR_PATTERN.test(body)) return true;
  return LEADING_ERROR_WORD.test(body);
}

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
