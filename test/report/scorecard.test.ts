import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildScorecard, renderScorecardMarkdown, writeReport, type ScorecardInput } from '../../src/report/index.js';
import { assertGolden } from '../helpers/golden.js';
import { tempDir } from '../helpers/media.js';

function offline(score: number, extra: Record<string, unknown> = {}) {
  return { score, ...extra };
}

function input(overrides: Partial<ScorecardInput> = {}): ScorecardInput {
  return {
    run: { runId: 'demo-20261127-000000', target: 'demo', command: 'demo-target --seed 1', date: '2026-11-27T00:00:00.000Z', termlensVersion: '0.1.0' },
    inspect: {
      criteria: {
        visualClarity: offline(8.4, { lowContrastShare: 0.02, debrisCount: 0 }),
        informationOrganization: offline(7.1, { density: 0.41 }),
        statusIndicators: offline(6.2, { distinctStateColours: 4 }),
        userExperience: offline(4.5, { longestSilenceSeconds: 9.5 }),
      },
    },
    frames: [
      { index: 1, time: 0.5, file: 'frames/01.png', reason: 'distinct: new state' },
      { index: 2, time: 12, file: 'frames/02.png', reason: 'distinct: final screen' },
    ],
    grid: 'grid.png',
    ...overrides,
  };
}

const judged: ScorecardInput['judge'] = {
  provider: 'openai',
  model: 'gpt-4o-mini',
  promptSet: 'default',
  criteria: {
    visualClarity: { median: 7, min: 6, max: 8, n: 3, findings: [{ frame: 2, text: 'Agent panels use low-contrast grey for streamed text.' }], recommendations: ['Raise body text contrast to at least 4.5:1.'] },
    informationOrganization: { median: 8, min: 8, max: 8, n: 3, findings: [], recommendations: [] },
    statusIndicators: { median: 4, min: 3, max: 6, n: 3, findings: [{ frame: 1, text: 'Waiting and working look alike.' }], recommendations: [] },
    userExperience: { median: 6, min: 5, max: 6, n: 3, findings: [], recommendations: [] },
  },
};

test('an offline scorecard says the judge was skipped and why, and scores from the inspector', () => {
  const card = buildScorecard(input({ run: { ...input().run, judgeSkipped: 'no API key or base URL set' } }));
  assert.equal(card.judge, 'offline');
  assert.deepEqual(
    card.criteria.map((c) => [c.key, c.score, c.verdict]),
    [
      ['visualClarity', 8.4, 'good'],
      ['informationOrganization', 7.1, 'good'],
      ['statusIndicators', 6.2, 'fair'],
      ['userExperience', 4.5, 'poor'],
    ],
  );
  const md = renderScorecardMarkdown(card);
  assert.match(md, /offline \(measured checks only: no API key or base URL set\)/);
  assertGolden(md, 'report/offline-scorecard.md');
});

test('a judged scorecard shows median and spread beside the offline score, and links findings to frames', () => {
  const md = renderScorecardMarkdown(buildScorecard(input({ judge: judged })));
  assert.match(md, /\| Status indicators \| 4\.0 \(range 3\.0–6\.0, n=3\) \| 6\.2 \| ❌ poor \|/);
  assert.match(md, /\[frame 1 at 0\.5s\]\(frames\/01\.png\): Waiting and working look alike\./);
  assertGolden(md, 'report/judged-scorecard.md');
});

test('a score under its minimum fails the quality gate, and the gate uses the model median when there is one', () => {
  const card = buildScorecard(input({ judge: judged, minScores: { statusIndicators: 5, visualClarity: 6 } }));
  assert.equal(card.passed, false);
  assert.deepEqual(
    card.gates.map((g) => [g.criterion, g.actual, g.source, g.passed]),
    [
      ['statusIndicators', 4, 'model', false],
      ['visualClarity', 7, 'model', true],
    ],
  );
  assert.match(renderScorecardMarkdown(card), /\| Status indicators \| 5\.0 \| 4\.0 \(model\) \| \*\*failed\*\* \|/);
});

test('terminal and model text cannot break the Markdown of the scorecard', () => {
  const hostile = 'a | b `code` <script>alert(1)</script> [x](javascript:alert(1)) **bold**\n# heading \x1b[31m';
  const card = buildScorecard(
    input({
      run: { ...input().run, target: hostile, command: 'run `x` | y' },
      judge: { ...judged!, criteria: { ...judged!.criteria, visualClarity: { median: 5, min: 5, max: 5, n: 1, findings: [{ frame: 1, text: hostile }], recommendations: [hostile] } } },
      frames: [{ index: 1, time: 1, file: 'frames/01 (1).png', reason: hostile }],
    }),
  );
  const md = renderScorecardMarkdown(card);
  assert.doesNotMatch(md, /<script>/);
  assert.doesNotMatch(md, /(?<!\\)\](?:\(javascript:)/, "no live link to javascript:");
  assert.doesNotMatch(md, /\x1b/);
  assert.ok(!/^# heading/m.test(md), 'a newline in outside text cannot start a heading');
  // Every table row keeps its cells (four in Scores, five in Agreement): no unescaped pipe leaked in.
  const scoreRows = md.split('\n').filter((l) => l.startsWith('| Visual clarity'));
  assert.equal(scoreRows.length, 2);
  for (const row of scoreRows) assert.equal(row.split(/(?<!\\)\|/).length - 2, /needs a look|agree within/.test(row) ? 5 : 4, row);
  assert.match(md, /\(frames\/01%20\(1\)\.png\)/, 'a link target with spaces and parentheses is encoded');
});

test('writeReport writes scorecard.json with schemaVersion and scorecard.md beside it', async () => {
  const dir = await tempDir();
  const written = await writeReport(join(dir, 'report'), input());
  const json = JSON.parse(await readFile(written.jsonFile, 'utf8'));
  assert.equal(json.schemaVersion, 1);
  assert.equal(json.criteria.length, 4);
  assert.equal(await readFile(written.markdownFile, 'utf8'), written.markdown);
});
