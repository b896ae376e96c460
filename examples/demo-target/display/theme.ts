/**
 * Colours, icons and labels of the display, and the variants the defects
 * switch to (low contrast, no status indicators).
 */
import { color, type Color } from '../ansi/colors.js';
import type { Style } from '../ansi/styled.js';
import type { AgentStatus, EventTone } from '../scenario/types.js';

export interface StatusLook {
  icon: string;
  label: string;
  color: Color | undefined;
}

export interface Theme {
  /** Body text; undefined keeps the terminal's own foreground, readable on any theme. */
  text: Style;
  muted: Style;
  title: Style;
  border: Style;
  accent: Style;
  gold: Style;
  success: Style;
  /** Fills the whole screen's background when set (the low-contrast defect paints black). */
  fill: Style | undefined;
  status(status: AgentStatus, note?: string): StatusLook;
  tone(tone: EventTone): Style;
  /** Spinner frames; empty when status indicators are off. */
  spinner: readonly string[];
  /** Icons shown before headings; '' when status indicators are off. */
  icons: { app: string; question: string; log: string; trophy: string; ballot: string; present: string };
}

const C = {
  purple: color('#bd93f9', 13),
  orange: color('#ffb86c', 11),
  cyan: color('#8be9fd', 6),
  blue: color('#82aaff', 12),
  green: color('#50fa7b', 10),
  red: color('#ff5555', 9),
  yellow: color('#f1fa8c', 3),
  gold: color('#ffd75f', 11),
  muted: color('#a4a7b5', 7),
  border: color('#8a8fa3', 8),
  black: color('#000000', 0),
  darkText: color('#3a3a3a', 8),
  darkMuted: color('#303030', 8),
  darkBorder: color('#2a2a2a', 8),
  neutral: color('#c0c0c0', 7),
};

const LOOKS: Record<AgentStatus, StatusLook> = {
  waiting: { icon: '⏳', label: 'waiting', color: C.purple },
  streaming: { icon: '🔄', label: 'working', color: C.orange },
  answered: { icon: '📝', label: 'answered', color: C.cyan },
  voted: { icon: '🗳️', label: 'voted', color: C.blue },
  restarting: { icon: '🔁', label: 'restarting', color: C.yellow },
  error: { icon: '❌', label: 'error', color: C.red },
  timeout: { icon: '⏰', label: 'timed out', color: C.red },
  completed: { icon: '✅', label: 'completed', color: C.green },
};

const BRAILLE = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Darkens a colour so it stays recognisable but fails contrast on black. */
function darken(c: Color): Color {
  const k = 0.32;
  return { rgb: [Math.round(c.rgb[0] * k), Math.round(c.rgb[1] * k), Math.round(c.rgb[2] * k)], ansi16: c.ansi16 < 8 ? c.ansi16 : c.ansi16 - 8 };
}

export interface ThemeOptions {
  lowContrast: boolean;
  noStatusIcons: boolean;
}

export function makeTheme(o: ThemeOptions): Theme {
  const dark = o.lowContrast;
  const bg = dark ? C.black : undefined;
  const paint = (c: Color | undefined, extra: Omit<Style, 'fg' | 'bg'> = {}): Style => {
    const fg = c && dark ? darken(c) : c;
    return { ...extra, ...(fg ? { fg } : {}), ...(bg ? { bg } : {}) };
  };
  const text: Style = dark ? { fg: C.darkText, bg } : {};
  const muted: Style = dark ? { fg: C.darkMuted, bg } : { fg: C.muted };
  const tones: Record<EventTone, Style> = {
    info: muted,
    success: o.noStatusIcons ? muted : paint(C.green),
    warn: o.noStatusIcons ? muted : paint(C.yellow),
    error: o.noStatusIcons ? muted : paint(C.red, { bold: true }),
  };
  return {
    text,
    muted,
    title: dark ? { fg: C.darkBorder, bg, bold: true } : { fg: C.cyan, bold: true },
    border: dark ? { fg: C.darkBorder, bg } : { fg: C.border },
    accent: paint(C.cyan, { bold: true }),
    gold: dark ? { fg: darken(C.gold), bg } : o.noStatusIcons ? { fg: C.border } : { fg: C.gold },
    success: o.noStatusIcons ? text : paint(C.green, { bold: true }),
    fill: bg ? { bg } : undefined,
    status(status, note) {
      const look = LOOKS[status];
      const label = note ?? look.label;
      if (o.noStatusIcons) return { icon: '', label: '', color: dark ? C.darkBorder : C.neutral };
      return { icon: look.icon, label, color: look.color && dark ? darken(look.color) : look.color };
    },
    tone: (t) => tones[t],
    spinner: o.noStatusIcons ? [] : BRAILLE,
    icons: o.noStatusIcons
      ? { app: '', question: '', log: '', trophy: '', ballot: '', present: '' }
      : { app: '🤖', question: '💬', log: '📁', trophy: '🏆', ballot: '🗳️', present: '🎤' },
  };
}
