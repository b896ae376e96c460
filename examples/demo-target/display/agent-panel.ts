/** One agent's column: title with status icon, a status line, its latest streamed lines. */
import { lineWidth, seg, type Line, type Style } from '../ansi/styled.js';
import { stringWidth, truncate } from '../ansi/width.js';
import type { AgentState } from '../scenario/state.js';
import { box, ROUNDED } from './box.js';
import { formatText } from './richtext.js';
import { wrap } from './wrap.js';
import type { Theme } from './theme.js';

export interface PanelContext {
  theme: Theme;
  /** Frame number, drives the spinner. */
  frame: number;
  debris: boolean;
  overflow: boolean;
}

/** `🔄 agent_a · openai gpt-5-mini`, shortened to fit `room` cells. */
export function agentTitle(a: AgentState, theme: Theme, room: number): Line {
  const look = theme.status(a.status, a.note);
  const style: Style = { ...(look.color ? { fg: look.color } : {}), ...(theme.fill ?? {}), bold: true };
  const icon = look.icon ? `${look.icon} ` : '';
  const left = Math.max(1, room - stringWidth(icon));
  const full = `${a.id} · ${a.backend} ${a.model}`;
  const text = stringWidth(full) <= left ? full : truncate(`${a.id} · ${a.backend}`, left);
  return [seg(icon + text, style)];
}

/** `⠹ working · 58 words`, `🗳️ voted for agent_b`, `❌ error: rate_limit` … */
export function statusLine(a: AgentState, ctx: PanelContext, room = Infinity): Line {
  const { theme } = ctx;
  const look = theme.status(a.status, a.note);
  const style: Style = { ...(look.color ? { fg: look.color } : {}), ...(theme.fill ?? {}), bold: true };
  const spinner = theme.spinner.length && a.status === 'streaming' ? `${theme.spinner[ctx.frame % theme.spinner.length]} ` : '';
  const out: Line = [];
  if (spinner || look.label) out.push(seg(`${spinner}${look.label}`, style));
  const details: string[] = [];
  if (a.status === 'error' && a.error) details.push(a.error.type);
  else if (a.vote && (a.status === 'voted' || a.status === 'completed')) details.push(`for ${a.vote.forAgent}`);
  else if (a.answerLabel && a.status === 'answered') details.push(a.answerLabel);
  if (a.words > 0) details.push(`${a.words} words`);
  if (a.timesRestarted > 0) details.push(`restarts ${a.timesRestarted}`);
  // Details are dropped from the end until the line fits the column.
  for (let n = details.length; n >= 0; n--) {
    const line = n > 0 ? [...out, seg(`${out.length ? ' · ' : ''}${details.slice(0, n).join(' · ')}`, theme.muted)] : out;
    if (n === 0 || lineWidth(line) <= room) return line;
  }
  return out;
}

/** The agent's column, exactly `height` rows of `width` cells (wider rows only under overflow). */
export function agentPanel(a: AgentState, width: number, height: number, ctx: PanelContext): Line[] {
  const { theme } = ctx;
  const look = theme.status(a.status, a.note);
  const border: Style = { ...(look.color ? { fg: look.color } : theme.border), ...(theme.fill ?? {}) };
  const inner = width - 4;
  const contentRows = Math.max(0, height - 3);
  let body: Line[] = [];
  if (contentRows > 0) {
    const note = a.text !== '' ? undefined : a.status === 'waiting' ? 'waiting to start…' : a.status === 'restarting' ? 'restarting with the new context…' : undefined;
    if (note) body = wrap(note, inner).map((l) => [seg(l, theme.muted)]);
    else body = formatText(a.text, inner, theme, { overflow: ctx.overflow, ...(ctx.debris ? { debris: a.number } : {}) });
    if (a.error) {
      const errStyle = theme.tone('error');
      body.push([], ...formatText(`Error: ${a.error.message}`, inner, theme).map((l) => l.map((s) => ({ ...s, style: errStyle }))));
    }
    // Scroll: the newest lines stay in view.
    if (body.length > contentRows) body = body.slice(body.length - contentRows);
  }
  return box(width, height, {
    border,
    chars: ROUNDED,
    title: agentTitle(a, theme, width - 6),
    content: [statusLine(a, ctx, inner), ...body],
    overflow: ctx.overflow,
  });
}
