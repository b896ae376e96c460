import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectCast } from '../../src/inspect/index.js';
import { measuredFacts } from '../../src/judge/index.js';
import { castWithProblems, tempDir } from './setup.js';

test('the measured facts give ratios, counts and the frame each occurs in, never a score', async () => {
  const dir = await tempDir();
  const metrics = await inspectCast(await castWithProblems(dir));
  assert.ok(metrics.criteria.visualClarity.score < 10, 'the cast really loses offline points');
  const facts = measuredFacts(metrics, [
    { index: 1, time: 0.6 },
    { index: 2, time: 1.1 },
    { index: 3, time: 4.7 },
  ]);
  assert.match(facts, /Visual clarity \(visualClarity\):/);
  assert.match(facts, /% of \d+ text cells are below 4\.5:1/);
  assert.match(facts, /#464646 on #\w{6}: \d\.\d+:1 on \d+ cells, e\.g\. "dim grey status line here" on row 1 \(at 0\.\d s, frame 1\)/);
  assert.match(facts, /escape-code debris shown as text: \d+ occurrences? .*"\[31m".*frame 2\)/);
  assert.match(facts, /lines past the right edge: [1-9]\d* wrapped row/);
  assert.match(facts, /longest time the screen did not change while the program ran: 3\.1 s .*frame 2\)/);
  assert.match(facts, /status icons: none/);
  // Blind: not one score, point or verdict travels to the model.
  assert.doesNotMatch(facts, /score|points|\/10|\/4|trust/i);
  for (const c of Object.values(metrics.criteria)) assert.ok(!facts.includes(`${c.score}/`), `score ${c.score} leaked`);
});

test('a metrics.json without measures gives no facts, and frames are optional', async () => {
  assert.equal(measuredFacts(undefined), '');
  assert.equal(measuredFacts({ criteria: { visualClarity: { score: 8 } } }), '');
  const dir = await tempDir();
  const facts = measuredFacts(await inspectCast(await castWithProblems(dir)));
  assert.match(facts, /on row 1 \(at 0\.\d s\)/, 'without frames, the moment is given instead');
});
