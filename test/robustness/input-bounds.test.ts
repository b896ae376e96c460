import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';

const BOMB = ['name: bomb', 'command: "true"', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]']
  .concat(['b', 'c', 'd', 'e', 'f', 'g'].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdef'[i]}`).join(',')}]`))
  .join('\n');

test('a YAML alias bomb in a config is a config error (exit 1) at its line and column, without a stack trace', async () => {
  const dir = await tempDir('termlens-bounds-');
  writeFileSync(join(dir, 'bomb.yaml'), BOMB + '\n');
  const r = await runCli(['run', 'bomb.yaml'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /bomb\.yaml:\d+:\d+: the YAML aliases \(\*name\) expand into more than 100 copies/);
  assert.doesNotMatch(r.stderr, /unexpected error|\n\s+at /);
});

test('a config nested 10,000 levels deep is refused at its line and column, quoting at most a clipped line', async () => {
  const dir = await tempDir('termlens-bounds-');
  writeFileSync(join(dir, 'deep.yaml'), `name: deep\ncommand: "true"\nvars: ${'['.repeat(10000)}${']'.repeat(10000)}\n`);
  const r = await runCli(['run', 'deep.yaml'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /deep\.yaml:3:\d+: .*nests (too deeply|deeper than 64 levels)/);
  const longest = Math.max(...r.stderr.split('\n').map((l) => l.length));
  assert.ok(longest < 300, `the longest line of the message is ${longest} characters`);
});

test('a steps file nested past the limit is refused the same way', async () => {
  const dir = await tempDir('termlens-bounds-');
  const deep = Array.from({ length: 80 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n');
  writeFileSync(join(dir, 'steps.yaml'), `- type:\n${deep} 1\n`);
  const r = await runCli(['record', '--steps', 'steps.yaml', '-o', 'x.cast', '--', 'cat'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /steps\.yaml:\d+:\d+: the YAML nests deeper than 64 levels/);
});

test('a 97-byte cast whose header claims 100000×2000 is refused at once naming the size and the maximum', async () => {
  const dir = await tempDir('termlens-bounds-');
  writeFileSync(join(dir, 'huge.cast'), '{"version":2,"width":100000,"height":2000}\n[0.1,"o","hi"]\n');
  for (const verb of ['screen', 'inspect']) {
    const r = await runCli([verb, 'huge.cast'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /huge\.cast:1:1: the header declares a 100000×2000 terminal; termlens reads casts up to 1000×500/);
  }
  writeFileSync(join(dir, 'grow.cast'), '{"version":2,"width":80,"height":24}\n[0.1,"o","hi"]\n[0.2,"r","100000x2000"]\n');
  const r = await runCli(['screen', 'grow.cast'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /grow\.cast:3:1: the resize event declares a 100000×2000 terminal/);
});
