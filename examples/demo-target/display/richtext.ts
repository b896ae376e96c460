/**
 * Streamed text laid out for a panel: markdown-ish headings and bullets
 * styled, every paragraph word-wrapped to the panel's width.
 */
import { seg, type Line, type Style } from '../ansi/styled.js';
import type { Theme } from './theme.js';
import { wrap } from './wrap.js';

/** Escape sequences that lost their ESC byte or were printed in caret notation. */
export const DEBRIS = ['[0m', '^[[1;32m', '[39;49m', '\\e[0m', '^[[K', '[22m'];

export interface RichTextOptions {
  /** Append visible escape debris to paragraphs; the number varies which. */
  debris?: number;
  /** Wrap as if the panel were wider and never break long words (the overflow defect). */
  overflow?: boolean;
}

/** How many extra cells the overflow defect wraps to, as if it forgot the borders and padding. */
export const OVERFLOW_EXTRA = 6;

interface Kind {
  text: string;
  style: Style;
  first: string;
  next: string;
}

function classify(p: string, theme: Theme): Kind {
  // Headings stay in the text colour: the state colours are kept for states.
  if (p.startsWith('## ')) return { text: p.slice(3), style: { ...theme.text, bold: true }, first: '', next: '' };
  if (p.startsWith('- ') || p === '-') return { text: p.slice(2), style: theme.text, first: '• ', next: '  ' };
  if (p.startsWith('Vote: ')) return { text: p, style: { ...theme.text, bold: true }, first: '', next: '' };
  if (p.startsWith('Reviewing ') || p.startsWith('Source: ')) return { text: p, style: theme.muted, first: '', next: '' };
  return { text: p, style: theme.text, first: '', next: '' };
}

export function formatText(text: string, width: number, theme: Theme, o: RichTextOptions = {}): Line[] {
  const out: Line[] = [];
  const wrapWidth = o.overflow ? width + OVERFLOW_EXTRA : width;
  text.split('\n').forEach((p, k) => {
    if (p.trim() === '') {
      if (out.length > 0 && out[out.length - 1]!.length > 0) out.push([]);
      return;
    }
    const kind = classify(p.trimEnd(), theme);
    let body = kind.text;
    if (o.debris !== undefined && (k + o.debris) % 2 === 0) body += ` ${DEBRIS[(k + o.debris) % DEBRIS.length]}`;
    const lines = wrap(body, Math.max(1, wrapWidth - kind.first.length), { keepLongWords: o.overflow });
    lines.forEach((l, i) => {
      const prefix = i === 0 ? kind.first : kind.next;
      out.push(prefix ? [seg(prefix, theme.muted), seg(l, kind.style)] : [seg(l, kind.style)]);
    });
  });
  return out;
}
