/**
 * The package as a user gets it: `npm pack` (which builds dist/ through
 * `prepare`), the tarball installed into an empty project with `npm install`,
 * and the installed `termlens` run through npx there, with no TypeScript, no
 * tsx and no checkout in sight.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { ROOT, tempDir } from '../helpers/paths.js';

const exec = promisify(execFile);
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Runs a command, and on failure throws with its whole output, so a broken install says why. */
async function run(command: string, args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env, TERMLENS_JUDGE_PROVIDER: '', OPENAI_API_KEY: '', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  try {
    return await exec(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

test('the packed tarball installs into an empty project, where npx termlens shows its version, runs the demo and runs a tape', async () => {
  const dir = await tempDir('termlens-package-');
  await run('npm', ['pack', '--pack-destination', dir], ROOT);
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, `npm pack wrote no tarball into ${dir}`);

  const { stdout: listing } = await run('tar', ['-tzf', join(dir, tarball)], dir);
  const files = listing.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
  for (const needed of ['bin/termlens.js', 'dist/src/cli/main.js', 'dist/src/report/templates/index.html.hbs', 'dist/examples/demo-target/main.js', 'examples/demo.yaml', 'prompts/default/criteria.hbs', 'README.md', 'LICENSE']) {
    assert.ok(files.includes(needed), `the tarball has ${needed}`);
  }
  const stray = files.filter((f) => /^(src|test|bench|scripts)\//.test(f) || /\.ts$/.test(f) || /^examples\/demo-target\//.test(f));
  assert.deepEqual(stray, [], 'the tarball ships no TypeScript sources, tests or scripts');

  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-termlens', version: '1.0.0', private: true }) + '\n');
  await run('npm', ['install', '--prefer-offline', '-D', join(dir, tarball)], project);
  assert.ok(!existsSync(join(project, 'node_modules', 'tsx')), 'tsx is a development dependency only');
  assert.ok(!existsSync(join(project, 'node_modules', 'typescript')), 'typescript is a development dependency only');

  const version = await run('npx', ['--no-install', 'termlens', '--version'], project);
  assert.equal(version.stdout.trim(), VERSION);

  const demo = await run('npx', ['--no-install', 'termlens', 'demo', '--no-judge', '--frames', '4', '--speed', '10'], project);
  assert.match(demo.stdout, /verdict:\s+passed/);
  const reports = readdirSync(join(project, 'reports'));
  assert.equal(reports.length, 1, 'the demo wrote its report into the project, not into the package');
  assert.ok(existsSync(join(project, 'reports', reports[0]!, 'scorecard.md')));
  assert.ok(existsSync(join(project, 'reports', reports[0]!, 'index.html')));
  assert.equal(readdirSync(join(project, 'reports', reports[0]!, 'frames')).filter((f) => f.endsWith('.png')).length, 4);

  writeFileSync(join(project, 'hello.tape'), ['Output hello.mp4', 'Output hello.txt', 'Set Width 640', 'Set Height 320', 'Type "echo hello" Enter', 'Wait+Screen /^hello$/', ''].join('\n'));
  const tape = await run('npx', ['--no-install', 'termlens', 'tape', 'hello.tape'], project);
  assert.match(tape.stdout, /wrote hello\.mp4/);
  assert.match(readFileSync(join(project, 'hello.txt'), 'utf8'), /^hello$/m);
  assert.ok(readFileSync(join(project, 'hello.mp4')).length > 1000, 'the tape rendered a video with the bundled ffmpeg');
});
