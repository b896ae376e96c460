/**
 * The suite's index.html: one self-contained page (no scripts, a
 * Content-Security-Policy that allows none, no outside requests) with a
 * table of scenarios × criteria, worst first, each scenario linking to its
 * own report page in its folder.
 */
import { escapeLinkTarget } from '../report/index.js';
import { CRITERIA, CRITERION_TITLES } from '../criteria.js';
import { worstFirst, type ScenarioResult, type SuiteResult } from './model.js';

const html = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
:root { color-scheme: light dark; --good: #1a7f37; --fair: #9a6700; --poor: #cf222e; --line: #8884; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; padding: 1.5rem; max-width: 80rem; }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
.facts { color: #888; margin: 0 0 1rem; }
.verdict { font-weight: 600; margin: 0 0 1rem; overflow-wrap: anywhere; }
.verdict.passed { color: var(--good); } .verdict.failed, .verdict.interrupted { color: var(--poor); }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .45rem .6rem; text-align: left; vertical-align: top; }
th { font-size: .85rem; }
td.score { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.good { color: var(--good); } td.fair { color: var(--fair); } td.poor { color: var(--poor); font-weight: 600; }
td.id { min-width: 11rem; }
td.id a { overflow-wrap: anywhere; }
.key { color: #888; }
.state { white-space: nowrap; }
.state.failed, .state.interrupted { color: var(--poor); font-weight: 600; }
.note { color: #888; font-size: .85rem; }
`;

/** The scenario's values one per line (the id repeats the suite name on every row); the id itself is the link's title. */
function label(s: ScenarioResult): string {
  const values = Object.entries(s.values);
  return values.length ? values.map(([k, v]) => `<span class="key">${html(k)}=</span>${html(v === '' ? '""' : v)}`).join('<br>') : html(s.id);
}

function row(s: ScenarioResult): string {
  const scores = CRITERIA.map((c) => {
    const sc = s.scores[c];
    if (!sc) return '<td class="score">—</td>';
    const source = sc.model !== null ? `model ${sc.model}, offline ${sc.offline ?? '—'}` : 'offline';
    return `<td class="score ${sc.verdict}" title="${html(source)}">${sc.score.toFixed(1)}${sc.model !== null ? '' : '°'}</td>`;
  }).join('');
  const state = s.state === 'passed' ? 'passed' : `${s.state} (exit ${s.exitCode})`;
  return (
    `<tr data-scenario="${html(s.id)}" data-state="${s.state}">` +
    `<td class="id"><a href="${html(escapeLinkTarget(`${s.slug}/index.html`))}" title="${html(s.id)}">${label(s)}</a></td>` +
    `<td class="state ${s.state}" title="${html(s.verdict)}">${html(state)}</td>${scores}` +
    `<td>${s.recording.cols}×${s.recording.rows}${s.recording.parallel ? ' <span class="note">(parallel)</span>' : ''}</td>` +
    `<td class="score">${s.durationSeconds.toFixed(1)}</td></tr>`
  );
}

export function suiteHtml(suite: SuiteResult): string {
  const facts = [`suite ${suite.suiteId}`, `${suite.scenarios.length} scenarios`, suite.createdAt.slice(0, 19).replace('T', ' ')];
  if (suite.shard) facts.push(`shard ${suite.shard.index}/${suite.shard.total} of ${suite.scenarioIds.length}`);
  if (suite.mergedFrom.length) facts.push(`merged from ${suite.mergedFrom.length} folders`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<title>termlens suite — ${html(suite.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>termlens suite — ${html(suite.name)}</h1>
<p class="facts">${facts.map(html).join(' · ')}</p>
<p class="verdict ${suite.state}">${html(suite.verdict)}</p>
<div class="table">
<table>
<thead><tr><th>Scenario</th><th>Result</th>${CRITERIA.map((c) => `<th>${html(CRITERION_TITLES[c])}</th>`).join('')}<th>Recorded at</th><th>Seconds</th></tr></thead>
<tbody>
${worstFirst(suite.scenarios).map(row).join('\n')}
</tbody>
</table>
</div>
<p class="note">Worst first: scenarios that did not pass, then by their lowest score. ° offline score (no vision model). Each scenario links to its own report.</p>
</body>
</html>
`;
}
