/**
 * Composes one frame: header, agent columns, voting results, final
 * presentation and footer, sized to the terminal. Narrow terminals get fewer
 * columns (the rest of the agents on a one-line strip); short ones a compact
 * header and footer and smaller panels.
 */
import { fitLine, seg, type Line } from '../ansi/styled.js';
import type { RunState } from '../scenario/state.js';
import type { Scenario } from '../scenario/types.js';
import { formatText } from './richtext.js';
import { agentPanel, type PanelContext } from './agent-panel.js';
import { agentStrip, footer, header, type ChromeContext } from './header-footer.js';
import { finalPanel, votingHeights, votingPanel } from './result-panels.js';
import type { Theme } from './theme.js';

/** Rows kept free at the bottom for the summary printed on exit and the shell prompt after it. */
export const RESERVED_ROWS = 2;
/** Narrowest agent column worth drawing. */
export const MIN_COLUMN = 26;
const MIN_FINAL = 6;

export interface FrameContext {
  cols: number;
  rows: number;
  theme: Theme;
  frame: number;
  question: string;
  logPath: string;
  debris: boolean;
  overflow: boolean;
}

/** How many agent columns fit side by side. */
export function columnsThatFit(cols: number, agents: number): number {
  return Math.max(1, Math.min(agents, Math.floor((cols + 1) / (MIN_COLUMN + 1))));
}

function columns(state: RunState, shown: number, cols: number, height: number, ctx: PanelContext): Line[] {
  const gap = 1;
  const base = Math.floor((cols - gap * (shown - 1)) / shown);
  const panels = state.agents.slice(0, shown).map((a, i) => {
    const width = i === shown - 1 ? cols - (base + gap) * (shown - 1) : base;
    return agentPanel(a, width, height, ctx);
  });
  const out: Line[] = [];
  for (let r = 0; r < height; r++) {
    const line: Line = [];
    panels.forEach((p, i) => {
      if (i > 0) line.push(seg(' '.repeat(gap), ctx.theme.fill));
      line.push(...p[r]!);
    });
    out.push(line);
  }
  return out;
}

function tooSmall(ctx: FrameContext, usable: number): Line[] {
  const msg = `Terminal too small (${ctx.cols}x${ctx.rows}); need at least 40x12`;
  return Array.from({ length: usable }, (_, i) => (i === 0 ? fitLine([seg(msg, ctx.theme.text)], ctx.cols) : []));
}

/** The frame's lines, top to bottom: `rows - RESERVED_ROWS` of them. */
export function composeFrame(state: RunState, s: Scenario, ctx: FrameContext): Line[] {
  const { cols, theme } = ctx;
  const usable = Math.max(1, ctx.rows - RESERVED_ROWS);
  if (cols < 40 || ctx.rows < 12) return tooSmall(ctx, usable);
  const compact = usable < 20;
  const chrome: ChromeContext = { theme, question: ctx.question, debris: ctx.debris, overflow: ctx.overflow };
  const panelCtx: PanelContext = { theme, frame: ctx.frame, debris: ctx.debris, overflow: ctx.overflow };
  const top = header(state, cols, compact, chrome);
  const bottom = footer(state, cols, compact, ctx.logPath, chrome);
  let body = usable - top.length - bottom.length;
  const shown = columnsThatFit(cols, state.agents.length);
  const hidden = state.agents.slice(shown);
  const middle: Line[] = [];
  const strip = (agents: RunState['agents']): void => {
    if (agents.length) middle.push(agentStrip(agents, theme, cols, ctx.frame));
  };

  if (!state.resultsShown) {
    body -= hidden.length ? 1 : 0;
    middle.push(...columns(state, shown, cols, Math.max(3, body), panelCtx));
    strip(hidden);
  } else if (!state.presenting) {
    const heights = votingHeights(state, cols);
    // The richest voting panel that leaves the columns at least five rows, else the smallest.
    const colsMin = 5 + (hidden.length ? 1 : 0);
    const vh = heights.find((h) => body - h >= colsMin) ?? heights[heights.length - 1]!;
    const colRows = body - vh - (hidden.length ? 1 : 0);
    if (colRows >= 3) {
      middle.push(...columns(state, shown, cols, colRows, panelCtx));
      strip(hidden);
    } else {
      strip(state.agents);
    }
    middle.push(...votingPanel(state, cols, body - middle.length, { ...panelCtx }));
  } else {
    // Richest first: compact columns, then the agents on one line, then no agents
    // (the footer still counts them), each with the voting panel as rich as fits.
    // The first plan that shows the whole final answer wins; if none does, the
    // one that shows the most of it.
    const need = formatText(s.finalAnswer, cols - 4, theme).length + 2;
    const colRows = 3 + (hidden.length ? 1 : 0);
    const plans: Array<{ agents: 'panels' | 'strip' | 'none'; vh: number }> = [];
    for (const vh of votingHeights(state, cols)) plans.push({ agents: 'panels', vh }, { agents: 'strip', vh });
    plans.push({ agents: 'none', vh: 1 });
    const finalRows = (p: (typeof plans)[number]): number => body - p.vh - (p.agents === 'panels' ? colRows : p.agents === 'strip' ? 1 : 0);
    const plan = plans.find((p) => finalRows(p) >= need) ?? plans.reduce((a, b) => (finalRows(b) > finalRows(a) ? b : a));
    if (plan.agents === 'panels') {
      // Room the final answer does not need goes to the agents' columns.
      const spare = body - plan.vh - need - (hidden.length ? 1 : 0);
      middle.push(...columns(state, shown, cols, Math.max(3, spare), panelCtx));
      strip(hidden);
    } else if (plan.agents === 'strip') {
      strip(state.agents);
    }
    middle.push(...votingPanel(state, cols, plan.vh, panelCtx));
    middle.push(...finalPanel(state, cols, Math.max(3, body - middle.length), panelCtx));
  }
  const lines = [...top, ...middle, ...bottom];
  return lines.slice(0, usable);
}
