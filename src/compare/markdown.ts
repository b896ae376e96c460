/**
 * compare.md and the verdict lines the CLI prints. Markdown is built here,
 * not in a template: it is mostly tables whose rows depend on what changed.
 */
import { AGREEMENT_GAP, escapeLinkTarget, escapeMarkdown } from '../report/index.js';
import { CRITERION_TITLES } from '../criteria.js';
import type { Comparison, FrameDiff } from './types.js';
import { formatMetric, type MetricDelta } from './metrics.js';
import type { ScreenDiff } from './screens.js';

/** Rows of text shown per changed screen; the rest are counted. */
const MAX_ROWS_SHOWN = 12;

/** One headline and one line per regression: what the CLI prints on stdout. */
export function verdictLines(c: Comparison): string[] {
  // A change in agreement is news for a person, not a regression: one AGREEMENT line each, before the verdict.
  const agreement = (c.agreement ?? []).filter((a) => a.change !== 'same').map((a) => `AGREEMENT: ${a.message}`);
  if (c.passed) return [...agreement, c.identical ? 'VERDICT: no difference' : 'VERDICT: no regression'];
  const names = c.regressedCriteria.length ? c.regressedCriteria.join(', ') : 'pixel or screen gates';
  return [...agreement, `VERDICT: regression in ${names}`, ...c.regressions.map((r) => `  - ${r.message}`)];
}

