import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';
import { offlineEnv } from '../pipeline/helpers.js';

const KEY = 'sk-proj-Zx81abcDEFghiJKLmnoPQRstu0987';
const PASSWORD = 'correct-horse-battery';

test('a .env passed as a steps file by mistake is refused without quoting any of its values', async () => {
  const dir = await tempDir('termlens-plain-');
  writeFileSync(join(dir, 'secrets.env'), `- OPENAI_API_KEY=${KEY}\n- DB_PASSWORD=${PASSWORD}\n- ${KEY}\n`);
  const r = await runCli(['record', '--steps', 'secrets.env', '-o', 'x.cast', '--', 'cat'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /secrets\.env:1:1: this does not look like a steps file: none of its 3 items is a step/);
  assert.ok(!r.stderr.includes(KEY) && !r.stderr.includes(PASSWORD), r.stderr);
});

test('a bad value in a real steps file is masked when it looks like a key or is the value of a secret variable', async () => {
  const dir = await tempDir('termlens-plain-');
  writeFileSync(join(dir, 'steps.yaml'), `- type: hi\n- key: ${KEY}\n- sleep: ${PASSWORD}\n`);
  const r = await runCli(['record', '--steps', 'steps.yaml', '-o', 'x.cast', '--', 'cat'], { cwd: dir, env: { ...process.env, DB_PASSWORD: PASSWORD } });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /steps\.yaml:2:3: step 2 \(key\): \[redacted\]/);
  assert.match(r.stderr, /steps\.yaml:3:3: step 3 \(sleep\): "\[redacted\]" is not a duration/);
  assert.ok(!r.stderr.includes(KEY) && !r.stderr.includes(PASSWORD), r.stderr);
});

test('`wait-exit: true` is refused saying what wait-exit takes, not a bare "Invalid input"', async () => {
  const dir = await tempDir('termlens-plain-');
  writeFileSync(join(dir, 'steps.yaml'), '- type: hi\n- wait-exit: true\n');
  const r = await runCli(['record', '--steps', 'steps.yaml', '-o', 'x.cast', '--', 'cat'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /steps\.yaml:2:3: step 2 \(wait-exit\): "true" is not allowed: wait-exit takes no value \(write "- wait-exit"\) or a timeout/);
  assert.doesNotMatch(r.stderr, /Invalid input/);
});

test('a config section given as a single value says it is not a section, not "Invalid input"', async () => {
  const dir = await tempDir('termlens-plain-');
  writeFileSync(join(dir, 'c.yaml'), 'name: c\ncommand: "true"\njudge: openai\n');
  const r = await runCli(['run', 'c.yaml'], { cwd: dir, env: offlineEnv() });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /c\.yaml:3:8: judge "openai" is not a section/);
  assert.doesNotMatch(r.stderr, /Invalid input/);
});
