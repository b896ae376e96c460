/**
 * The inspector's measurements as facts for the prompt: contrast ratios and
 * shares, debris, lines past the edge, status markers, silences, flicker and
 * error lines, each with the frame it shows in. Never the offline scores or
 * points: a model told a number anchors on it, and the two halves of the
 * scorecard must stay independent so one can catch what the other misses.
 */

/** A frame the model is shown: its number and moment. */
export interface FactFrame {
  index: number;
  time: number;
}

type Measures = Record<string, any>;

const TITLES: Record<string, string> = {
  visualClarity: 'Visual clarity',
  informationOrganization: 'Information organization',
  statusIndicators: 'Status indicators',
  userExperience: 'User experience',
};

const pct = (share: number) => `${share === 0 ? '0' : share < 0.001 ? '<0.1' : (share * 100).toFixed(share < 0.1 ? 1 : 0)} %`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const sec = (s: number) => `${s.toFixed(1)} s`;
const clip = (s: string, n = 50) => JSON.stringify(s.length > n ? `${s.slice(0, n - 1)}…` : s);
const many = (n: number, one: string, more = `${one}s`) => `${int(n)} ${n === 1 ? one : more}`;

/** The metrics.json `criteria.<key>.measures` as fact lines, grouped by criterion; '' when there are none. */
export function measuredFacts(metrics: unknown, frames: readonly FactFrame[] = []): string {
  const criteria = (metrics as { criteria?: Record<string, { measures?: Measures }> } | null)?.criteria;
  if (!criteria || typeof criteria !== 'object') return '';
  const where = frameFinder(frames);
  const blocks: string[] = [];
  for (const [key, describe] of Object.entries(DESCRIBERS)) {
    const m = criteria[key]?.measures;
    if (!m || typeof m !== 'object') continue;
    let lines: string[];
    try {
      lines = describe(m, where);
    } catch {
      // A metrics.json from another version may lack a measure; its facts are left out rather than guessed.
      lines = [];
    }
    if (lines.length) blocks.push(`${TITLES[key]} (${key}):\n${lines.map((l) => `- ${l}`).join('\n')}`);
  }
  return blocks.join('\n\n');
}

/** "(frame 3)": the frame shown nearest a moment, or the moment itself when no frames are known. */
function frameFinder(frames: readonly FactFrame[]): (time: unknown) => string {
  return (time) => {
    if (typeof time !== 'number') return '';
    let best: FactFrame | undefined;
    for (const f of frames) if (!best || Math.abs(f.time - time) < Math.abs(best.time - time)) best = f;
    return best ? ` (at ${sec(time)}, frame ${best.index})` : ` (at ${sec(time)})`;
  };
}

type Where = (time: unknown) => string;

function clarity(m: Measures, where: Where): string[] {
  const out = [
    `contrast: ${pct(m.shareBelow4_5)} of ${int(m.textCells)} text cells are below 4.5:1 (WCAG AA) and ${pct(m.shareBelow3)} below 3:1; median ratio ${m.contrastMedian}:1, lowest tenth ${m.contrastP10}:1`,
  ];
  const pairs = (m.worstPairs ?? []) as Array<{ fg: string; bg: string; ratio: number; cells: number; example?: { text?: string; row?: number; time?: number } }>;
  for (const p of pairs.slice(0, 3)) {
    const e = p.example ?? {};
    out.push(`${p.fg} on ${p.bg}: ${p.ratio}:1 on ${many(p.cells, 'cell')}${e.text ? `, e.g. ${clip(e.text)}${e.row !== undefined ? ` on row ${e.row + 1}` : ''}` : ''}${where(e.time)}`);
  }
  const debris = m.debris ?? {};
  const ex = (debris.examples ?? [])[0] as { text?: string; line?: string; row?: number; time?: number } | undefined;
  out.push(
    debris.occurrences
      ? `escape-code debris shown as text: ${many(debris.occurrences, 'occurrence')} on ${pct(debris.shareOfScreens)} of screens${ex ? `, e.g. ${clip(ex.text ?? '')} in ${clip(ex.line ?? '')}${where(ex.time)}` : ''}`
      : 'escape-code debris shown as text: none',
  );
  if (m.colours) out.push(`text colours: ${m.colours.foreground} (${m.colours.significantForeground} cover at least 1 % of text), ${many(m.colours.background, 'background')}`);
  const unknown = m.unknownSequences ?? {};
  out.push(unknown.drawingKinds ? `control sequences the terminal did not understand: ${many(unknown.drawingKinds, 'kind')} that change what is drawn` : 'control sequences the terminal did not understand: none that change what is drawn');
  return out;
}

