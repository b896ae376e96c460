import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { applyRunFlags } from '../../src/cli/run-flags.js';
import { configFromObject } from '../../src/config/index.js';
import { monthsSince, outdatedDefaultLine, PRESETS, PROVIDERS, presetTable, resolveProvider, traitsOf, type ResolvedProvider } from '../../src/judge/index.js';
import { tempDir } from '../helpers/paths.js';

function openai(model?: string): ResolvedProvider {
  const r = resolveProvider({ flag: { provider: 'openai', ...(model ? { model } : {}) }, env: { OPENAI_API_KEY: 'sk-test-0123456789' } });
  assert.ok(r.configured);
  return r;
}

/** The first day of the month `months` after a YYYY-MM month: the clock the judge is given instead of the machine's. */
function monthsAfter(released: string, months: number): Date {
  const [y, m] = released.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 1));
}

test('every preset with a default model names its release month and whether it reasons', () => {
  for (const name of PROVIDERS) {
    const m = PRESETS[name].model;
    if (!m) continue;
    assert.match(m.released, /^20\d\d-(0[1-9]|1[0-2])$/, `${name}: release month`);
    assert.equal(typeof m.reasoning, 'boolean');
    assert.deepEqual(traitsOf({ provider: name }, m.id), { reasoning: m.reasoning, temperature: m.temperature, released: m.released, source: 'preset' });
  }
});

test('the judge says in one line when the default in use is more than twelve months old, and only then', () => {
  const released = PRESETS.openai.model!.released;
  assert.equal(outdatedDefaultLine(openai(), monthsAfter(released, 12)), undefined, 'twelve months is not yet outdated');
  const line = outdatedDefaultLine(openai(), monthsAfter(released, 13));
  assert.ok(line);
  assert.doesNotMatch(line, /\n/);
  assert.match(line, new RegExp(`${PRESETS.openai.model!.id.replace('.', '\\.')} was released ${released}, 13 months ago`));
  assert.match(line, /--model|judge\.model/);
  assert.equal(outdatedDefaultLine(openai('gpt-4.1-mini'), monthsAfter(released, 40)), undefined, 'a model the user chose is not second-guessed');
  assert.equal(monthsSince('2025-04', new Date(Date.UTC(2026, 11, 4))), 20);
});

test('the preset table marks as outdated exactly the defaults older than twelve months at the given date', () => {
  const now = monthsAfter(PRESETS.openai.model!.released, 14);
  const table = presetTable(now);
  for (const name of PROVIDERS) {
    const row = table.split('\n').find((l) => l.startsWith(`${name} `));
    assert.ok(row, `a row for ${name}`);
    const m = PRESETS[name].model;
    if (!m) {
      assert.match(row, /first model the server lists/);
      continue;
    }
    assert.ok(row.includes(m.id) && row.includes(m.released), row);
    assert.equal(row.includes('(outdated)'), monthsSince(m.released, now) > 12, row);
  }
});

test('models outside the presets are known by family: reasoning families get effort, older ones keep temperature', () => {
  const custom = { provider: 'custom' as const };
  assert.deepEqual(traitsOf(custom, 'gpt-5-mini'), { reasoning: true, temperature: false, source: 'family' });
  assert.deepEqual(traitsOf(custom, 'openai/o4-mini'), { reasoning: true, temperature: false, source: 'family' });
  assert.deepEqual(traitsOf(custom, 'gpt-4.1-mini'), { reasoning: false, temperature: true, source: 'family' });
  assert.deepEqual(traitsOf(custom, 'gemini-2.5-flash'), { reasoning: true, temperature: true, source: 'family' });
  assert.deepEqual(traitsOf(custom, 'claude-sonnet-4-5'), { reasoning: false, temperature: true, source: 'family' });
  assert.deepEqual(traitsOf(custom, 'claude-sonnet-5'), { reasoning: true, temperature: false, source: 'family' });
  assert.deepEqual(traitsOf(custom, 'qwen2.5vl'), { reasoning: false, temperature: true, source: 'unknown' });
});

test('termlens judge --list-presets prints the table without a run folder; without either it is a usage error', async () => {
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  const listed = await cli(['judge', '--list-presets']);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /^provider\s+default model\s+released\s+reasoning/);
  for (const name of PROVIDERS) {
    const m = PRESETS[name].model;
    if (m) assert.match(listed.stdout, new RegExp(`${name}\\s+${m.id.replace(/[./]/g, '\\$&')}\\s+${m.released}\\s+${m.reasoning ? 'yes' : 'no'}`));
  }
  const bare = await cli(['judge']);
  assert.equal(bare.code, 1);
  assert.match(bare.stderr, /needs a run folder/);
  assert.match(bare.stderr, /--list-presets/);
});

test('termlens run flags --max-tokens and --reasoning-effort override the config file judge settings', async () => {
  const config = configFromObject({ command: 'x', judge: { maxTokens: 4000, reasoningEffort: 'medium' } }, await tempDir());
  assert.deepEqual([config.judge.maxTokens, config.judge.reasoningEffort], [4000, 'medium']);
  const flagged = applyRunFlags(config, { judge: true, maxTokens: 12000, reasoningEffort: 'minimal' });
  assert.deepEqual([flagged.judge.maxTokens, flagged.judge.reasoningEffort], [12000, 'minimal']);
  assert.deepEqual([applyRunFlags(config, { judge: true }).judge.maxTokens, config.judge.reasoningEffort], [4000, 'medium']);
  assert.throws(() => configFromObject({ command: 'x', judge: { reasoningEffort: 'extreme' } }, config.source.baseDir), /judge\.reasoningEffort "extreme" is not one of/);
});
