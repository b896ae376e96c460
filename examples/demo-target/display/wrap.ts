/** Word wrapping by display width. */
import { stringWidth, takeWidth } from '../ansi/width.js';

export interface WrapOptions {
  /**
   * Keep words longer than the width whole instead of breaking them, so the
   * line sticks out (the overflow defect).
   * @default false
   */
  keepLongWords?: boolean;
}

/** Wraps text into lines of at most `width` cells; newlines in the text start new lines. */
export function wrap(text: string, width: number, options: WrapOptions = {}): string[] {
  const out: string[] = [];
  if (width <= 0) return out;
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(/ +/)) {
      if (word === '') continue;
      let rest = word;
      let w = stringWidth(rest);
      const gap = used > 0 ? 1 : 0;
      if (used + gap + w <= width) {
        line += (gap ? ' ' : '') + rest;
        used += gap + w;
        continue;
      }
      if (used > 0) {
        out.push(line);
        line = '';
        used = 0;
      }
      if (options.keepLongWords) {
        line = rest;
        used = w;
        continue;
      }
      while (w > width) {
        const head = takeWidth(rest, width);
        // A character wider than the whole line still has to go somewhere.
        if (head.text === '') head.text = String.fromCodePoint(rest.codePointAt(0)!);
        out.push(head.text);
        rest = rest.slice(head.text.length);
        w = stringWidth(rest);
      }
      line = rest;
      used = w;
    }
    out.push(line);
  }
  return out;
}
