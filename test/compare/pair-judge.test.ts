import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { compareRuns, preferenceOf, spreadPick, verdictOf, type Side } from '../../src/compare/index.js';
import { TermlensError } from '../../src/errors/index.js';
import { resolveProvider, type ResolvedProvider } from '../../src/judge/index.js';
import { CRITERIA } from '../../src/criteria.js';
import { imageParts, startFakeOpenAIServer, type FakeServer } from '../helpers/fake-openai-server.js';
import { tempDir } from '../helpers/media.js';
import { row, syntheticReport, type Screen } from './synthetic.js';

const GOOD: Screen[] = [
  { marker: 'start', output: row(1, 'Deploying service') + row(3, 'step 1 of 2: upload') },
  { marker: 'end', output: row(3, 'step 2 of 2: restart') + row(5, 'done') },
];
const DIM = (s: Screen): Screen => ({ ...s, output: `\x1b[38;2;40;40;40m${s.output}` });

/** An answer in the pair schema: `visualClarity` gets `side`, the other criteria "same". */
const answer = (side: Side) =>
  JSON.stringify({
    criteria: Object.fromEntries(CRITERIA.map((k) => [k, { reasoning: `looked at ${k}`, better: k === 'visualClarity' ? side : 'same' }])),
    summary: 'compared',
  });

let server: FakeServer | undefined;
after(() => server?.close());
let made: Promise<{ root: string; good: string; dim: string; provider: ResolvedProvider; server: FakeServer }> | undefined;
const setup = () =>
  (made ??= (async () => {
    const root = await tempDir('termlens-compare-pair-');
    const [good, dim] = await Promise.all([syntheticReport(join(root, 'good'), GOOD), syntheticReport(join(root, 'dim'), GOOD.map(DIM))]);
    server = await startFakeOpenAIServer();
    const provider = resolveProvider({ flag: { baseURL: server.baseURL, model: 'fake-vision-1' }, env: {} });
    assert.ok(provider.configured);
    return { root, good, dim, provider, server };
  })());

test('a side is preferred only when the model names the same run with the sides in both orders', () => {
  assert.equal(preferenceOf('left', 'baseline-left'), 'baseline');
  assert.equal(preferenceOf('left', 'current-left'), 'current');
  assert.equal(verdictOf(preferenceOf('left', 'baseline-left'), preferenceOf('right', 'current-left')), 'baseline');
  assert.equal(verdictOf(preferenceOf('left', 'baseline-left'), preferenceOf('left', 'current-left')), 'inconsistent');
  assert.deepEqual(spreadPick(10, 3), [3, 6, 9]);
  assert.deepEqual(spreadPick(2, 6), [0, 1]);
});

test('a baseline preferred in both orders is a regression of that criterion; the two requests show the sides swapped', async () => {
  const { root, good, dim, provider, server } = await setup();
  const before = server.chatRequests().length;
  // Baseline on the left, the model says left; current on the left, it says right: the baseline both times.
  server.script({ type: 'content', content: answer('left') }, { type: 'content', content: answer('right') });
  const c = await compareRuns({ baseline: good, current: dim, outDir: join(root, 'out-consistent'), judgePair: { provider } });
  const requests = server.chatRequests().slice(before);
  assert.equal(requests.length, 2);
  const [first, second] = requests.map((r) => imageParts(r.body).map((p) => p.url));
  assert.equal(first!.length, c.frames.length, 'one side-by-side image per aligned moment');
  assert.notDeepEqual(first, second, 'the second request shows the sides the other way round');
  assert.equal(requests[0]!.body.response_format.json_schema.name, 'termlens_pair_judgment');
  assert.equal(c.pair!.criteria.visualClarity.verdict, 'baseline');
  assert.equal(c.pair!.criteria.userExperience.verdict, 'same');
  assert.ok(c.regressions.some((r) => r.kind === 'pair' && r.criterion === 'visualClarity'));
});

test('a model that always prefers the left side is inconsistent, and its verdict does not count', async () => {
  const { root, good, provider, server } = await setup();
  const other = await syntheticReport(join(root, 'good-again'), GOOD);
  server.script({ type: 'content', content: answer('left') }, { type: 'content', content: answer('left') });
  const c = await compareRuns({ baseline: good, current: other, outDir: join(root, 'out-biased'), judgePair: { provider } });
  assert.equal(c.pair!.criteria.visualClarity.first, 'baseline');
  assert.equal(c.pair!.criteria.visualClarity.second, 'current');
  assert.equal(c.pair!.criteria.visualClarity.verdict, 'inconsistent');
  assert.equal(c.passed, true);
});

test('an answer off the schema fails the comparison with the raw text quoted, never a pass', async () => {
  const { root, good, dim, provider, server } = await setup();
  server.script({ type: 'content', content: '{"criteria": {"visualClarity": {"better": "both"}}}' });
  await assert.rejects(
    compareRuns({ baseline: good, current: dim, outDir: join(root, 'out-bad'), judgePair: { provider } }),
    (e: unknown) => e instanceof TermlensError && e.code === 'judge-failed' && /does not match the schema/.test(e.message) && /"better": "both"/.test(e.message),
  );
});
