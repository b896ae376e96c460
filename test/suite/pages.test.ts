import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildScorecard, renderScorecardMarkdown } from '../../src/report/index.js';
import { suiteHtml } from '../../src/suite/html.js';
import { suiteVerdict, worstFirst, type ScenarioResult, type SuiteResult } from '../../src/suite/model.js';
import { suiteGates, suiteMarkdown } from '../../src/suite/write.js';

function scenario(id: string, scores: number[], extra: Partial<ScenarioResult> = {}): ScenarioResult {
  const keys = ['visualClarity', 'informationOrganization', 'statusIndicators', 'userExperience'] as const;
  return {
    id,
    slug: id.replace(/[^A-Za-z0-9]+/g, '-'),
    values: { theme: id },
    state: 'passed',
    exitCode: 0,
    verdict: 'passed',
    error: null,
    durationSeconds: 3,
    stages: [],
    judge: 'offline',
    scores: Object.fromEntries(keys.map((k, i) => [k, { score: scores[i]!, offline: scores[i]!, model: null, verdict: scores[i]! >= 7 ? 'good' : scores[i]! >= 5 ? 'fair' : 'poor' }])),
    gates: [],
    recording: { cols: 80, rows: 24, parallel: false },
    shard: null,
    ...extra,
  };
}

function suite(scenarios: ScenarioResult[]): SuiteResult {
  return { schemaVersion: 1, suiteId: 's-1', name: 'demo', configFile: null, createdAt: '2026-12-04T15:00:00.000Z', termlensVersion: '0', scenarioIds: scenarios.map((s) => s.id), shard: null, mergedFrom: [], jobs: 1, scenarios, ...suiteVerdict(scenarios) };
}

test('worst first puts scenarios that did not pass first, then the lowest score', () => {
  const order = worstFirst([
    scenario('a', [10, 10, 10, 10]),
    scenario('b', [6, 10, 10, 10]),
    scenario('c', [9, 9, 9, 9], { state: 'failed', exitCode: 5 }),
    scenario('d', [10, 4, 10, 10]),
  ]).map((s) => s.id);
  assert.deepEqual(order, ['c', 'd', 'b', 'a']);
});

test("a suite's exit code is its worst scenario's, a crash outranking a failed gate", () => {
  const gate = scenario('g', [4, 10, 10, 10], { state: 'failed', exitCode: 5 });
  const crash = scenario('x', [], { state: 'failed', exitCode: 2, scores: {} });
  assert.deepEqual([suiteVerdict([gate]).exitCode, suiteVerdict([gate, crash]).exitCode, suiteVerdict([scenario('ok', [9, 9, 9, 9])]).exitCode], [5, 2, 0]);
  assert.match(suiteVerdict([gate, crash]).verdict, /^failed \(exit 2\): 2 of 2 scenarios did not pass: g, x$/);
});

test('JUnit has a run case per scenario and a case per gate, failing where it failed', () => {
  const gated = scenario('demo[size=80x24]', [4, 10, 10, 10], {
    state: 'failed',
    exitCode: 5,
    error: { code: 'quality-gate', message: 'quality gate failed' },
    gates: [{ criterion: 'visualClarity', min: 6, actual: 4, source: 'offline', passed: false }],
  });
  const gates = suiteGates(suite([gated, scenario('demo[size=120x36]', [10, 10, 10, 10])]));
  assert.deepEqual(gates.map((g) => `${g.suite} ${g.name} ${g.passed}`), ['demo[size=120x36] run true', 'demo[size=80x24] run true', 'demo[size=80x24] visualClarity false']);
});

test('hostile scenario values cannot break the suite table or page', () => {
  const evil = scenario('demo[q=<script>alert(1)</script>|`x`]', [10, 10, 10, 10]);
  evil.values = { q: '<script>alert(1)</script>|`x`' };
  const page = suiteHtml(suite([evil]));
  assert.ok(!page.includes('<script>'), 'no markup from values');
  assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  const md = suiteMarkdown(suite([evil]));
  const row = md.split('\n').find((l) => l.startsWith('| [demo'))!;
  assert.equal(row.split(/(?<!\\)\|/).length, 10, `the row keeps its 8 cells: ${row}`);
});

test('a scorecard says when its recording shared the machine with other recordings', () => {
  const input = (parallel: boolean) => ({
    run: { runId: 'r', target: 't', command: 'c', date: 'd', termlensVersion: '0', ...(parallel ? { recordedInParallel: true } : {}) },
    inspect: { criteria: { visualClarity: { score: 10 }, informationOrganization: { score: 10 }, statusIndicators: { score: 10 }, userExperience: { score: 10 } } },
    frames: [],
  });
  assert.match(renderScorecardMarkdown(buildScorecard(input(true))), /made while other scenarios recorded \(record\.parallel: true\)/);
  assert.doesNotMatch(renderScorecardMarkdown(buildScorecard(input(false))), /other scenarios recorded/);
});
