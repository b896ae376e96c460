import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TapeSyntaxError, checkTape, loadTape } from '../../src/tape/index.js';
import { assertTapeGolden, loadFixture, machineFree, stableJson, tapePath } from './fixtures.js';

describe('Source', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'termlens-tape-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('inlines sourced tapes, resolving each path against the tape that sources it', () => {
    const tape = loadFixture('source/main.tape');
    assertTapeGolden(stableJson(tape), 'source-main.json');
    // main.tape sources parts/setup.tape, which sources more.tape from its own folder.
    assert.equal(tape.settings.fontSize, 32);
    assert.equal(tape.settings.width, 800);
    assert.deepEqual(
      tape.commands.map((c) => `${machineFree(c.pos.file)}:${c.pos.line} ${c.kind}`),
      ['source/parts/more.tape:2 hide', 'source/parts/more.tape:3 type', 'source/parts/more.tape:3 key', 'source/parts/more.tape:4 show', 'source/main.tape:4 type', 'source/main.tape:5 key'],
    );
  });

  it('ignores Output in a sourced tape, with a warning, so it cannot redirect the recording', () => {
    const tape = loadFixture('source/main.tape');
    assert.deepEqual(tape.outputs.map((o) => o.path), ['main.gif']);
    assert.deepEqual(tape.warnings.map((w) => `${machineFree(w.pos.file)}:${w.pos.line}`), ['source/parts/setup.tape:1']);
  });

  it('detects a cycle of tapes sourcing each other and names every tape in it', () => {
    assert.throws(
      () => loadTape(tapePath('cycle/a.tape')),
      (e: unknown) =>
        e instanceof TapeSyntaxError &&
        e.diagnostics.length === 1 &&
        machineFree(e.diagnostics[0]!.message) === 'Source cycle: cycle/a.tape → cycle/b.tape → cycle/a.tape' &&
        machineFree(e.diagnostics[0]!.pos.file) === 'cycle/b.tape',
    );
  });

  it('detects a tape that sources itself', async () => {
    const self = join(dir, 'self.tape');
    await writeFile(self, 'Type "x"\nSource self.tape\n');
    const { errors } = checkTape('Type "x"\nSource self.tape\n', { file: self });
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /^Source cycle: .*self\.tape → .*self\.tape$/);
  });

  it('reports errors inside a sourced tape at their own file and line', async () => {
    await mkdir(join(dir, 'inc'), { recursive: true });
    await writeFile(join(dir, 'inc', 'broken.tape'), 'Type "fine"\nSet FontSize huge\n');
    const { errors } = checkTape('Source inc/broken.tape\nTpye "x"\n', { file: join(dir, 'main.tape') });
    assert.deepEqual(
      errors.map((e) => [e.pos.file, e.pos.line, e.pos.column]),
      [[join(dir, 'main.tape'), 2, 1], [join(dir, 'inc', 'broken.tape'), 2, 14]],
    );
  });

  it('rejects an empty sourced tape, a missing one and a file that is not a tape', async () => {
    await writeFile(join(dir, 'empty.tape'), '  \n');
    const { errors } = checkTape('Source empty.tape\nSource gone.tape\nSource notes.txt\nType "x"', { file: join(dir, 'm.tape') });
    assert.deepEqual(errors.map((e) => e.message.replace(dir, '<dir>')), [
      `"${join(dir, 'empty.tape')}" is empty`.replace(dir, '<dir>'),
      `cannot read "${join(dir, 'gone.tape')}" (looked in "${dir}")`.replace(dir, '<dir>'),
      'Source reads tape files; "notes.txt" must end in .tape',
    ]);
  });

  it('resolves Source in text without a file against the given folder', async () => {
    await writeFile(join(dir, 'settings.tape'), 'Set FontSize 40\n');
    const { tape } = checkTape('Source settings.tape\nType "x"', { cwd: dir });
    assert.equal(tape?.settings.fontSize, 40);
  });
});
