/**
 * Scores, 0–10 per criterion, from the measures. Each criterion is a sum of
 * components with fixed maxima; each component scales linearly between a
 * "fine" and a "bad" value and is clamped. The same text is in
 * docs/scores.md; keep the two in step.
 *
 * visualClarity (10)
 *   contrast 4   = 4 × (1 − clamp(shareBelow4.5 + shareBelow3))
 *                  (text cells under 3:1 count twice: once under 4.5, once under 3;
 *                  0 when no text was ever on screen)
 *   debris 4     = 4 × (1 − bad), bad = 0 without debris, else
 *                  clamp(0.25 + shareOfScreensWithDebris / 0.25 + maxOnOneScreen / 10)
 *   palette 1    = 1 when 2–16 significant text colours (≥ 1% of text cells),
 *                  0.5 when 1 or 17–32, else 0
 *   sequences 1  = 1 − clamp(drawingKinds / 3)   (unknown CSI/ESC/SGR/C0 kinds)
 *
 * informationOrganization (10)
 *   density 3    = 3 × f(mean density d): f = d / 0.05 below 0.05, 1 from 0.05
 *                  to 0.6, (0.95 − d) / 0.35 above 0.6 (clamped)
 *   overflow 4   = 4 × (1 − clamp(overflowShare / 0.15))
 *                  overflowShare = mean over screens of (wrapped rows + ½ cut rows) / rows with content
 *   alignment 3  = 3 × clamp((alignedShare − 0.5) / 0.4)   (0 when nothing was on screen)
 *
 * statusIndicators (10)
 *   state markers 2.5 = 2.5 × clamp(signs / 4), signs = distinct state words + distinct icons and
 *                  check marks + 1 for a moving selection bar + 1 for a status line + 2 for progress
 *                  + min(2, values changing in place / 2)
 *   colours 3.5  = 3.5 × clamp(distinct looks of state markers / 4)
 *                  (text colours of status words/symbols other than body text, bold in body colour,
 *                  plus colour emoji icons)
 *   status line 1.5 = 1.5 × clamp(share of screens with a status or mode line / 0.5);
 *                  n/a when none was seen on 10% of screens and the program is not an interactive
 *                  full-screen one (alternate screen on half the screens, two inputs or more)
 *   live 1.25    = 1.25 when a spinner turned or a number changed in place at least twice;
 *                  n/a when none was seen and the program was busy under 2 s in all
 *   progress 1.25 = 1.25 when a percentage, ratio, ETA or bar was seen; n/a when none was
 *                  seen and the program never kept its user waiting 2 s or more
 *
 * userExperience (10)
 *   first output 1 = 1 − clamp((t − 1) / 4), t = seconds to the first printable output
 *                    (0 points when nothing was printed)
 *   responsiveness 3 = 3 × (1 − clamp(max((p95 − 0.1) / 0.9, (worst − 1) / 4))), from each input
 *                    to the first output after it; n/a when no input was sent
 *   silence 2    = 2 × (1 − clamp(max(a, s))): a = (g − 1) / 9 with g the longest silence in
 *                  seconds while the program was busy (not while it waited for its user after
 *                  answering), s = (stallShare − 0.05) / 0.3 with stallShare the share of the
 *                  running time spent in stalls — busy gaps of at least 2.5 × the median gap and
 *                  0.25 s (1 s with under 5 gaps), so a recording played faster is judged the same way
 *   flicker 2.5  = 2.5 × (1 − clamp((flickersPerSecond − 0.2) / 1.8)), flickersPerSecond =
 *                  max(0, max(fullClears, repaints + blankFlashes) − 2) / max(running time, 1 s)
 *   errors 1.5   = 1.5 × standingOut / errorMessages; n/a when no error message was printed
 *
 * A component marked n/a had nothing to measure: it is left out, and the
 * criterion's score is its points over the maxima of the components that
 * apply, scaled to 10.
 * Scores are rounded to one decimal; component points to two.
 */
import type { ClarityMeasures } from './clarity.js';
import type { ExperienceMeasures } from './experience.js';
import type { OrganizationMeasures } from './organization.js';
import type { StatusMeasures } from './status.js';
import { clamp01, round } from './util.js';

/** One term of a score: the points it gave, its maximum, and the measure it came from. */
export interface ScoreComponent {
  name: string;
  points: number;
  max: number;
  /** The measured value behind the points, in words; for an n/a component, why there was nothing to measure. */
  basis: string;
  /** True when there was nothing to measure: the component is left out of the score. */
  notApplicable?: true;
}

export interface Scored {
  score: number;
  components: ScoreComponent[];
}

const pct = (share: number) => `${round(share * 100, 1)}%`;

const notApplicable = (name: string, max: number, why: string): ScoreComponent => ({ name, points: 0, max, basis: why, notApplicable: true });

