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
 *   words 1.5    = 1.5 × clamp(distinct status words / 4)
 *   icons 3      = 3 × clamp(distinct status icons / 4)
 *   colours 3    = 3 × clamp(distinct state markers / 4)
 *                  (text colours of status words/symbols other than body text, plus colour emoji icons)
 *   animation 1.5 = 1.5 when at least one spinner cell was seen, else 0
 *   progress 1   = 1 when a percentage, n/m count or progress bar was seen, else 0
 *
 * userExperience (10)
 *   first output 2 = 2 × (1 − clamp((t − 1) / 4)), t = seconds to the first printable output
 *                    (0 points when nothing was printed)
 *   silence 3    = 3 × (1 − clamp(max(a, s))): a = (g − 1) / 9 with g the longest silence in
 *                  seconds (a long wait tires anyone), s = (stallShare − 0.05) / 0.3 with
 *                  stallShare the share of the running time spent in stalls — gaps of at
 *                  least 2.5 × the median gap and 0.25 s (1 s with under 5 gaps), so a
 *                  recording played faster is judged the same way
 *   flicker 3    = 3 × (1 − clamp((flickersPerSecond − 0.2) / 1.8)), flickersPerSecond =
 *                  max(0, max(fullClears, repaints + blankFlashes) − 2) / max(running time, 1 s)
 *   errors 2     = 2 × standingOut / errorLines, 2 when there are no error lines
 *
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
  /** The measured value behind the points, in words. */
  basis: string;
}

export interface Scored {
  score: number;
  components: ScoreComponent[];
}

const pct = (share: number) => `${round(share * 100, 1)}%`;

function scored(components: ScoreComponent[]): Scored {
  const sum = components.reduce((n, c) => n + c.points, 0);
  return { score: round(Math.min(10, Math.max(0, sum)), 1), components: components.map((c) => ({ ...c, points: round(c.points, 2) })) };
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

export function scoreStatusIndicators(m: StatusMeasures): Scored {
  return scored([
    { name: 'words', points: 1.5 * clamp01(m.statusWords.distinct / 4), max: 1.5, basis: `${m.statusWords.distinct} status words` },
    { name: 'icons', points: 3 * clamp01(m.icons.distinct / 4), max: 3, basis: `${m.icons.distinct} status icons` },
    {
      name: 'colours',
      points: 3 * clamp01(m.stateColours.distinctMarkers / 4),
      max: 3,
      basis: `${m.stateColours.distinctMarkers} distinct state markers (${m.stateColours.colours.length} colours, ${m.stateColours.emoji.length} emoji)`,
    },
    { name: 'animation', points: m.spinners.cells > 0 ? 1.5 : 0, max: 1.5, basis: `${m.spinners.cells} spinner cells` },
    { name: 'progress', points: m.progress.screens > 0 ? 1 : 0, max: 1, basis: `progress shown on ${pct(m.progress.shareOfScreens)} of screens` },
  ]);
}

export function scoreUserExperience(m: ExperienceMeasures): Scored {
  const t = m.timeToFirstVisibleOutput;
  const g = m.longestSilence.seconds;
  const silenceBad = Math.max((g - 1) / 9, (m.stalls.shareOfRun - 0.05) / 0.3);
  const e = m.errors;
  return scored([
    {
      name: 'first output',
      points: t === null ? 0 : 2 * (1 - clamp01((t - 1) / 4)),
      max: 2,
      basis: t === null ? 'nothing printed' : `first output after ${t}s`,
    },
    {
      name: 'silence',
      points: 3 * (1 - clamp01(silenceBad)),
      max: 3,
      basis: `longest silence ${g}s; ${m.stalls.count} stalls, ${pct(m.stalls.shareOfRun)} of the run`,
    },
    {
      name: 'flicker',
      points: 3 * (1 - clamp01((m.flicker.perSecond - 0.2) / 1.8)),
      max: 3,
      basis: `${m.flicker.perSecond} flickers/s (${m.flicker.fullClears} full clears, ${m.flicker.bigChangeScreens + m.flicker.blankFlashes} repaints)`,
    },
    {
      name: 'errors',
      points: e.lines === 0 ? 2 : (2 * e.standingOut) / e.lines,
      max: 2,
      basis: e.lines === 0 ? 'no error lines' : `${e.standingOut} of ${e.lines} error lines stand out`,
    },
  ]);
}
