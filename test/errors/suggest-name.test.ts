import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, suggestName } from '../../src/errors/index.js';

const CRITERIA = ['visualClarity', 'informationOrganization', 'statusIndicators', 'userExperience'];
const THEMES = ['Dracula', 'Catppuccin Mocha', 'Nord', 'Solarized Dark', 'Gruvbox Dark', 'Tokyo Night'];
const KEYS = ['Enter', 'Tab', 'Escape', 'Space', 'Backspace', 'Up', 'Down', 'PageUp', 'PageDown', 'Home', 'End'];

test('two swapped neighbouring letters count as one edit', () => {
  assert.equal(editDistance('dracual', 'dracula'), 1);
  assert.equal(editDistance('ab', 'ba'), 1);
  assert.equal(editDistance('secpae', 'escape'), 2);
});

test('insertions, deletions and substitutions each count as one edit, either way round', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('sitting', 'kitten'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('abc', ''), 3);
  assert.equal(editDistance('visualclarty', 'visualclarity'), 1);
  assert.equal(editDistance('same', 'same'), 0);
});

test('a swapped pair is not edited again (optimal string alignment)', () => {
  assert.equal(editDistance('ca', 'abc'), 3);
});

test('a misspelt criterion or theme gets the name that was meant', () => {
  assert.equal(suggestName('visualClarty', CRITERIA), 'visualClarity');
  assert.equal(suggestName('Dracual', THEMES), 'Dracula');
  assert.equal(suggestName('status_indicatros', CRITERIA), 'statusIndicators');
});

test('a name with two swapped pairs is still recognised', () => {
  assert.equal(suggestName('sEcpae', KEYS), 'Escape');
  assert.equal(suggestName('PgaeDwon', KEYS), 'PageDown');
});

test('nothing is suggested when no name is close', () => {
  assert.equal(suggestName('zzzzzz', THEMES), undefined);
  assert.equal(suggestName('anything', []), undefined);
});
