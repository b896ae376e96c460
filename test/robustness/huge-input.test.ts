import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCast } from '../../src/cast/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';

test('a tape typing 200 KB at TypingSpeed 0 hands every byte to the program, with no pty write error', async () => {
  const dir = await tempDir('termlens-huge-input-');
  const text = `echo ${'a'.repeat(200_000)}END | wc -c`;
  // The tape ends right after the Type: the next step may start only once the shell has taken all of it.
  writeFileSync(join(dir, 'big.tape'), `Output big.txt\nSet TypingSpeed 0\nType "${text}"\nEnter\nWait+Screen@120s /^200004$/\nType "${'b'.repeat(100_000)}"\nSleep 10ms\n`);
  const r = await runCli(['tape', 'big.tape'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr.slice(-2000));
  assert.doesNotMatch(r.stderr + r.stdout, /EBADF|Unhandled pty write error/);
  const { events } = await readCast(join(dir, 'big.cast'));
  assert.ok(events.some((e) => e.code === 'i' && e.data === text), 'the typed text is recorded whole');
  assert.match(readFileSync(join(dir, 'big.txt'), 'utf8'), /^200004$/m);
});
