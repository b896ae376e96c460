/** Print a snapshot as plain text, as ANSI (colours and attributes kept) or as JSON. */
import { Attr, DEFAULT_COLOR, RGB_FLAG, type Cell, type ColorRef, type Snapshot } from './types.js';

export type ScreenFormat = 'text' | 'ansi' | 'json';
export const SCREEN_FORMATS: readonly ScreenFormat[] = ['text', 'ansi', 'json'];

/** One string per row, wide-character spacers dropped, trailing blanks trimmed. */
export function snapshotLines(snapshot: Snapshot): string[] {
  return snapshot.lines.map((row) =>
    row
      .map((c) => c.char)
      .join('')
      .replace(/\s+$/u, ''),
  );
}

/** Text of the screen with trailing empty rows removed (what `tmux capture-pane -p` prints). */
export function snapshotText(snapshot: Snapshot): string {
  const lines = snapshotLines(snapshot);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

function sgrColor(ref: ColorRef, base: 30 | 40): string {
  if (ref === DEFAULT_COLOR) return String(base + 9);
  if (ref >= RGB_FLAG) {
    const rgb = ref & 0xffffff;
    return `${base + 8};2;${(rgb >> 16) & 255};${(rgb >> 8) & 255};${rgb & 255}`;
  }
  if (ref < 8) return String(base + ref);
  if (ref < 16) return String(base + 60 + ref - 8);
  return `${base + 8};5;${ref}`;
}

const ATTR_SGR: Array<[number, string]> = [
  [Attr.bold, '1'],
  [Attr.dim, '2'],
  [Attr.italic, '3'],
  [Attr.underline, '4'],
  [Attr.blink, '5'],
  [Attr.inverse, '7'],
  [Attr.invisible, '8'],
  [Attr.strikethrough, '9'],
  [Attr.overline, '53'],
];

function sgrFor(cell: Cell): string {
  const parts = ['0'];
  for (const [bit, code] of ATTR_SGR) if (cell.attrs & bit) parts.push(code);
  if (cell.fg !== DEFAULT_COLOR) parts.push(sgrColor(cell.fg, 30));
  if (cell.bg !== DEFAULT_COLOR) parts.push(sgrColor(cell.bg, 40));
  return `\x1b[${parts.join(';')}m`;
}

/** ANSI text that redraws the screen in another terminal, style changes emitted only where they change. */
export function snapshotAnsi(snapshot: Snapshot): string {
  const out: string[] = [];
  for (const row of snapshot.lines) {
    let last = '';
    let line = '';
    let lastStyled = 0;
    row.forEach((cell, x) => {
      if (cell.width === 0) return;
      const sgr = sgrFor(cell);
      if (sgr !== last) {
        line += sgr;
        last = sgr;
      }
      line += cell.char;
      // Trailing default-styled blanks are dropped; styled blanks (a coloured bar) are kept.
      if (cell.char !== ' ' || sgr !== '\x1b[0m') lastStyled = line.length;
      void x;
    });
    out.push(line.slice(0, lastStyled) + '\x1b[0m');
  }
  return out.join('\n');
}

export function formatSnapshot(snapshot: Snapshot, format: ScreenFormat): string {
  switch (format) {
    case 'text':
      return snapshotText(snapshot);
    case 'ansi':
      return snapshotAnsi(snapshot);
    case 'json':
      return JSON.stringify({ schemaVersion: 1, ...snapshot, text: snapshotLines(snapshot) });
  }
}
