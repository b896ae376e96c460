/**
 * A synthetic "busy" recording for benchmarks: a multi-agent style display
 * with a header, bordered panels streaming coloured text, braille spinners,
 * progress bars, a footer of events, and now and then a full-screen redraw
 * with random coloured panels. Deterministic for a seed.
 */
import { CastWriter } from '../src/cast/index.js';
import { mulberry32 } from '../test/helpers/seeded-random.js';

export interface BusyCastOptions {
  seconds: number;
  cols: number;
  rows: number;
  /** Screen updates per second (several land in each 1/30 s frame). @default 90 */
  eventsPerSecond?: number;
  seed?: number;
}

const WORDS =
  'the agent considers several approaches before answering evaluate vote consensus streaming token reasoning tool call result context window summary draft final answer review critique improve coordinate'.split(' ');
const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
const ICONS = ['🔄', '✅', '⏳', '❌', '🗳️'];
const at = (row: number, col: number) => `\x1b[${row};${col}H`;
const fg256 = (n: number) => `\x1b[38;5;${n}m`;
const RESET = '\x1b[0m';

export function writeBusyCast(path: string, o: BusyCastOptions): { events: number; bytes: number } {
  const rand = mulberry32(o.seed ?? 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const { cols, rows } = o;
  const writer = new CastWriter(path, { width: cols, height: rows, title: 'busy benchmark recording' });
  const panels = 4;
  const panelW = Math.floor(cols / panels);
  const top = 4;
  const bottom = rows - 4;
  const lines: string[][] = Array.from({ length: panels }, () => []);
  let events = 0;
  let bytes = 0;
  const emit = (t: number, data: string) => {
    writer.write(t, 'o', data);
    events++;
    bytes += data.length;
  };

  const frame = (): string => {
    let s = '\x1b[2J\x1b[H\x1b[?25l';
    s += `${at(1, 1)}\x1b[1;38;5;213m Multi-Agent Coordination System ${RESET}${fg256(245)} question: how should the display show progress?${RESET}`;
    for (let p = 0; p < panels; p++) {
      const x = p * panelW + 1;
      const color = 39 + p * 40;
      s += `${fg256(color)}${at(top - 1, x)}╭${'─'.repeat(panelW - 2)}╮`;
      for (let r = top; r < bottom; r++) s += `${at(r, x)}│${at(r, x + panelW - 1)}│`;
      s += `${at(bottom, x)}╰${'─'.repeat(panelW - 2)}╯${RESET}`;
      s += `${at(top - 1, x + 2)}\x1b[1m ${pick(ICONS)} agent_${String.fromCharCode(97 + p)} ${RESET}`;
    }
    s += `${at(rows - 2, 1)}\x1b[48;5;236m${' '.repeat(cols)}${RESET}`;
    return s;
  };

  const step = 1 / (o.eventsPerSecond ?? 90);
  let t = 0;
  emit(0, frame());
  let n = 0;
  while (t < o.seconds) {
    t += step * (0.5 + rand());
    n++;
    const p = Math.floor(rand() * panels);
    const x = p * panelW + 2;
    const inner = panelW - 3;
    let out = '';
    const roll = rand();
    if (roll < 0.01) {
      // Occasionally the whole screen is redrawn with random coloured panels.
      out += frame();
      for (let k = 0; k < 6; k++) {
        const w = 4 + Math.floor(rand() * 30);
        const h = 2 + Math.floor(rand() * 8);
        const bx = 1 + Math.floor(rand() * (cols - w));
        const by = top + Math.floor(rand() * (bottom - top - h));
        const bg = 16 + Math.floor(rand() * 216);
        for (let r = 0; r < h; r++) out += `${at(by + r, bx)}\x1b[48;5;${bg}m${' '.repeat(w)}`;
        out += RESET;
      }
    } else {
      // Stream a few words into one panel, scrolling its lines.
      const words = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(WORDS)).join(' ');
      const buf = lines[p]!;
      const last = buf.length ? buf[buf.length - 1]! : '';
      if (last.length + words.length + 1 > inner || buf.length === 0) buf.push(words.slice(0, inner));
      else buf[buf.length - 1] = `${last} ${words}`.slice(0, inner);
      while (buf.length > bottom - top) buf.shift();
      const color = 16 + Math.floor(rand() * 216);
      buf.forEach((line, i) => {
        out += `${at(top + i, x)}${i === buf.length - 1 ? fg256(color) : fg256(250)}${line.padEnd(inner)}${RESET}`;
      });
    }
    // Spinners and progress bars in every panel title; events in the footer.
    for (let q = 0; q < panels; q++) {
      const pct = Math.min(100, Math.floor(((t / o.seconds) * 100 + q * 7) % 101));
      const filled = Math.floor((pct / 100) * 10);
      out += `${at(top - 1, q * panelW + panelW - 16)}${fg256(214)}${SPINNER[(n + q) % SPINNER.length]} ${'█'.repeat(filled)}${'░'.repeat(10 - filled)}${RESET}`;
    }
    out += `${at(rows - 2, 2)}\x1b[48;5;236m${fg256(150)} ${t.toFixed(2)}s  events ${n}  last: agent_${String.fromCharCode(97 + p)} streamed ${RESET}`;
    out += `${at(rows, 1)}${fg256(244)}$ ${RESET}`;
    emit(t, out);
  }
  writer.write(o.seconds, 'm', 'end');
  writer.close();
  return { events, bytes };
}