export function renderComparisonMarkdown(c: Comparison): string {
  const out: string[] = [];
  const head = c.passed ? (c.identical ? '✅ no difference' : '✅ no regression') : `❌ regression in ${c.regressedCriteria.map((k) => CRITERION_TITLES[k]).join(', ') || 'pixel or screen gates'}`;
  out.push(`# termlens comparison: ${head}`, '');
  out.push(`- **Baseline:** \`${escapeCode(c.baseline.runId)}\`${c.baseline.date ? ` (${escapeMarkdown(c.baseline.date)})` : ''}, judged ${escapeMarkdown(c.baseline.judge)}`);
  out.push(`- **Current:** \`${escapeCode(c.current.runId)}\`${c.current.date ? ` (${escapeMarkdown(c.current.date)})` : ''}, judged ${escapeMarkdown(c.current.judge)}`, '');

  if (c.regressions.length) {
    out.push('## Regressions', '');
    for (const r of c.regressions) out.push(`- ${escapeMarkdown(r.message)}`);
    out.push('');
  } else if (c.identical) {
    out.push('Nothing differs: scores, metrics, screens and pixels are the same.', '');
  }

  out.push('## Scores', '');
  out.push('| Criterion | Offline | Δ | Model median (spread) | Δ | Allowed drop | Side by side |', '| --- | --- | --- | --- | --- | --- | --- |');
  for (const k of c.criteria) {
    const model = k.model
      ? [`${k.model.baseline.median} (${k.model.baseline.spread}) → ${k.model.current.median} (${k.model.current.spread})`, signed(k.model.delta) + mark(k.model.regressed)]
      : [k.modelMissing ? `only in the ${k.modelMissing === 'baseline' ? 'current' : 'baseline'} run` : '—', '—'];
    const allowed = k.model ? `${k.offline.margin} offline, ${k.model.margin} model` : String(k.offline.margin);
    const pair = c.pair ? c.pair.criteria[k.key].verdict : '—';
    out.push(`| ${k.title} | ${k.offline.baseline} → ${k.offline.current} | ${signed(k.offline.delta)}${mark(k.offline.regressed)} | ${model[0]} | ${model[1]} | ${allowed} | ${pair} |`);
  }
  out.push('');

  if (c.agreement?.length) {
    out.push('## Agreement of the measures and the model', '');
    out.push(`A criterion needs a look when its offline and model scores are more than ${AGREEMENT_GAP} points apart.`, '');
    out.push('| Criterion | Baseline (offline / model, gap) | Current (offline / model, gap) | Change |', '| --- | --- | --- | --- |');
    for (const a of c.agreement) {
      const cell = (s: typeof a.baseline) => `${s.offline} / ${s.model}, ${s.gap}${s.needsLook ? ' ⚠️ needs a look' : ''}`;
      const change = a.change === 'new' ? '**now needs a look**' : a.change === 'resolved' ? 'agrees again' : a.current.needsLook ? 'still needs a look' : 'agree';
      out.push(`| ${CRITERION_TITLES[a.key]} | ${cell(a.baseline)} | ${cell(a.current)} | ${change} |`);
    }
    out.push('');
  }

  out.push('## Metrics', '');
  out.push('| Metric | Criterion | Baseline | Current | Allowed change | |', '| --- | --- | --- | --- | --- | --- |');
  for (const m of c.metrics) {
    const allowed = m.worse === 'none' ? 'not gated' : `${m.worse === 'up' ? '+' : '−'}${formatMetric(m.threshold, m.unit)}`;
    const state = m.regressed ? '❌' : metricState(m);
    out.push(`| ${escapeMarkdown(m.label)} (\`${m.key}\`) | ${m.criterion} | ${formatMetric(m.baseline, m.unit)} | ${formatMetric(m.current, m.unit)} | ${allowed} | ${state} |`);
  }
  out.push('');

  out.push('## Screens', '');
  if (c.screens.length === 0) out.push('No screens compared (see the notes).', '');
  for (const s of c.screens) out.push(...screenSection(s, c.screenColours));
  if (c.unpairedMarkers.baseline.length || c.unpairedMarkers.current.length) {
    if (c.unpairedMarkers.baseline.length) out.push(`Markers only in the baseline: ${c.unpairedMarkers.baseline.map((k) => `\`${escapeCode(k)}\``).join(', ')}`, '');
    if (c.unpairedMarkers.current.length) out.push(`Markers only in the current run: ${c.unpairedMarkers.current.map((k) => `\`${escapeCode(k)}\``).join(', ')}`, '');
  }

  out.push(`## Frames${c.alignment ? ` (aligned by ${c.alignment})` : ''}`, '');
  if (c.frames.length === 0) out.push('No frames compared (see the notes).', '');
  else {
    out.push('| Moment | Baseline | Current | Diff | Changed pixels |', '| --- | --- | --- | --- | --- |');
    for (const f of c.frames) out.push(frameRow(f));
    out.push('');
    for (const f of c.frames) if (f.changedPixels > 0 && f.diffFile) out.push(`**${escapeMarkdown(f.label)}**`, '', `![diff ${escapeMarkdown(f.label)}](${escapeLinkTarget(f.diffFile)})`, '');
  }

  if (c.pair) {
    out.push('## Side by side (model)', '');
    out.push(`${escapeMarkdown(c.pair.provider)}/${escapeMarkdown(c.pair.model)} saw ${c.pair.moments.length} moment(s) with the sides in both orders; only a preference named both times counts.`, '');
    out.push('| Criterion | Baseline left | Current left | Verdict |', '| --- | --- | --- | --- |');
    for (const [k, v] of Object.entries(c.pair.criteria)) out.push(`| ${CRITERION_TITLES[k as keyof typeof CRITERION_TITLES]} | ${v.first} | ${v.second} | ${v.verdict} |`);
    out.push('');
  }

  if (c.notes.length) {
    out.push('## Notes', '');
    for (const n of c.notes) out.push(`- ${escapeMarkdown(n)}`);
    out.push('');
  }
  const t = c.thresholds;
  out.push('<details><summary>Thresholds</summary>', '');
  out.push(`Criteria (points a score may drop): ${Object.entries(t.criteria).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
  out.push(`Metrics (change allowed in the worse direction): ${Object.entries(t.metrics).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
  out.push(`Pixels: ${t.pixels === null ? 'report only' : `${t.pixels * 100}% per frame`}. Cells: ${t.cells === null ? 'report only' : `${t.cells} per screen`}.`, '', '</details>');
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function screenSection(s: ScreenDiff, colours: boolean): string[] {
  const title = `### ${escapeMarkdown(s.label)}: ${s.changedCells === 0 ? `no change${colours ? '' : ' in the text'}` : `${s.changedCells} of ${s.cells} cells changed`}${s.regressed ? ' ❌' : ''}`;
  if (s.rows.length === 0) return [title, ''];
  const lines: string[] = [];
  for (const r of s.rows.slice(0, MAX_ROWS_SHOWN)) lines.push(`- ${pad(r.row)}│${visible(r.baseline)}`, `+ ${pad(r.row)}│${visible(r.current)}`);
  const fence = fenceFor(lines.join('\n'));
  const more = s.rows.length > MAX_ROWS_SHOWN ? [`…and ${s.rows.length - MAX_ROWS_SHOWN} more changed rows (compare.json lists them all).`, ''] : [];
  return [title, '', `${fence}diff`, ...lines, fence, '', ...(s.sizeChanged ? ['The terminal size differs between the runs.', ''] : []), ...more];
}

/** Worse or better within the threshold, judged on the values as shown (a change too small to show is no change). */
function metricState(m: MetricDelta): string {
  if (m.delta === null || formatMetric(m.baseline, m.unit) === formatMetric(m.current, m.unit)) return '';
  if (m.worse === 'none') return 'changed';
  return (m.worse === 'up') === m.delta > 0 ? 'worse, within the threshold' : 'better';
}

function frameRow(f: FrameDiff): string {
  // Time-aligned moments are named by their time already.
  const time = f.label.startsWith('at ') ? '' : f.baselineTime === f.currentTime ? ` at ${f.baselineTime} s` : ` at ${f.baselineTime} s / ${f.currentTime} s`;
  const diff = f.diffFile ? `[diff](${escapeLinkTarget(f.diffFile)})` : 'sizes differ';
  const pct = `${f.changedPixels} (${(f.ratio * 100).toFixed(2)}%)${f.regressed ? ' ❌' : ''}`;
  return `| ${escapeMarkdown(f.label)}${time} | [baseline](${escapeLinkTarget(f.baselineFile)}) | [current](${escapeLinkTarget(f.currentFile)}) | ${diff} | ${pct} |`;
}

/** Terminal text inside a code block: escape bytes and other controls made visible. */
const visible = (s: string) => s.replace(/\x1b/g, '␛').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
/** A fence longer than any run of backticks in the text, so terminal text cannot close it. */
const fenceFor = (text: string) => '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
const escapeCode = (s: string) => s.replace(/`/g, "'");
const pad = (row: number) => String(row + 1).padStart(3, ' ');
const signed = (x: number) => (x > 0 ? `+${x}` : x < 0 ? `−${-x}` : '0');
const mark = (regressed: boolean) => (regressed ? ' ❌' : '');
