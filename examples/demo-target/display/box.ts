/** Boxes drawn with box-drawing characters around styled lines. */
import { fitLine, lineWidth, seg, type Line, type Style } from '../ansi/styled.js';

export interface BoxChars {
  tl: string;
  tr: string;
  bl: string;
  br: string;
  h: string;
  v: string;
}

export const ROUNDED: BoxChars = { tl: '╭', tr: '╮', bl: '╰', br: '╯', h: '─', v: '│' };
export const DOUBLE: BoxChars = { tl: '╔', tr: '╗', bl: '╚', br: '╝', h: '═', v: '║' };

/** A top or bottom edge with an optional label after the corner: `╭─ label ───╮`. */
export function edge(width: number, border: Style, chars: BoxChars, top: boolean, label?: Line): Line {
  const [left, right] = top ? [chars.tl, chars.tr] : [chars.bl, chars.br];
  if (!label || label.length === 0 || width < 8) return [seg(left + chars.h.repeat(Math.max(0, width - 2)) + right, border)];
  const room = width - 6;
  const fitted = lineWidth(label) > room ? fitLine(label, room) : label;
  const rest = width - 5 - lineWidth(fitted);
  return [seg(`${left}${chars.h} `, border), ...fitted, seg(` ${chars.h.repeat(Math.max(0, rest))}${right}`, border)];
}

/**
 * A row inside a box: `│ content │`, the content cut or padded to fit. With
 * `overflow` the content is not cut, so a long line pushes the right border out.
 */
export function row(width: number, content: Line, border: Style, chars: BoxChars, overflow = false): Line {
  const inner = width - 4;
  const body = overflow && lineWidth(content) > inner ? content : fitLine(content, inner);
  return [seg(`${chars.v} `, border), ...body, seg(` ${chars.v}`, border)];
}

/** A whole box of exactly `height` rows (content cut or padded with blank rows). */
export function box(width: number, height: number, o: { border: Style; chars: BoxChars; title?: Line; footer?: Line; content: Line[]; overflow?: boolean }): Line[] {
  const out: Line[] = [edge(width, o.border, o.chars, true, o.title)];
  const inner = Math.max(0, height - 2);
  for (let i = 0; i < inner; i++) out.push(row(width, o.content[i] ?? [], o.border, o.chars, o.overflow));
  if (height >= 2) out.push(edge(width, o.border, o.chars, false, o.footer));
  return out.slice(0, height);
}
