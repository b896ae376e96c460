/** The header (title, question, phase and progress) and the footer (status counts, recent events, log path). */
import { fitLine, lineWidth, seg, type Line, type Style } from '../ansi/styled.js';
import { truncate } from '../ansi/width.js';
import type { RunState } from '../scenario/state.js';
import { AGENT_STATUSES, type Phase } from '../scenario/types.js';
import { box, ROUNDED } from './box.js';
import type { Theme } from './theme.js';

export const APP_TITLE = 'Multi-Agent Coordination System';

const PHASES: Record<Phase, string> = {
  initial_answer: 'Phase 1/3 · Initial answers',
  enforcement: 'Phase 2/3 · Voting',
  presentation: 'Phase 3/3 · Final presentation',
};

export interface ChromeContext {
  theme: Theme;
  question: string;
  /** Visible escape debris after the title (the escape-debris defect). */
  debris: boolean;
  /** Long question lines are not cut (the overflow defect). */
  overflow: boolean;
}

/**
 * `Phase 2/3 · Voting  ██████░░░░  62% · 14.2s`, shortened step by step
 * (shorter phase name, shorter bar, no bar) until it fits in `room` cells.
 */
function progress(state: RunState, theme: Theme, room: number): Line {
  const elapsed = seg(`${state.t.toFixed(1)}s`, theme.muted);
  if (theme.spinner.length === 0) return [elapsed];
  const long = state.finalDone ? 'Complete' : PHASES[state.phase];
  const short = long.replace('Phase ', '').replace(' · ', ' ');
  const variants: Array<[string, number]> = [[long, 10], [short, 10], [short, 5], [short, 0]];
  let line: Line = [];
  for (const [phase, bar] of variants) {
    const filled = Math.round((state.completion / 100) * bar);
    line = [seg(`${phase}  `, theme.accent)];
    if (bar > 0) line.push(seg('█'.repeat(filled), theme.success), seg('░'.repeat(bar - filled), theme.muted));
    line.push(seg(` ${String(state.completion).padStart(3)}% · `, theme.muted), elapsed);
    if (lineWidth(line) <= room) break;
  }
  return line;
}

/** Left text and right text on one line of `width` cells, the left cut first. */
function spread(left: Line, right: Line, width: number): Line {
  const rw = lineWidth(right);
  if (rw + 2 > width) return fitLine(left, width);
  return [...fitLine(left, width - rw - 1), seg(' '), ...right];
}

export function header(state: RunState, cols: number, compact: boolean, ctx: ChromeContext): Line[] {
  const { theme } = ctx;
  const app = theme.icons.app ? `${theme.icons.app} ` : '';
  const title: Line = [seg(app + APP_TITLE, theme.title)];
  if (ctx.debris) title.push(seg('[0m', theme.text));
  const q = theme.icons.question ? `${theme.icons.question} ` : '';
  if (compact) {
    const left: Line = [...title, seg('  ' + truncate(`${q}${ctx.question}`, cols), theme.text)];
    return [spread(left, progress(state, theme, cols - lineWidth(title) - 1), cols)];
  }
  const inner = cols - 4;
  const questionText = `${q}Question: ${ctx.question}`;
  const question: Line = [seg(ctx.overflow ? questionText : truncate(questionText, inner), theme.text)];
  return box(cols, 4, {
    border: theme.border,
    chars: ROUNDED,
    content: [spread(title, progress(state, theme, inner - lineWidth(title) - 1), inner), question],
    overflow: ctx.overflow,
  });
}

/** `⏳ 1 waiting · 🔄 2 working` in each state's colour, or a plain count without status indicators. */
export function statusCounts(state: RunState, theme: Theme): Line {
  if (theme.spinner.length === 0) return [seg(`Agents: ${state.agents.length}`, theme.muted)];
  const out: Line = [];
  for (const status of AGENT_STATUSES) {
    const n = state.agents.filter((a) => a.status === status).length;
    if (n === 0) continue;
    const look = theme.status(status);
    if (out.length) out.push(seg(' · ', theme.muted));
    out.push(seg(`${look.icon} ${n} ${look.label}`, { ...(look.color ? { fg: look.color } : {}), ...(theme.fill ?? {}) }));
  }
  return out;
}

export function footer(state: RunState, cols: number, compact: boolean, logPath: string, ctx: ChromeContext): Line[] {
  const { theme } = ctx;
  const counts = statusCounts(state, theme);
  const ruleRest = Math.max(0, cols - 4 - lineWidth(counts));
  const rule: Line = fitLine([seg('── ', theme.border), ...counts, seg(' ' + '─'.repeat(ruleRest), theme.border)], cols);
  const eventLine = (i: number): Line => {
    const e = state.events[state.events.length - 1 - i];
    if (!e) return [];
    const text: Line = [seg(`${e.t.toFixed(1).padStart(6)}s  `, theme.muted), seg(e.text, theme.tone(e.tone))];
    if (ctx.debris && i === 0) text.push(seg(' ^[[0m', theme.text));
    return fitLine(text, cols);
  };
  if (compact) return [rule, eventLine(0)];
  const log = theme.icons.log ? `${theme.icons.log} ` : '';
  const logLine: Line = fitLine([seg(truncate(`${log}Log: ${logPath}`, cols), theme.muted)], cols);
  return [rule, eventLine(2), eventLine(1), eventLine(0), logLine];
}

/** One line listing agents compactly: `🔄 agent_d working   ✅ agent_a completed`. */
export function agentStrip(agents: RunState['agents'], theme: Theme, cols: number, frame: number, labels = true): Line {
  const out: Line = [];
  for (const a of agents) {
    const look = theme.status(a.status, a.note);
    const style: Style = { ...(look.color ? { fg: look.color } : {}), ...(theme.fill ?? {}) };
    const spin = theme.spinner.length && a.status === 'streaming' ? ` ${theme.spinner[frame % theme.spinner.length]}` : '';
    if (out.length) out.push(seg('   '));
    out.push(seg(`${look.icon ? look.icon + ' ' : ''}${a.id}`, { ...style, bold: true }));
    if (labels) out.push(seg(` ${look.label}${spin}`, style));
  }
  if (labels && lineWidth(out) > cols) return agentStrip(agents, theme, cols, frame, false);
  return fitLine(out, cols);
}
