/**
 * Offline findings: where in the recording the measures found a problem, so
 * a scorecard without a model still says what to fix and shows it (a
 * contrast pair with an example cell, debris, a cut-off line, a long
 * silence, an error that does not stand out), each tied to the frame
 * nearest its time. Only problems that cost points are listed.
 */
import type { CriterionKey } from '../criteria.js';

export interface OfflineFinding {
  text: string;
  /** Seconds into the recording, when the measure knows it. */
  time?: number;
}

interface Example {
  text?: string;
  line?: string;
  row?: number;
  col?: number;
  time?: number;
}

type Measures = Record<string, unknown>;

const AA = 4.5;
/** A silence this long while the program runs reads as a hang. */
const LONG_SILENCE_SECONDS = 2;
const MAX_PER_CRITERION = 3;

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).trim();
const at = (e: Example) => (e.row !== undefined ? ` at row ${e.row + 1}${e.col !== undefined ? `, column ${e.col + 1}` : ''}` : '');

function clarity(m: Measures): OfflineFinding[] {
  const out: OfflineFinding[] = [];
  const pairs = (m.worstPairs as Array<{ fg: string; bg: string; ratio: number; cells: number; example?: Example }> | undefined) ?? [];
  for (const p of pairs.filter((p) => p.ratio < AA).slice(0, 2)) {
    const e = p.example ?? {};
    out.push({ text: `text ${p.fg} on ${p.bg} has a contrast of ${p.ratio}:1 (WCAG asks 4.5:1) on ${p.cells} cells, e.g. "${clip(e.text ?? '')}"${at(e)}`, ...(e.time !== undefined ? { time: e.time } : {}) });
  }
  const debris = (m.debris as { occurrences?: number; examples?: Example[] } | undefined) ?? {};
  for (const e of (debris.examples ?? []).slice(0, 1)) {
    out.push({ text: `escape-code debris shown as text (${debris.occurrences} times): "${clip(e.text ?? e.line ?? '')}"${at(e)}`, ...(e.time !== undefined ? { time: e.time } : {}) });
  }
  return out;
}

function organization(m: Measures): OfflineFinding[] {
  const overflow = (m.overflow as { wrappedRows?: number; cutRows?: number; examples?: Example[] } | undefined) ?? {};
  return (overflow.examples ?? []).slice(0, 2).map((e) => ({
    text: `a line runs past the edge (${overflow.wrappedRows ?? 0} wrapped, ${overflow.cutRows ?? 0} cut off in all): "${clip(e.text ?? '')}"${at(e)}`,
    ...(e.time !== undefined ? { time: e.time } : {}),
  }));
}

function status(m: Measures): OfflineFinding[] {
  const out: OfflineFinding[] = [];
  const n = (key: string, field: string) => ((m[key] as Record<string, number> | undefined)?.[field] ?? 0);
  const signs = [
    ...(n('statusLines', 'shareOfScreens') >= 0.1 ? ['a status line'] : []),
    ...(n('progress', 'screens') > 0 ? ['progress'] : []),
    ...(n('spinners', 'cells') > 0 ? ['a spinner'] : []),
    ...(n('liveValues', 'positions') > 0 ? ['values that change'] : []),
    ...(n('liveValues', 'selectionMoves') > 0 ? ['a moving selection'] : []),
  ];
  if (m.statusWords && m.icons && n('statusWords', 'distinct') === 0 && n('icons', 'distinct') === 0) {
    out.push({
      text: signs.length
        ? `no state words or status icons: state shows only as ${signs.join(', ')}`
        : 'nothing on screen says what state things are in: no state words, icons, status line, progress or changing values',
    });
  } else if (m.stateColours && n('stateColours', 'distinctMarkers') === 0) {
    out.push({ text: 'states are not told apart by colour or weight: every state marker looks like body text' });
  }
  return out;
}

function experience(m: Measures): OfflineFinding[] {
  const out: OfflineFinding[] = [];
  const silence = m.longestSilence as { seconds: number; from: number; to: number } | undefined;
  if (silence && silence.seconds >= LONG_SILENCE_SECONDS) {
    out.push({ text: `the screen did not change for ${silence.seconds.toFixed(1)} s (from ${silence.from.toFixed(1)} s to ${silence.to.toFixed(1)} s) while the program was busy`, time: silence.from });
  }
  const flicker = m.flicker as { perSecond?: number; fullClears?: number; bigChangeScreens?: number } | undefined;
  if (flicker && (flicker.perSecond ?? 0) > 0.5) {
    out.push({ text: `the display flickers: ${flicker.perSecond} repaints a second (${flicker.fullClears} full clears, ${flicker.bigChangeScreens} screens where most cells changed)` });
  }
  const r = m.responsiveness as { p95: number; worst: number; worstAt: number } | null | undefined;
  if (r && r.p95 > 0.1) out.push({ text: `inputs take ${Math.round(r.p95 * 1000)} ms to show (p95), ${Math.round(r.worst * 1000)} ms at worst`, time: r.worstAt });
  const first = m.timeToFirstVisibleOutput as number | null | undefined;
  if (first === null) out.push({ text: 'the program never printed anything: the user cannot tell it is working' });
  else if (first !== undefined && first > 1) out.push({ text: `nothing appeared for the first ${first.toFixed(1)} s`, time: 0 });
  const errors = (m.errors as { examples?: Array<Example & { standsOut?: boolean }> } | undefined)?.examples ?? [];
  for (const e of errors.filter((e) => !e.standsOut).slice(0, 1)) {
    out.push({ text: `an error message does not stand out (no colour or bold): "${clip(e.text ?? '')}"`, ...(e.time !== undefined ? { time: e.time } : {}) });
  }
  return out;
}

const BY_CRITERION: Record<CriterionKey, (m: Measures) => OfflineFinding[]> = {
  visualClarity: clarity,
  informationOrganization: organization,
  statusIndicators: status,
  userExperience: experience,
};

/** Findings for a criterion from its measures (metrics.json `criteria.<key>.measures`). */
export function offlineFindings(key: CriterionKey, measures: Measures | undefined): OfflineFinding[] {
  return measures ? BY_CRITERION[key](measures).slice(0, MAX_PER_CRITERION) : [];
}
