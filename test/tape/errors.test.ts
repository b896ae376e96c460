import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TermlensError, exitCodeFor } from '../../src/errors/index.js';
import { TapeSyntaxError, checkTape, formatDiagnostic, loadTape, parseTape } from '../../src/tape/index.js';
import { assertTapeGolden, machineFree, tapePath } from './fixtures.js';

function errorOf(fn: () => unknown): TapeSyntaxError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof TapeSyntaxError, `expected a TapeSyntaxError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the tape to be rejected');
}

describe('tape errors', () => {
  it('reports every error of a tape, not just the first, as one usage error of the tape stage', () => {
    const error = errorOf(() => loadTape(tapePath('errors/values.tape')));
    assert.ok(error instanceof TermlensError);
    assert.equal(error.code, 'usage');
    assert.equal(error.stage, 'tape');
    assert.equal(exitCodeFor(error), 1);
    // One error per bad line: lines 1–37 of the fixture each hold one mistake.
    assert.deepEqual(error.diagnostics.map((d) => d.pos.line), Array.from({ length: 37 }, (_, i) => i + 1));
    assert.match(error.message, /^.*values\.tape has 37 errors:\n/);
    for (const d of error.diagnostics) assert.ok(error.message.includes(d.message), `message lacks ${d.message}`);
    assertTapeGolden(machineFree(error.message) + '\n', 'errors-values.txt');
  });

  it('shows the file, line and column, the source line and a caret under the bad token', () => {
    const error = errorOf(() => parseTape('Type "ok"\nSet FontSize big\n', { file: 'demo.tape' }));
    assert.equal(
      error.message,
      [
        'demo.tape has 1 error:',
        'demo.tape:2:14: error: Set FontSize expects a whole number of pixels, got "big"',
        '    2 | Set FontSize big',
        '      |              ^^^',
      ].join('\n'),
    );
  });

  it('lines the caret up under source indented with tabs', () => {
    const { errors, sources } = checkTape('\t\tSleep 1h', { file: 't.tape' });
    assert.equal(formatDiagnostic(errors[0]!, sources).split('\n')[2], '      | \t\t       ^');
  });

  it('suggests the command or setting that was meant', () => {
    const error = errorOf(() => loadTape(tapePath('errors/misspelt.tape')));
    const messages = error.diagnostics.map((d) => `${d.pos.line}:${d.pos.column} ${d.message}`);
    assert.deepEqual(messages, [
      '2:1 unknown command "Tpye"; did you mean "Type"?',
      '3:5 unknown setting "FontSiz"; did you mean "FontSize"?',
      '4:5 unknown setting "Them"; did you mean "Theme"?',
      '5:1 unknown command "Sleeep"; did you mean "Sleep"?',
      '6:1 unknown command "enter"; did you mean "Enter"?',
      '8:1 unknown command "PageDwn"; did you mean "PageDown"?',
      '9:1 "FontSize" is a setting; write "Set FontSize …"',
    ]);
    assertTapeGolden(machineFree(error.message) + '\n', 'errors-misspelt.txt');
  });

  it('suggests values for misspelt shells, window bars and Wait scopes', () => {
    const { errors } = checkTape('Set Shell zhs\nSet WindowBar rings\nWait+line');
    assert.deepEqual(errors.map((e) => e.message), [
      '"zhs" is not a shell VHS supports; did you mean "zsh"?',
      '"rings" is not a window bar style; did you mean "Rings"?',
      'Wait+ expects Line or Screen, got "line"; did you mean "Line"?',
    ]);
  });

  it('gives one message for one mistake, skipping the rest of its line', () => {
    const { errors } = checkTape('Tpye "a" "b" 3\nSleep soon now\nType "fine"');
    assert.deepEqual(errors.map((e) => e.pos.line), [1, 2]);
  });

  it('rejects a tape with no commands, and a window too small for its padding', () => {
    assert.match(errorOf(() => parseTape('# only a comment\n')).message, /the tape has no commands/);
    const small = errorOf(() => loadTape(tapePath('errors/small-window.tape')));
    assert.deepEqual(
      small.diagnostics.map((d) => [d.pos.line, d.message]),
      [[2, 'the window (100×600) is smaller than its padding, margin and window bar need (at least 120×120)']],
    );
  });

  it('says a tape file that does not exist is not found', () => {
    assert.throws(() => loadTape(tapePath('no-such.tape')), (e: unknown) => e instanceof TermlensError && e.code === 'not-found' && /no-such\.tape/.test(e.message));
  });
});
