/** The double-bordered VOTING RESULTS panel and the full-width Final Presentation panel. */
import { fitLine, lineWidth, seg, type Line, type Style } from '../ansi/styled.js';
import { truncate } from '../ansi/width.js';
import type { RunState } from '../scenario/state.js';
import { box, DOUBLE, ROUNDED } from './box.js';
import { formatText } from './richtext.js';
import type { Theme } from './theme.js';

export interface ResultContext {
  theme: Theme;
  frame: number;
  debris: boolean;
  overflow: boolean;
}

function tallyLines(state: RunState, theme: Theme): Line[] {
  const candidates = state.agents.filter((a) => a.answerLabel !== null);
  const count = (id: string): number => state.votesByAgent[id] ?? 0;
  const max = Math.max(1, ...candidates.map((a) => count(a.id)));
  const sorted = [...candidates].sort((a, b) => count(b.id) - count(a.id) || a.number - b.number);
  const lines: Line[] = sorted.map((a) => {
    const n = count(a.id);
    const won = a.id === state.winner;
    const mark = won && theme.icons.trophy ? `${theme.icons.trophy} ` : '   ';
    const nameStyle: Style = won ? theme.success : theme.text;
    return [
      seg(mark, theme.gold),
      seg(a.id.padEnd(9), { ...nameStyle, bold: true }),
      seg('█'.repeat(n * 3), won ? theme.success : theme.gold),
      seg(' '.repeat((max - n) * 3 + 1)),
      seg(`${n} vote${n === 1 ? '' : 's'}`, theme.text),
      ...(won ? [seg('  winner', theme.success)] : []),
    ];
  });
  for (const a of state.agents.filter((x) => x.status === 'error' || x.status === 'timeout')) {
    lines.push([seg('   '), seg(a.id.padEnd(9), theme.muted), seg(`no answer (${a.status})`, theme.tone('error'))]);
  }
  return lines;
}

function reasonLines(state: RunState, theme: Theme): Line[] {
  return state.agents
    .filter((a) => a.vote)
    .map((a) => [seg(`${a.id} → ${a.vote!.forAgent}: `, theme.text), seg(`“${a.vote!.reason}”`, { ...theme.muted, italic: true })]);
}

/** One line for when there is no room for the panel: `🗳️ VOTING RESULTS  🏆 agent_b 2 · agent_a 1`. */
function votingLine(state: RunState, theme: Theme, width: number): Line {
  const count = (id: string): number => state.votesByAgent[id] ?? 0;
  const candidates = state.agents.filter((a) => a.answerLabel !== null).sort((a, b) => count(b.id) - count(a.id) || a.number - b.number);
  const icon = theme.icons.ballot ? `${theme.icons.ballot} ` : '';
  const out: Line = [seg(`${icon}VOTING RESULTS `, { ...theme.gold, bold: true })];
  candidates.forEach((a, i) => {
    const won = a.id === state.winner;
    out.push(seg(i === 0 ? ' ' : ' · ', theme.muted));
    if (won && theme.icons.trophy) out.push(seg(`${theme.icons.trophy} `, theme.gold));
    out.push(seg(`${a.id} ${count(a.id)}`, won ? theme.success : theme.text));
  });
  return fitLine(out, width, undefined, true);
}

/** Heights the voting panel can take at this width, richest first. */
export function votingHeights(state: RunState, width: number): number[] {
  const tallies = state.agents.filter((a) => a.answerLabel !== null || a.status === 'error' || a.status === 'timeout').length;
  const voters = state.agents.filter((a) => a.vote).length;
  const options = [];
  if (width >= 100) options.push(2 + Math.max(tallies, voters));
  options.push(2 + tallies + voters, 2 + tallies, 1);
  return [...new Set(options)];
}

export function votingPanel(state: RunState, width: number, height: number, ctx: ResultContext): Line[] {
  const { theme } = ctx;
  if (height <= 1) return [votingLine(state, theme, width)];
  const tallies = tallyLines(state, theme);
  const reasons = reasonLines(state, theme);
  const inner = width - 4;
  let content: Line[];
  if (width >= 100 && height - 2 < tallies.length + reasons.length) {
    const left = Math.min(Math.floor(inner * 0.45), Math.max(...tallies.map(lineWidth)) + 1);
    content = [];
    for (let i = 0; i < height - 2; i++) {
      content.push([...fitLine(tallies[i] ?? [], left), seg(' ┊ ', theme.border), ...fitLine(reasons[i] ?? [], inner - left - 3, undefined, true)]);
    }
  } else {
    content = [...tallies, ...reasons].slice(0, height - 2).map((l) => fitLine(l, inner, undefined, true));
  }
  const total = Object.values(state.votesByAgent).reduce((a, b) => a + b, 0);
  const icon = theme.icons.ballot ? `${theme.icons.ballot} ` : '';
  return box(width, height, {
    border: theme.gold,
    chars: DOUBLE,
    title: [seg(`${icon}VOTING RESULTS`, { ...theme.gold, bold: true })],
    footer: state.winner ? [seg(`${total} vote${total === 1 ? '' : 's'} · winner ${state.winner}`, theme.gold)] : undefined,
    content,
  });
}

export function finalPanel(state: RunState, width: number, height: number, ctx: ResultContext): Line[] {
  const { theme } = ctx;
  const inner = width - 4;
  let body = formatText(state.finalText, inner, theme, { overflow: ctx.overflow, ...(ctx.debris ? { debris: 0 } : {}) });
  const rows = Math.max(0, height - 2);
  if (body.length > rows) body = body.slice(body.length - rows);
  const icon = theme.icons.present ? `${theme.icons.present} ` : '';
  const words = state.finalText.split(/\s+/).filter(Boolean).length;
  const spin = theme.spinner.length ? `${theme.spinner[ctx.frame % theme.spinner.length]} ` : '';
  const done = theme.spinner.length ? '✅ ' : '';
  const footerText = state.finalDone ? `${done}complete · ${words} words` : `${spin}presenting · ${words} words`;
  return box(width, height, {
    border: theme.success.fg ? { fg: theme.success.fg, ...(theme.fill ?? {}) } : theme.border,
    chars: ROUNDED,
    title: [seg(truncate(`${icon}Final Presentation · ${state.winner ?? ''}`, inner), theme.success)],
    footer: [seg(footerText, state.finalDone ? theme.success : theme.muted)],
    content: body,
    overflow: ctx.overflow,
  });
}

