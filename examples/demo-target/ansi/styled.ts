/**
 * Styled lines: a line is a list of segments, each plain text with a style, so
 * widths are measured on text alone and escape sequences are added only when
 * the line is written out.
 */
import { sgrColor, type Color, type ColorLevel } from './colors.js';
import { stringWidth, takeWidth } from './width.js';

export interface Style {
  fg?: Color;
  bg?: Color;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
}

export interface Segment {
  text: string;
  style?: Style;
  /**
   * Bytes written as they are, taking no cells by this program's count. Used
   * only to imitate broken programs (the escape-debris defect).
   */
  raw?: boolean;
}

export type Line = Segment[];

export function seg(text: string, style?: Style): Segment {
  return style ? { text, style } : { text };
}

/** Cells a line takes. */
export function lineWidth(line: Line): number {
  let w = 0;
  for (const s of line) if (!s.raw) w += stringWidth(s.text);
  return w;
}

/** Plain text of a line, without raw segments. */
export function lineText(line: Line): string {
  return line.filter((s) => !s.raw).map((s) => s.text).join('');
}

/**
 * The line cut or padded to exactly `width` cells. Padding uses `fill` (so a
 * background colour reaches the edge); a wide character that would straddle the
 * edge is replaced by a space.
 */
export function fitLine(line: Line, width: number, fill?: Style, ellipsis = false): Line {
  if (ellipsis && lineWidth(line) > width && width > 0) {
    const cut = fitLine(line, width - 1);
    return [...cut, { text: '…', ...(cut.at(-1)?.style ? { style: cut.at(-1)!.style } : {}) }];
  }
  const out: Line = [];
  let used = 0;
  for (const s of line) {
    if (s.raw) {
      out.push(s);
      continue;
    }
    if (used >= width) break;
    const w = stringWidth(s.text);
    if (used + w <= width) {
      out.push(s);
      used += w;
    } else {
      const part = takeWidth(s.text, width - used);
      out.push({ ...s, text: part.text });
      used += part.width;
      break;
    }
  }
  if (used < width) out.push({ text: ' '.repeat(width - used), ...(fill ? { style: fill } : {}) });
  return out;
}

/** Joins lines side by side. */
export function concat(...parts: Line[]): Line {
  return parts.flat();
}

function sgr(style: Style | undefined, level: ColorLevel): string {
  if (!style) return '';
  const params: string[] = [];
  if (style.bold) params.push('1');
  if (style.dim) params.push('2');
  if (style.italic) params.push('3');
  if (style.fg) params.push(sgrColor(style.fg, level, false));
  if (style.bg) params.push(sgrColor(style.bg, level, true));
  const p = params.filter((x) => x !== '');
  return p.length ? `\x1b[${p.join(';')}m` : '';
}

function sameStyle(a: Style | undefined, b: Style | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.fg === b.fg && a.bg === b.bg && !!a.bold === !!b.bold && !!a.dim === !!b.dim && !!a.italic === !!b.italic;
}

/** The bytes that draw a line at the cursor, ending with attributes reset. */
export function serializeLine(line: Line, level: ColorLevel): string {
  let out = '';
  let current: Style | undefined;
  let open = false;
  for (const s of line) {
    if (s.raw) {
      out += s.text;
      continue;
    }
    if (s.text === '') continue;
    if (!sameStyle(current, s.style)) {
      if (open) out += '\x1b[0m';
      const code = sgr(s.style, level);
      out += code;
      open = code !== '';
      current = s.style;
    }
    out += s.text;
  }
  if (open) out += '\x1b[0m';
  return out;
}