/** The points of the components that apply, over their maxima, scaled to 10. */
function scored(components: ScoreComponent[]): Scored {
  const applying = components.filter((c) => !c.notApplicable);
  const sum = applying.reduce((n, c) => n + c.points, 0);
  const max = applying.reduce((n, c) => n + c.max, 0);
  const score = max === 0 ? 10 : (10 * sum) / max;
  return { score: round(Math.min(10, Math.max(0, score)), 1), components: components.map((c) => ({ ...c, points: round(c.points, 2) })) };
}

export function scoreVisualClarity(m: ClarityMeasures): Scored {
  const d = m.debris;
  const debrisBad = d.occurrences === 0 ? 0 : clamp01(0.25 + d.shareOfScreens / 0.25 + d.maxOnOneScreen / 10);
  const n = m.colours.significantForeground;
  const palette = n >= 2 && n <= 16 ? 1 : n === 1 || (n >= 17 && n <= 32) ? 0.5 : 0;
  return scored([
    m.textCells === 0
      ? { name: 'contrast', points: 0, max: 4, basis: 'no text on screen' }
      : {
          name: 'contrast',
          points: 4 * (1 - clamp01(m.shareBelow4_5 + m.shareBelow3)),
          max: 4,
          basis: `${pct(m.shareBelow4_5)} of text below 4.5:1, ${pct(m.shareBelow3)} below 3:1`,
        },
    {
      name: 'debris',
      points: 4 * (1 - debrisBad),
      max: 4,
      basis: d.occurrences === 0 ? 'no escape debris' : `escape debris on ${pct(d.shareOfScreens)} of screens, up to ${d.maxOnOneScreen} at once`,
    },
    { name: 'palette', points: palette, max: 1, basis: `${n} significant text colours (${m.colours.foreground} in all)` },
    {
      name: 'sequences',
      points: 1 - clamp01(m.unknownSequences.drawingKinds / 3),
      max: 1,
      basis: `${m.unknownSequences.drawingKinds} kinds of unknown sequences`,
    },
  ]);
}

export function scoreInformationOrganization(m: OrganizationMeasures): Scored {
  const d = m.density.mean;
  const densityFactor = d < 0.05 ? d / 0.05 : d > 0.6 ? clamp01((0.95 - d) / 0.35) : 1;
  return scored([
    { name: 'density', points: 3 * densityFactor, max: 3, basis: `mean density ${pct(d)} (${pct(m.density.min)}–${pct(m.density.max)})` },
    {
      name: 'overflow',
      points: 4 * (1 - clamp01(m.overflow.share / 0.15)),
      max: 4,
      basis: `${pct(m.overflow.share)} of content rows overflow (${m.overflow.wrappedRows} wrapped, ${m.overflow.cutRows} cut)`,
    },
    m.alignment.segmentStarts + m.alignment.borderCells === 0
      ? { name: 'alignment', points: 0, max: 3, basis: 'nothing on screen to align' }
      : {
          name: 'alignment',
          points: 3 * clamp01((m.alignment.alignedShare - 0.5) / 0.4),
          max: 3,
          basis: `${pct(m.alignment.alignedShare)} of text starts and borders line up`,
        },
  ]);
}

/** How long the program worked while someone watched: before its first output, and while it ran and was not waiting for its user. */
function busySeconds(e: ExperienceMeasures, duration: number): number {
  return (e.timeToFirstVisibleOutput ?? duration) + Math.max(0, e.runningSeconds - e.waitingForUserSeconds);
}

/** The longest the user was kept waiting with nothing new on screen. */
function longestWait(e: ExperienceMeasures, duration: number): number {
  return Math.max(e.timeToFirstVisibleOutput ?? duration, e.longestSilence.seconds);
}

/** Long enough to need a sign of life or of progress. */
const LONG_WAIT_SECONDS = 2;

