/**
 * Turns frames into bytes: on the first frame every row, afterwards only the
 * rows that changed, each at its place by cursor positioning, inside a
 * synchronized-output block. The flicker defect instead clears the screen and
 * rewrites every row on every frame.
 */
import { control } from '../ansi/control.js';
import type { ColorLevel } from '../ansi/colors.js';
import { fitLine, lineWidth, serializeLine, type Line, type Style } from '../ansi/styled.js';

export interface ScreenWriterOptions {
  cols: number;
  rows: number;
  level: ColorLevel;
  /** Clear the whole screen and redraw everything each frame. */
  flicker: boolean;
  /** Let rows wider than the screen through, with autowrap on, so they wrap. */
  overflow: boolean;
  /** Emit a stray ESC before each frame. */
  debris: boolean;
  /** Background for every cell (the low-contrast defect paints black). */
  fill: Style | undefined;
  altScreen: boolean;
}

function withFill(line: Line, fill: Style | undefined): Line {
  if (!fill?.bg) return line;
  return line.map((s) => (s.raw || s.style?.bg ? s : { ...s, style: { ...s.style, bg: fill.bg } }));
}

export class ScreenWriter {
  private previous: string[] | undefined;

  constructor(private readonly o: ScreenWriterOptions) {}

  get cols(): number {
    return this.o.cols;
  }

  get rows(): number {
    return this.o.rows;
  }

  /** Bytes that prepare the terminal: alternate screen if asked, cursor hidden, screen cleared. */
  start(): string {
    return (
      (this.o.altScreen ? control.enterAltScreen : '') +
      control.hideCursor +
      (this.o.overflow ? control.autowrapOn : control.autowrapOff) +
      control.reset +
      control.clearScreen +
      control.home
    );
  }

  /** After a resize every row is redrawn on a cleared screen. */
  resize(cols: number, rows: number): string {
    this.o.cols = cols;
    this.o.rows = rows;
    this.previous = undefined;
    return control.reset + control.clearScreen + control.home;
  }

  private serialize(line: Line): string {
    const filled = withFill(line, this.o.fill);
    const tooWide = this.o.overflow && lineWidth(filled) > this.o.cols;
    return serializeLine(tooWide ? filled : fitLine(filled, this.o.cols, this.o.fill), this.o.level);
  }

  /** Bytes that turn the previous frame into this one. */
  frame(lines: Line[]): string {
    const rows = lines.map((l) => this.serialize(l));
    let out = this.o.debris ? '\x1b\x1b[0m' : '';
    if (this.o.flicker) {
      out += control.clearScreen + control.home;
      rows.forEach((r, i) => (out += control.moveTo(i + 1) + r));
    } else {
      let changed = '';
      rows.forEach((r, i) => {
        if (this.previous?.[i] !== r) changed += control.moveTo(i + 1) + r;
      });
      if (changed) out += control.beginSync + changed + control.endSync;
    }
    this.previous = rows;
    return out;
  }

  /**
   * Bytes that give the terminal back: attributes reset, autowrap and cursor
   * restored, the alternate screen left, and the summary printed on the row
   * kept free for it.
   */
  finish(summaryRow: number, summary: string): string {
    let out = control.reset + control.autowrapOn + control.showCursor;
    if (this.o.altScreen) out += control.leaveAltScreen;
    else out += control.moveTo(summaryRow) + control.clearLine;
    return out + summary + '\r\n';
  }
}
