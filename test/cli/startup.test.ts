/**
 * Each verb loads only what it needs: `--version` and `--help` nothing but
 * commander, and no verb the heavy parts (sharp, openai, xterm, ffmpeg, the
 * renderer) it never uses. Seen from outside, through a module-resolution
 * hook that lists every module the real command line loads.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';

const HOOK = join(ROOT, 'bench', 'trace-imports.mjs');

/** The packages (and termlens's own stage folders) a command line loads. */
async function loaded(args: string[]): Promise<{ packages: Set<string>; stages: Set<string>; stdout: string }> {
  const trace = join(await tempDir('termlens-startup-'), 'trace.txt');
  const run = spawnSync(process.execPath, ['--import', HOOK, ...CLI, ...args], { encoding: 'utf8', env: { ...process.env, TERMLENS_TRACE_IMPORTS: trace } });
  assert.equal(run.status, 0, run.stderr);
  const urls = readFileSync(trace, 'utf8').split('\n').map((l) => l.split(' <- ')[0]!);
  const packages = new Set(urls.flatMap((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []).filter((p) => p !== 'tsx' && p !== 'get-tsconfig' && p !== 'esbuild'));
  const stages = new Set(urls.flatMap((u) => /\/src\/([a-z-]+)\//.exec(u)?.[1] ?? []));
  return { packages, stages, stdout: run.stdout };
}

const HEAVY = ['sharp', 'openai', '@xterm/headless', 'fluent-ffmpeg', 'opentype.js', 'node-pty'];

test('termlens --version and --help load commander and nothing else', async () => {
  for (const args of [['--version'], ['--help']]) {
    const { packages, stages } = await loaded(args);
    assert.deepEqual([...packages], ['commander'], `${args.join(' ')} loaded ${[...packages].join(', ')}`);
    assert.deepEqual([...stages].filter((s) => s !== 'cli' && s !== 'errors'), [], `${args.join(' ')} loaded src/${[...stages].join(', src/')}`);
  }
});

test('termlens --help still lists every verb with a line saying what it does', async () => {
  const { stdout } = await loaded(['--help']);
  for (const verb of ['run', 'demo', 'pretest', 'record', 'render', 'frames', 'inspect', 'judge', 'report', 'compare', 'screen', 'tape']) {
    assert.match(stdout, new RegExp(`^  ${verb}\\s+\\S`, 'm'), `--help lists ${verb}`);
  }
});

test('a verb loads only the heavy parts it uses: pretest and report load no renderer, sharp or openai', async () => {
  const pretest = await loaded(['pretest', '--help']);
  for (const p of ['sharp', 'openai', 'fluent-ffmpeg', 'opentype.js']) assert.ok(!pretest.packages.has(p), `pretest loaded ${p}`);
  const report = await loaded(['report', '--help']);
  for (const p of HEAVY) assert.ok(!report.packages.has(p), `report loaded ${p}`);
  const judge = await loaded(['judge', '--help']);
  for (const p of HEAVY.filter((h) => h !== 'openai')) assert.ok(!judge.packages.has(p), `judge loaded ${p}`);
});

test('record loads the recorder without the step parser (yaml, zod) when no --steps is given', async () => {
  const dir = await tempDir('termlens-startup-record-');
  const plain = await loaded(['record', '-o', join(dir, 'true.cast'), '--', 'true']);
  assert.ok(plain.packages.has('node-pty'), 'record uses node-pty');
  for (const p of ['yaml', 'zod', 'sharp', 'openai', 'fluent-ffmpeg', 'opentype.js']) assert.ok(!plain.packages.has(p), `record without --steps loaded ${p}`);
  const steps = join(dir, 'steps.yaml');
  writeFileSync(steps, '- sleep: 10ms\n');
  const withSteps = await loaded(['record', '--steps', steps, '-o', join(dir, 'cat.cast'), '--', 'true']);
  assert.ok(withSteps.packages.has('yaml'), 'with --steps, the step file is parsed');
});

test('the verb asked for gets its full help, options included', async () => {
  const { stdout, packages } = await loaded(['help', 'frames']);
  assert.match(stdout, /Usage: termlens frames \[options\] <video>/);
  assert.match(stdout, /--strategy <name>/);
  assert.ok(packages.has('sharp'), 'frames uses sharp, so its module loads it');
});