export function scoreStatusIndicators(m: StatusMeasures, e: ExperienceMeasures, duration: number): Scored {
  // Other signs of state count as markers too: a moving selection bar shows
  // where the user is, a status line what mode and file they are in, and
  // progress (worth two) how far the work is.
  const selection = m.liveValues.selectionMoves > 0 ? 1 : 0;
  const statusLine = m.statusLines.shareOfScreens >= 0.1 ? 1 : 0;
  const progress = m.progress.screens > 0 ? 2 : 0;
  // Values updated in place (a clock, counters, a table of figures) are a live dashboard's states: up to two.
  const values = Math.min(2, m.liveValues.positions / 2);
  const markers = m.statusWords.distinct + m.icons.distinct + selection + statusLine + progress + values;
  const live = m.spinners.cells + m.liveValues.positions + m.liveValues.selectionMoves;
  const busy = busySeconds(e, duration);
  const wait = longestWait(e, duration);
  return scored([
    { name: 'state markers', points: 2.5 * clamp01(markers / 4), max: 2.5, basis: [count(m.statusWords.distinct, 'state word'), `${m.icons.distinct} status icons and check marks`, ...(selection ? ['a moving selection bar'] : []), ...(statusLine ? ['a status line'] : []), ...(progress ? ['progress'] : []), ...(values ? [count(m.liveValues.positions, 'live value')] : [])].join(', ') },
    {
      name: 'colours',
      points: 3.5 * clamp01(m.stateColours.distinctMarkers / 4),
      max: 3.5,
      basis: m.stateColours.distinctMarkers === 0 ? 'every state marker looks like body text' : `${count(m.stateColours.distinctMarkers, 'look')} ${m.stateColours.distinctMarkers === 1 ? 'tells' : 'tell'} states apart: ${[...m.stateColours.colours, ...m.stateColours.emoji].slice(0, 8).join(' ')}`,
    },
    m.statusLines.shareOfScreens < 0.1 && (m.fullScreenShare < 0.5 || (e.responsiveness?.inputs ?? 0) < 2)
      ? notApplicable('status line', 1.5, 'n/a: none seen, and the program is not an interactive full-screen one (where a status line tells the user where they are)')
      : {
          name: 'status line',
          points: 1.5 * clamp01(m.statusLines.shareOfScreens / 0.5),
          max: 1.5,
          basis: m.statusLines.example ? `status line on ${pct(m.statusLines.shareOfScreens)} of screens: "${m.statusLines.example.text.slice(0, 40)}"` : 'no status or mode line on the full screen',
        },
    live === 0 && busy < LONG_WAIT_SECONDS
      ? notApplicable('live', 1.25, `n/a: busy ${round(busy, 1)}s in all, nothing to keep alive`)
      : { name: 'live', points: live > 0 ? 1.25 : 0, max: 1.25, basis: `${count(m.spinners.cells, 'spinner cell')}, ${count(m.liveValues.positions, 'value')} changing in place, ${count(m.liveValues.selectionMoves, 'selection move')}` },
    m.progress.screens === 0 && wait < LONG_WAIT_SECONDS
      ? notApplicable('progress', 1.25, `n/a: the longest wait was ${round(wait, 1)}s, no progress needed`)
      : {
          name: 'progress',
          points: m.progress.screens > 0 ? 1.25 : 0,
          max: 1.25,
          basis: m.progress.screens > 0 ? `progress shown on ${pct(m.progress.shareOfScreens)} of screens` : `no progress shown, though the user waited ${round(wait, 1)}s`,
        },
  ]);
}

export function scoreUserExperience(m: ExperienceMeasures): Scored {
  const t = m.timeToFirstVisibleOutput;
  const g = m.longestSilence.seconds;
  const silenceBad = Math.max((g - 1) / 9, (m.stalls.shareOfRun - 0.05) / 0.3);
  const e = m.errors;
  const r = m.responsiveness;
  return scored([
    {
      name: 'first output',
      points: t === null ? 0 : 1 - clamp01((t - 1) / 4),
      max: 1,
      basis: t === null ? 'nothing printed' : `first output after ${t}s`,
    },
    r === null
      ? notApplicable('responsiveness', 3, 'n/a: no input was sent')
      : {
          name: 'responsiveness',
          points: 3 * (1 - clamp01(Math.max((r.p95 - 0.1) / 0.9, (r.worst - 1) / 4))),
          max: 3,
          basis: `${count(r.inputs, 'input')} answered in ${ms(r.p50)} (p50), ${ms(r.p95)} (p95), ${ms(r.worst)} at worst`,
        },
    {
      name: 'silence',
      points: 2 * (1 - clamp01(silenceBad)),
      max: 2,
      basis: `longest silence while busy ${g}s; ${m.stalls.count} stalls, ${pct(m.stalls.shareOfRun)} of the run${m.waitingForUserSeconds > 0 ? `; ${m.waitingForUserSeconds}s waiting for input, not counted` : ''}`,
    },
    {
      name: 'flicker',
      points: 2.5 * (1 - clamp01((m.flicker.perSecond - 0.2) / 1.8)),
      max: 2.5,
      basis: `${m.flicker.perSecond} flickers/s (${m.flicker.fullClears} full clears, ${m.flicker.bigChangeScreens + m.flicker.blankFlashes} repaints)`,
    },
    e.lines === 0
      ? notApplicable('errors', 1.5, 'n/a: no error messages printed')
      : { name: 'errors', points: (1.5 * e.standingOut) / e.lines, max: 1.5, basis: `${e.standingOut} of ${e.lines} error messages stand out` },
  ]);
}

const ms = (seconds: number) => `${Math.round(seconds * 1000)} ms`;
/** "1 input", "3 inputs". */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
