import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeKey, parseKey, type ParsedKey } from '../../src/record/keys.js';

function nameOf(input: string): string {
  const parsed = parseKey(input);
  assert.ok(!('error' in parsed), `${input}: ${(parsed as { error: string }).error}`);
  return (parsed as ParsedKey).name;
}

describe('key names', () => {
  it('keeps the case of a letter typed with Alt, since Alt+b and Alt+B send different bytes', () => {
    assert.equal(nameOf('Alt+b'), 'Alt+b');
    assert.equal(nameOf('alt+B'), 'Alt+B');
    assert.equal(nameOf('meta+q'), 'Alt+q');
    assert.equal(encodeKey(nameOf('Alt+b')), '\x1bb');
    assert.equal(encodeKey(nameOf('Alt+B')), '\x1bB');
  });

  it('spells Ctrl chords with a capital letter, as both cases send the same control code', () => {
    assert.equal(nameOf('ctrl+c'), 'Ctrl+C');
    assert.equal(nameOf('Ctrl+Alt+x'), 'Ctrl+Alt+X');
    assert.equal(encodeKey('Ctrl+c'), encodeKey('Ctrl+C'));
  });

  it('sends the same bytes for a canonical name as for the name it came from', () => {
    const inputs = ['Alt+b', 'Alt+B', 'option+z', 'Alt+Shift+b', 'Shift+a', 'Ctrl+Alt+c', 'ctrl+shift+up', 'Alt+1', 'Alt+é', 'q', 'Q', 'Alt++', 'esc', 'Alt+Enter'];
    for (const input of inputs) {
      const name = nameOf(input);
      assert.equal(encodeKey(name), encodeKey(input), `${input} → ${name}`);
      assert.equal(nameOf(name), name, `${name} is its own canonical name`);
    }
  });
});
