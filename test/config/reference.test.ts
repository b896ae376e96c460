import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { KEY_DOCS, configFromObject, configReferenceTable, defaultAt, schemaKeyPaths } from '../../src/config/index.js';
import { ROOT, tempDir } from './helpers.js';

const DOC = join(ROOT, 'docs', 'config.md');
const START = '<!-- keys:start (generated from src/config/reference.ts; UPDATE_GOLDEN=1 rewrites it) -->';
const END = '<!-- keys:end -->';

test('every key of the schema is documented, and every documented key exists', () => {
  const documented = KEY_DOCS.map((d) => d.key);
  assert.deepEqual([...documented].sort(), [...schemaKeyPaths()].sort());
  assert.equal(new Set(documented).size, documented.length, 'a key is documented twice');
});

test('the documented defaults are the ones a config without settings really gets', () => {
  const filled = configFromObject({ command: 'x', pretest: {} }, tempDir()) as unknown as Record<string, unknown>;
  let checked = 0;
  for (const doc of KEY_DOCS) {
    if (doc.defaultText !== undefined) continue;
    const expected = defaultAt(doc.key);
    assert.notEqual(expected, undefined, `${doc.key} shows no default and has none in DEFAULTS`);
    let actual: unknown = filled;
    for (const part of doc.key.split('.')) actual = (actual as Record<string, unknown>)[part];
    assert.deepEqual(actual, expected, `${doc.key}: documented default differs from the filled config`);
    checked++;
  }
  assert.ok(checked >= 25, `only ${checked} defaults checked`);
});

test('docs/config.md carries the generated key table', () => {
  const text = readFileSync(DOC, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  assert.ok(start >= 0 && end > start, `docs/config.md lacks the ${START} … ${END} markers`);
  const current = text.slice(start + START.length + 1, end);
  const table = configReferenceTable();
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(DOC, text.slice(0, start + START.length + 1) + table + text.slice(end));
    return;
  }
  assert.equal(current, table, 'docs/config.md is out of date; run the test with UPDATE_GOLDEN=1');
});