function organization(m: Measures, where: Where): string[] {
  const d = m.density ?? {};
  const o = m.overflow ?? {};
  const a = m.alignment ?? {};
  const ex = (o.examples ?? [])[0] as { text?: string; row?: number; time?: number } | undefined;
  return [
    `non-blank cells: ${pct(d.mean)} of the screen on average (from ${pct(d.min)} to ${pct(d.max)})`,
    o.wrappedRows || o.cutRows
      ? `lines past the right edge: ${many(o.wrappedRows, 'wrapped row')} and ${many(o.cutRows, 'row')} cut off, on ${many(o.screensWithOverflow, 'screen')}${ex ? `, e.g. ${clip(ex.text ?? '')}${ex.row !== undefined ? ` on row ${ex.row + 1}` : ''}${where(ex.time)}` : ''}`
      : 'lines past the right edge: none',
    `text starts and panel borders in line with the row above or below: ${pct(a.alignedShare)} (${int(a.borderCells)} border cells)`,
  ];
}

function status(m: Measures): string[] {
  const top = (counts: Record<string, number>, n = 6) =>
    Object.entries(counts ?? {})
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(([k, v]) => `${k} ${int(v)}`)
      .join(', ');
  const spinner = (m.spinners?.examples ?? [])[0] as { row: number; glyphs: string } | undefined;
  return [
    m.icons?.distinct ? `status icons: ${many(m.icons.distinct, 'kind')} (${top(m.icons.counts)} cells)` : 'status icons: none',
    m.statusWords?.distinct ? `status words: ${many(m.statusWords.distinct, 'kind')} (${top(m.statusWords.counts)})` : 'status words: none',
    `visually distinct state markers (colours of status text and colour emoji): ${m.stateColours?.distinctMarkers ?? 0}`,
    m.spinners?.cells ? `animated indicator: ${many(m.spinners.cells, 'spinner cell')}${spinner ? `, e.g. ${clip(spinner.glyphs, 12)} on row ${spinner.row + 1}` : ''}` : 'animated indicator: none',
    m.progress?.screens ? `progress shown on ${pct(m.progress.shareOfScreens)} of screens${m.progress.example ? `, e.g. ${clip(m.progress.example)}` : ''}` : 'progress shown: never',
  ];
}

function experience(m: Measures, where: Where): string[] {
  const out: string[] = [];
  out.push(m.timeToFirstOutput === null ? 'first output: never' : `first output after ${sec(m.timeToFirstOutput)}, first visible text after ${sec(m.timeToFirstVisibleOutput ?? m.timeToFirstOutput)}`);
  const s = m.longestSilence;
  if (s) out.push(`longest time the screen did not change while the program ran: ${sec(s.seconds)} (${pct(s.shareOfRun)} of ${sec(m.runningSeconds)})${s.seconds >= 1 ? where(s.from) : ''}`);
  const st = m.stalls;
  if (st) out.push(st.count ? `stalls (gaps far longer than the program's own rhythm of ${sec(st.medianGapSeconds)}): ${st.count}, ${sec(st.seconds)} in all` : 'stalls: none');
  const f = m.flicker;
  if (f) {
    out.push(
      `flicker: ${many(f.fullClears, 'full-screen clear')} outside synchronized output, ${many(f.bigChangeScreens, 'screen')} where most cells changed at once, ${many(f.blankFlashes, 'blank flash', 'blank flashes')}; ${f.perSecond} flicker events per running second`,
    );
  }
  const e = m.errors;
  if (e) {
    const ex = (e.examples ?? [])[0] as { text: string; time: number; standsOut: boolean } | undefined;
    out.push(e.lines ? `error lines: ${e.lines}, of which ${e.standingOut} stand out by colour, weight or icon${ex ? `; e.g. ${clip(ex.text)}${ex.standsOut ? '' : ' does not stand out'}${where(ex.time)}` : ''}` : 'error lines: none');
  }
  return out;
}

const DESCRIBERS: Record<string, (m: Measures, where: Where) => string[]> = {
  visualClarity: clarity,
  informationOrganization: organization,
  statusIndicators: (m) => status(m),
  userExperience: experience,
};
