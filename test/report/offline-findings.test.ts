import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildScorecard, offlineFindings, offlineSummary } from '../../src/report/index.js';

const metrics = (over: Record<string, unknown>) => ({
  criteria: {
    visualClarity: {
      score: 6,
      components: [{ name: 'contrast', points: 0, max: 4, basis: '99.7% of text below 4.5:1' }],
      measures: {
        worstPairs: [
          { fg: '#2a2a2a', bg: '#000000', ratio: 1.46, cells: 754, example: { text: 'Multi-Agent Coordination System', row: 1, col: 5, time: 2.4 } },
          { fg: '#f8f8f2', bg: '#282a36', ratio: 13.4, cells: 9000, example: { text: 'fine', row: 3, col: 0, time: 0.5 } },
        ],
        debris: { occurrences: 0, examples: [] },
      },
    },
    informationOrganization: { score: 10, measures: { overflow: { examples: [{ row: 4, time: 1, text: 'this line was cut' }] } } },
    statusIndicators: { score: 6, measures: { statusWords: { distinct: 0 }, icons: { distinct: 0 }, spinners: { cells: 3 } } },
    userExperience: { score: 7, measures: { longestSilence: { seconds: 4.2, from: 3.1, to: 7.3 }, flicker: { perSecond: 0 }, errors: { examples: [] } } },
    ...over,
  },
});

test('a contrast pair under 4.5:1 becomes a finding with its colours, ratio and an example cell; a readable pair does not', () => {
  const f = offlineFindings('visualClarity', metrics({}).criteria.visualClarity.measures);
  assert.equal(f.length, 1);
  assert.match(f[0]!.text, /#2a2a2a on #000000 has a contrast of 1\.46:1 \(WCAG asks 4\.5:1\) on 754 cells, e\.g\. "Multi-Agent Coordination System" at row 2, column 6/);
  assert.equal(f[0]!.time, 2.4);
});

test('no state words or icons and a long busy silence are findings; a criterion scoring 10 gets none', () => {
  const summary = offlineSummary(metrics({}) as never);
  assert.match(summary.findings!.statusIndicators![0]!.text, /no state words or status icons: state shows only as a spinner/);
  assert.match(summary.findings!.userExperience![0]!.text, /did not change for 4\.2 s \(from 3\.1 s to 7\.3 s\)/);
  assert.equal(summary.findings!.informationOrganization, undefined, 'a perfect score has nothing to fix, whatever the measures hold');
});

test('in the scorecard, offline findings follow the model findings and link the frame nearest their time', () => {
  const frames = [1, 2, 3].map((i) => ({ index: i, time: i, file: `frames/0${i}.png`, reason: 'uniform' }));
  const card = buildScorecard({
    run: { runId: 'r', target: 't', command: 'c', date: 'd', termlensVersion: 'v' },
    inspect: offlineSummary(metrics({}) as never),
    frames,
  });
  const vc = card.criteria.find((c) => c.key === 'visualClarity')!;
  assert.match(vc.findings[0]!.text, /^Measured: text #2a2a2a/);
  assert.equal(vc.findings[0]!.frame?.index, 2, '2.4 s is nearest frame 2 at 2 s');
});
