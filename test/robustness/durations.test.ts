import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';

// Node's timers fire at once past 2^31 − 1 ms (about 596 h); every duration stops at 24 h with a clear error instead.

test('a --timeout past the 24h maximum is refused with exit 1 before anything runs', async () => {
  const dir = await tempDir('termlens-durations-');
  const r = await runCli(['record', '--timeout', '99999h', '-o', join(dir, 'x.cast'), '--', 'true'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /--timeout "99999h" is not a duration .*at most 24h/);
  assert.ok(!existsSync(join(dir, 'x.cast')));
});

test('a sleep step past the maximum is refused naming the file, line and the 24h maximum', async () => {
  const dir = await tempDir('termlens-durations-');
  writeFileSync(join(dir, 'steps.yaml'), '- type: hi\n- sleep: 999h\n');
  const r = await runCli(['record', '--steps', 'steps.yaml', '-o', 'x.cast', '--', 'cat'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /steps\.yaml:2:\d+: step 2 \(sleep\): "999h" is longer than the 24h maximum/);
});

test("a tape's Sleep past the maximum is an error at its line and column, and nothing runs", async () => {
  const dir = await tempDir('termlens-durations-');
  writeFileSync(join(dir, 'long.tape'), 'Output long.txt\nType "hi"\nSleep 99999m\n');
  const r = await runCli(['tape', 'long.tape'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /long\.tape:3:7: error: Sleep "99999m" is longer than the 24h maximum/);
  assert.ok(!existsSync(join(dir, 'long.txt')));
});

test('a config duration past the maximum is a config error naming the key', async () => {
  const dir = await tempDir('termlens-durations-');
  writeFileSync(join(dir, 'c.yaml'), 'name: c\ncommand: "true"\nrecord:\n  timeout: 999h\n');
  const r = await runCli(['run', 'c.yaml'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /record\.timeout "999h" is longer than the 24h maximum/);
  assert.ok(!existsSync(join(dir, 'recordings')));
});
