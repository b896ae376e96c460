/**
 * Writes a small multi-agent dashboard as a cast: a header, three agent
 * panels with spinners, status words, icons and streaming text, a footer
 * with counts and progress, an event log and a winner at the end. Each
 * defect spoils one thing, so tests can show that each lowers its own score.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CastWriter } from '../../src/cast/index.js';

export type { Defect } from '../helpers/defects.js';
import type { Defect } from '../helpers/defects.js';

export interface DashboardOptions {
  defect?: Defect;
  /** Frames drawn, one every 100 ms. @default 50 */
  frames?: number;
}

const COLS = 80;
const ROWS = 24;
const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
const WORDS = 'the agents compare notes on caching strategies and weigh latency against memory use before they vote on a final answer'.split(' ');

const sgr = (codes: string) => `\x1b[${codes}m`;
const RESET = sgr('0');

interface AgentState {
  id: string;
  word: string;
  icon: string;
  colour: string;
}

function agentState(index: number, frame: number, frames: number): AgentState {
  const phase = frame / frames;
  const id = ['agent_a', 'agent_b', 'agent_c'][index]!;
  if (index === 2 && phase > 0.5) return { id, word: 'error', icon: '❌', colour: '31' };
  if (phase < 0.3 + index * 0.1) return { id, word: 'working', icon: '🔄', colour: '33' };
  if (phase < 0.6 + index * 0.05) return { id, word: 'answered', icon: '✅', colour: '32' };
  if (phase < 0.85) return { id, word: 'voted', icon: '🗳️', colour: '35' };
  return { id, word: 'completed', icon: '✅', colour: '32' };
}

/** One full frame as terminal output: cursor home, then every row rewritten and erased to its end. */
export function dashboardFrame(frame: number, frames: number, defect?: Defect): string {
  const body = defect === 'low-contrast' ? sgr('38;2;70;70;70') : '';
  const plainStatus = defect === 'no-status-icons';
  const rows: string[] = [];
  rows.push(`${sgr('1;36')}Multi-Agent Coordination System${RESET}   ${body}question: how should we cache?${RESET}`);
  rows.push('');
  const panelWidth = 26;
  const states = [0, 1, 2].map((i) => agentState(i, frame, frames));
  const panelRows: string[][] = states.map((s, i) => {
    const spin = SPINNER[frame % SPINNER.length]!;
    const marker = s.word === 'working' ? spin : plainStatus ? ' ' : s.icon;
    const status = plainStatus ? `${marker} ${s.word}` : `${marker} ${sgr(s.colour)}${s.word}${RESET}`;
    const statusWidth = 2 + s.word.length + (marker.length > 1 || /\p{Emoji_Presentation}/u.test(marker) || marker.includes('\ufe0f') ? 1 : 0);
    const lines = [`${sgr('90')}╭─${RESET} ${sgr('1')}${s.id}${RESET} ${sgr('90')}${'─'.repeat(panelWidth - 5 - s.id.length)}╮${RESET}`];
    lines.push(`${sgr('90')}│${RESET} ${status}${' '.repeat(Math.max(0, panelWidth - 3 - statusWidth))}${sgr('90')}│${RESET}`);
    for (let l = 0; l < 6; l++) {
      const start = (frame + l * 3 + i * 7) % WORDS.length;
      let text = WORDS.slice(start, start + 4).join(' ');
      if (defect === 'escape-debris' && l === 2) text = `[32m${text.slice(0, 12)}[0m`;
      const width = panelWidth - 4;
      const shown = defect === 'overflow' && l % 2 === 0 ? text + ' and more words that run on' : text.slice(0, width).padEnd(width);
      lines.push(`${sgr('90')}│${RESET} ${body}${shown}${RESET} ${sgr('90')}│${RESET}`);
    }
    lines.push(`${sgr('90')}╰${'─'.repeat(panelWidth - 2)}╯${RESET}`);
    return lines;
  });
  for (let r = 0; r < panelRows[0]!.length; r++) rows.push(panelRows.map((p) => p[r]).join(' '));
  rows.push('');
  const count = (w: string) => states.filter((s) => s.word === w).length;
  const percent = Math.round((100 * frame) / Math.max(1, frames - 1));
  const icon = (i: string) => (plainStatus ? '' : `${i} `);
  rows.push(
    `${icon('✅')}${count('completed') + count('answered')} done   ${icon('🔄')}${count('working')} working   ${icon('❌')}${count('error')} failed   progress ${percent}%`,
  );
  rows.push('');
  rows.push(`${sgr('1')}Events${RESET}`);
  const events = [`agent_a started`, `agent_b started`, `agent_c started`];
  if (states[2]!.word === 'error') events.push(`agent_c failed: rate limit exceeded`);
  if (defect === 'overflow') events.push(`agent_b streamed a very long line of log output that does not fit the eighty column terminal at all`);
  for (const e of events.slice(-4)) {
    const styled = /failed/.test(e) ? `${sgr('1;31')}${e}${RESET}` : `${body}${e}${RESET}`;
    rows.push(`  ${styled}`);
  }
  if (frame >= frames - 5) rows.push(plainStatus ? 'Winner: agent_b' : `${sgr('1;32')}🏆 Winner: agent_b${RESET}`);
  const clear = defect === 'flicker' ? '\x1b[2J' : '';
  return clear + '\x1b[H' + rows.slice(0, ROWS).map((r) => r + '\x1b[K').join('\r\n') + '\x1b[J';
}

/** Writes the dashboard cast into a new temporary folder and returns its path. */
export async function writeDashboardCast(options: DashboardOptions = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'termlens-inspect-'));
  const path = join(dir, `${options.defect ?? 'clean'}.cast`);
  const frames = options.frames ?? 50;
  const writer = new CastWriter(path, { width: COLS, height: ROWS, env: { TERM: 'xterm-256color' } });
  writer.write(0.05, 'o', '\x1b[?25l');
  let time = 0.3;
  for (let f = 0; f < frames; f++) {
    writer.write(time, 'o', dashboardFrame(f, frames, options.defect));
    if (f === Math.floor(frames / 2)) writer.write(time, 'm', 'halfway');
    time += options.defect === 'silent' && f === Math.floor(frames / 3) ? 6 : 0.1;
  }
  writer.write(time, 'o', '\x1b[?25h\r\n');
  writer.close();
  return path;
}

/** Writes a cast from a list of events into a new temporary folder. */
export async function writeCast(events: Array<[number, 'o' | 'm' | 'r' | 'i', string]>, size = { cols: 40, rows: 10 }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'termlens-inspect-'));
  const path = join(dir, 'test.cast');
  const writer = new CastWriter(path, { width: size.cols, height: size.rows });
  for (const [t, code, data] of events) writer.write(t, code, data);
  writer.close();
  return path;
}
