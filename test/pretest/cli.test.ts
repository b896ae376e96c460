import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { PretestResult } from '../../src/pretest/index.js';
import { runCli } from '../helpers/cli.js';
import { ROOT, tempDir } from './helpers.js';

/** Run `termlens …` from the repository; `onStderr` sees stderr as it comes and may act on the child. */
function termlens(args: string[], onStderr?: (text: string, child: ChildProcess) => void) {
  return runCli(args, onStderr ? { onOutput: (out, child) => onStderr(out.stderr, child) } : {});
}

async function config(body: string): Promise<{ dir: string; path: string }> {
  const dir = await tempDir();
  const path = join(dir, 'target.yaml');
  writeFileSync(path, body);
  return { dir, path };
}

test('a full-screen program that finds no terminal in the pre-test gets a hint to run it headless or record without a pre-test', async (t) => {
  // Real programs from Debian, each with its own way of saying it needs a terminal.
  for (const command of ['top -n 1', 'ncdu /tmp', 'nano']) {
    await t.test(command, async () => {
      const { path } = await config(`command: "${command}"\npretest: { protocol: smoke, smokeSeconds: 5, timeout: 20s }\n`);
      const r = await termlens(['pretest', path]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /hint: The pre-test runs the program headless \(no terminal\) and it asked for one: .*pretest: false/);
    });
  }
  // A program that fails for another reason is not told it needs a terminal.
  const { path } = await config('command: "echo bad config >&2; exit 1"\npretest: { protocol: exit-code }\n');
  const r = await termlens(['pretest', path]);
  assert.equal(r.code, 2);
  assert.doesNotMatch(r.stderr, /headless/);
});

test('a passing pre-test prints one verdict line, writes pretest.json and exits 0', async () => {
  const { dir, path } = await config('command: "echo {{word}}"\nvars: { word: hi }\npretest: { protocol: exit-code }\n');
  const out = join(dir, 'pretest.json');
  const r = await termlens(['pretest', path, '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^PRETEST: passed: exited 0 \([\d.]+s\)\n$/);
  const result = JSON.parse(readFileSync(out, 'utf8')) as PretestResult;
  assert.equal(result.schemaVersion, 1);
  assert.equal(result.command, 'echo hi');
  assert.deepEqual(result.output.stdout, ['hi']);
});

test('a failing pre-test exits 2 with the reason, after writing pretest.json', async () => {
  const { dir, path } = await config('command: "echo broken >&2; exit 5"\npretest: { protocol: exit-code }\n');
  const out = join(dir, 'pretest.json');
  const r = await termlens(['pretest', path, '-o', out, '--quiet']);
  assert.equal(r.code, 2);
  assert.match(r.stdout, /^PRETEST: failed: exited with code 5: broken/);
  assert.match(r.stderr, /termlens pretest: pre-test failed: exited with code 5: broken/);
  assert.equal((JSON.parse(readFileSync(out, 'utf8')) as PretestResult).verdict, 'failed');
});

test('a pre-test that runs out of time exits 3', async () => {
  const { path } = await config('command: "sleep 30"\npretest: { protocol: exit-code, timeout: 1s }\n');
  const r = await termlens(['pretest', path, '--quiet']);
  assert.equal(r.code, 3);
  assert.match(r.stdout, /^PRETEST: timeout: did not exit within the 1s timeout; stopped/);
});

test('Ctrl+C stops the program, writes pretest.json and exits 4', async () => {
  const { dir, path } = await config('command: "sleep 100"\npretest: { protocol: smoke, smokeSeconds: 60, timeout: 90s }\n');
  const out = join(dir, 'pretest.json');
  let sent = false;
  const r = await termlens(['pretest', path, '-o', out], (text, child) => {
    if (!sent && /started \(pid \d+\)/.test(text)) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  assert.equal(r.code, 4, r.stderr);
  assert.match(r.stdout, /^PRETEST: interrupted:/);
  const result = JSON.parse(readFileSync(out, 'utf8')) as PretestResult;
  assert.equal(result.verdict, 'interrupted');
  assert.equal(result.stoppedBy, 'interrupt');
});

test('a bad config exits 1 before anything runs', async () => {
  const { dir, path } = await config('command: "touch ran"\npretest: { protocol: smok }\n');
  const r = await termlens(['pretest', path]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /pretest\.protocol "smok" is not one of .* \(did you mean "smoke"\?\)/);
  assert.equal(existsSync(join(dir, 'ran')), false);
});

test('the bundled demo config passes its pre-test, with the question given on the command line', async () => {
  const r = await termlens(['pretest', join(ROOT, 'examples', 'demo.yaml'), '--question', "What's the plan?"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^PRETEST: passed: run completed: winner agent_\w+/);
  assert.match(r.stderr, /initial_answer \d+%/);
});
