/**
 * Seeded fuzzing of the three readers of user files: the cast reader, the
 * config loader and the tape parser. Each gets a few hundred inputs made by
 * mutating real examples (cut, duplicated, spliced with syntax characters,
 * numbers pushed to extremes). Whatever the input, the reader either
 * accepts it or throws a TermlensError that exits 1 and says line:column;
 * never anything else. A failure prints the seed and the input's index.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCast } from '../../src/cast/index.js';
import { configFromYaml } from '../../src/config/index.js';
import { TermlensError, exitCodeFor } from '../../src/errors/index.js';
import { parseTape } from '../../src/tape/index.js';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';
import { mulberry32 } from '../helpers/seeded-random.js';

const SEED = 20261204;
const COUNT = 300;


const PIECES = ['"', "'", '`', '[', ']', '{', '}', ':', ',', '\n', ' ', '\t', '-', '#', '&a', '*a', '/', '\\', '@', '+', '0', '-1', '1e309', '99999999999', 'NaN', 'null', 'true', '\u0000', '\u00e9', '\ud83d\ude00', '\x1b[31m', '\r', '  '];

/** One mutation of `text`: several random cuts, insertions, duplications and swaps. */
function mutate(text: string, rnd: () => number): string {
  let s = text;
  const edits = 1 + Math.floor(rnd() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const len = Math.floor(rnd() * 20);
    switch (Math.floor(rnd() * 5)) {
      case 0:
        s = s.slice(0, at) + s.slice(at + len);
        break;
      case 1:
        s = s.slice(0, at) + PIECES[Math.floor(rnd() * PIECES.length)] + s.slice(at);
        break;
      case 2:
        s = s.slice(0, at) + s.slice(at, at + len).repeat(1 + Math.floor(rnd() * 4)) + s.slice(at);
        break;
      case 3:
        s = s.replace(/\d+/, () => PIECES[20 + Math.floor(rnd() * 5)]!);
        break;
      default:
        s = s.slice(0, at);
    }
  }
  return s;
}

async function fuzz(name: string, seeds: string[], read: (text: string, i: number) => Promise<unknown>): Promise<{ accepted: number; refused: number }> {
  const rnd = mulberry32(SEED);
  let accepted = 0;
  let refused = 0;
  for (let i = 0; i < COUNT; i++) {
    const input = mutate(seeds[i % seeds.length]!, rnd);
    try {
      await read(input, i);
      accepted++;
    } catch (e) {
      const where = `${name} input ${i} (seed ${SEED}): ${JSON.stringify(input.slice(0, 300))}`;
      assert.ok(e instanceof TermlensError, `${where}\nthrew ${(e as Error)?.stack ?? e}`);
      assert.equal(exitCodeFor(e), 1, `${where}\nexit ${exitCodeFor(e)}: ${e.message}`);
      assert.match(e.message, /:\d+:\d+: /, `${where}\nno line:column in: ${e.message.slice(0, 500)}`);
      // Every problem says what is allowed, never a validator's bare default.
      assert.doesNotMatch(e.message, /Invalid input|Invalid option|Expected \w+, received/, `${where}\n${e.message.slice(0, 500)}`);
      refused++;
    }
  }
  return { accepted, refused };
}

test('the cast reader, given 300 mutated casts, accepts them or exits 1 naming line:column', async () => {
  const dir = await tempDir('termlens-fuzz-cast-');
  const cast = [
    JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1, env: { TERM: 'xterm-256color' } }),
    JSON.stringify([0.1, 'o', 'hello \x1b[1mworld\x1b[0m\r\n']),
    JSON.stringify([0.5, 'i', 'q']),
    JSON.stringify([0.7, 'r', '100x30']),
    JSON.stringify([1.2, 'm', 'done']),
  ].join('\n');
  const v3 = ['{"version":3,"term":{"cols":80,"rows":24}}', '# a comment', '[0.1,"o","hi"]', '[0.2,"x","0"]'].join('\n');
  const { refused } = await fuzz('cast', [cast, v3], async (text, i) => {
    const path = join(dir, `${i}.cast`);
    writeFileSync(path, text);
    await readCast(path);
  });
  assert.ok(refused > COUNT / 4, `only ${refused} of ${COUNT} inputs were refused: the mutations are too mild to test anything`);
});

test('the config loader, given 300 mutated configs, accepts them or exits 1 naming line:column', async () => {
  const dir = await tempDir('termlens-fuzz-config-');
  const seeds = [readFileSync(join(ROOT, 'examples', 'demo.yaml'), 'utf8'), readFileSync(join(ROOT, 'examples', 'massgen.yaml'), 'utf8')];
  const { refused } = await fuzz('config', seeds, async (text) => {
    configFromYaml(text, join(dir, 'fuzz.yaml'), { cwd: dir });
  });
  assert.ok(refused > COUNT / 4, `only ${refused} of ${COUNT} inputs were refused`);
});

test('the tape parser, given 300 mutated tapes, accepts them or exits 1 naming line:column', async () => {
  const dir = await tempDir('termlens-fuzz-tape-');
  const seeds = ['all-commands.tape', 'all-settings.tape', 'reference.tape'].map((f) => readFileSync(join(ROOT, 'test', 'fixtures', 'tapes', f), 'utf8'));
  const { refused } = await fuzz('tape', seeds, async (text) => {
    parseTape(text, { file: join(dir, 'fuzz.tape') });
  });
  assert.ok(refused > COUNT / 4, `only ${refused} of ${COUNT} inputs were refused`);
});
