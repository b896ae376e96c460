import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { compareRuns } from '../../src/compare/index.js';
import { TermlensError } from '../../src/errors/index.js';
import { outdatedDefaultLine, PRESETS, resolveProvider, type ResolvedProvider } from '../../src/judge/index.js';
import { CRITERIA } from '../../src/criteria.js';
import { startFakeOpenAIServer, type FakeServer, type FakeServerOptions } from '../helpers/fake-openai-server.js';
import { tempDir } from '../helpers/media.js';
import { row, syntheticReport, type Screen } from './synthetic.js';

const SCREENS: Screen[] = [
  { marker: 'start', output: row(1, 'Deploying service') + row(3, 'step 1 of 2: upload') },
  { marker: 'end', output: row(3, 'step 2 of 2: restart') + row(5, 'done') },
];
const same = JSON.stringify({ criteria: Object.fromEntries(CRITERIA.map((k) => [k, { reasoning: `looked at ${k}`, better: 'same' }])), summary: 'no change' });

const servers: FakeServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

let reports: Promise<{ root: string; a: string; b: string }> | undefined;
const twoRuns = () =>
  (reports ??= (async () => {
    const root = await tempDir('termlens-pair-reasoning-');
    const [a, b] = await Promise.all([syntheticReport(join(root, 'a'), SCREENS), syntheticReport(join(root, 'b'), SCREENS)]);
    return { root, a, b };
  })());

async function serverAndProvider(options: FakeServerOptions, model: string): Promise<{ server: FakeServer; provider: ResolvedProvider }> {
  const server = await startFakeOpenAIServer(options);
  servers.push(server);
  const provider = resolveProvider({ flag: { baseURL: server.baseURL, model }, env: {} });
  assert.ok(provider.configured);
  return { server, provider };
}

test('--judge-pair renames a rejected max_tokens once for both orders and records the change with the verdict', async () => {
  const { root, a, b } = await twoRuns();
  const { server, provider } = await serverAndProvider({ reasoning: { rejectMaxTokens: true } }, 'fake-vision-1');
  server.script({ type: 'content', content: same }, { type: 'content', content: same });
  const c = await compareRuns({ baseline: a, current: b, outDir: join(root, 'out-rename'), judgePair: { provider } });
  const bodies = server.chatRequests().map((r) => r.body);
  assert.deepEqual(bodies.map((x) => [x.max_tokens, x.max_completion_tokens]), [[8192, undefined], [undefined, 8192], [undefined, 8192]], 'one 400, then the other order is asked right away');
  assert.equal(c.pair!.orders[0].adjustments![0]!.param, 'max_tokens');
  assert.equal(c.pair!.orders[1].adjustments![0]!.learned, true);
  assert.equal(c.pair!.criteria.visualClarity.verdict, 'same');
});

test('--judge-pair asks a reasoning model with reasoning_effort low and a budget with room to think; an answer lost to reasoning fails clearly', async () => {
  const { root, a, b } = await twoRuns();
  const { server, provider } = await serverAndProvider({ reasoning: { rejectTemperature: true, reasoningTokens: 40_000 } }, 'gpt-5.4-mini');
  await assert.rejects(
    compareRuns({ baseline: a, current: b, outDir: join(root, 'out-spent'), judgePair: { provider } }),
    (e: unknown) =>
      e instanceof TermlensError &&
      e.code === 'judge-failed' &&
      /spent its 16384-token budget on reasoning, and 32768 tokens on a retry, without answering; raise judge\.maxTokens or lower judge\.reasoningEffort/.test(e.message),
  );
  const bodies = server.chatRequests().map((r) => r.body);
  assert.deepEqual(bodies.map((x) => [x.reasoning_effort, x.max_tokens, x.temperature]), [['low', 16384, undefined], ['low', 32768, undefined]]);
});

/** The first day of the month `months` after a YYYY-MM release. */
function monthsAfter(released: string, months: number): Date {
  const [y, m] = released.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 1));
}

test('--judge-pair with a preset default over twelve months old prints the notice termlens judge prints, once; a chosen model or a recent default gets none', async () => {
  const { root, a, b } = await twoRuns();
  const server = await startFakeOpenAIServer({});
  servers.push(server);
  // The openai preset with its default model, sent to the stand-in server.
  const preset = resolveProvider({ flag: { provider: 'openai', baseURL: server.baseURL }, env: { OPENAI_API_KEY: 'sk-test-pair' } });
  assert.ok(preset.configured && preset.sources.model === 'preset');
  const released = PRESETS.openai.model!.released;
  const compareAt = async (provider: ResolvedProvider, now: Date, out: string) => {
    server.script({ type: 'content', content: same }, { type: 'content', content: same });
    const lines: string[] = [];
    const c = await compareRuns({ baseline: a, current: b, outDir: join(root, out), judgePair: { provider }, now, log: (line) => lines.push(line) });
    assert.equal(c.pair!.criteria.visualClarity.verdict, 'same');
    return lines;
  };

  const old = await compareAt(preset, monthsAfter(released, 13), 'out-outdated');
  assert.deepEqual(old, [outdatedDefaultLine(preset, monthsAfter(released, 13))]);
  assert.match(old[0]!, new RegExp(`default ${PRESETS.openai.model!.id.replace('.', '\\.')} was released ${released}, 13 months ago; a newer model may judge better`));
  assert.deepEqual(await compareAt(preset, monthsAfter(released, 12), 'out-recent'), [], 'twelve months is not yet outdated');
  const chosen = resolveProvider({ flag: { provider: 'openai', baseURL: server.baseURL, model: PRESETS.openai.model!.id }, env: { OPENAI_API_KEY: 'sk-test-pair' } });
  assert.ok(chosen.configured);
  assert.deepEqual(await compareAt(chosen, monthsAfter(released, 40), 'out-chosen'), [], 'a model the user named is theirs to judge');
});
