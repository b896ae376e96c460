import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TermlensError } from '../../src/errors/index.js';
import { BUILTIN_PROMPTS_DIR, listPromptSets, loadPromptSet, renderPrompt, type PromptSet } from '../../src/judge/index.js';
import { tempDir } from './setup.js';

const FRAMES = [
  { index: 1, time: 0.5, reason: 'distinct: new state' },
  { index: 2, time: 12, reason: 'distinct: final screen' },
];

function render(set: PromptSet, extra: { schemaJson?: string; images?: 'frames' | 'grid' | 'both' } = {}) {
  return renderPrompt(set, set.prompts[0]!, {
    context: { targetName: 'htop', command: 'htop -d 10', question: 'Show CPU load', measuredFacts: 'Visual clarity (visualClarity):\n- contrast: 40 % of 3,000 text cells are below 4.5:1 (WCAG AA)' },
    frames: FRAMES,
    images: extra.images ?? 'frames',
    hasGrid: true,
    ...(extra.schemaJson ? { schemaJson: extra.schemaJson } : {}),
  });
}

function usageError(fn: () => unknown, pattern: RegExp): TermlensError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof TermlensError, String(e));
    assert.match(`${e.message} ${e.hint}`, pattern);
    return e;
  }
  assert.fail('expected an error');
}

test('the built-in sets are the four-criteria default and the three focused questions', () => {
  const names = listPromptSets([BUILTIN_PROMPTS_DIR]).map((s) => s.name);
  assert.deepEqual(names, ['coordination-voting', 'default', 'overall-ux', 'status-indicators']);
  assert.deepEqual(loadPromptSet('default').prompts[0]!.criteria, ['visualClarity', 'informationOrganization', 'statusIndicators', 'userExperience']);
  assert.deepEqual(loadPromptSet('status-indicators').prompts[0]!.criteria, ['statusIndicators']);
});

test('every criterion rubric describes each score level from 10 down to 1, with its sub-points', () => {
  const set = loadPromptSet('default');
  for (const key of ['visualClarity', 'informationOrganization', 'statusIndicators', 'userExperience']) {
    const c = set.criteria[key]!;
    const levels = c.rubric.split('\n').map((l) => Number(/^(\d+) — /.exec(l)?.[1]));
    assert.deepEqual(levels, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], key);
    assert.ok(c.subpoints.length >= 4, key);
  }
  assert.match(set.criteria.visualClarity!.subpoints.join(' '), /escape codes/);
  assert.match(set.criteria.statusIndicators!.subpoints.join(' '), /waiting, streaming or working, answered, voted, completed, error/);
});

test('the rendered prompt carries the target, command, question, frame list, measured facts and rubric', () => {
  for (const name of ['default', 'overall-ux', 'coordination-voting', 'status-indicators']) {
    const { system, text } = render(loadPromptSet(name));
    assert.match(system, /reasoning before you decide its score/, name);
    assert.match(text, /Program: htop/, name);
    assert.match(text, /Command: `htop -d 10`/, name);
    assert.match(text, /Task given to the program: Show CPU load/, name);
    assert.match(text, /- Frame 2 at 12\.0 s \(distinct: final screen\)/, name);
    assert.match(text, /You are given 2 frames/, name);
    assert.match(text, /## Measured facts[\s\S]*They are measurements, not a verdict[\s\S]*40 % of 3,000 text cells are below 4\.5:1/, name);
    assert.doesNotMatch(text, /trust them|offline score/i, name);
    assert.match(text, /^4 — /m, name);
    assert.doesNotMatch(text, /\{\{|\}\}/, name);
  }
});

test('the schema is added to the prompt only for providers that ignore response_format', () => {
  const set = loadPromptSet('default');
  assert.doesNotMatch(render(set).text, /JSON Schema/);
  assert.match(render(set, { schemaJson: '{"type":"object"}' }).text, /matching this JSON Schema:\n\n```json\n\{"type":"object"\}\n```/);
});

test('an unknown set name is an error with a did-you-mean and the list of sets', () => {
  usageError(() => loadPromptSet('status-indicator'), /did you mean "status-indicators"\?.*Available sets: coordination-voting, default, overall-ux, status-indicators/s);
});

test('a user adds a set by dropping a folder or a single file into a prompts folder, and finds it by name', async () => {
  const dir = await tempDir();
  await mkdir(join(dir, 'colour-check', '_partials'), { recursive: true });
  await writeFile(
    join(dir, 'colour-check', 'colours.hbs'),
    '---\ndescription: Only colours.\ncriteria: [visualClarity]\nimages: grid\ndetail: low\n---\nLook at the colours of {{target}}. {{> note}}\n{{> rubric}}',
  );
  await writeFile(join(dir, 'colour-check', '_partials', 'note.hbs'), 'Ignore the layout.');
  await writeFile(join(dir, 'one-file.hbs'), '---\ncriteria: [userExperience]\n---\nHow does {{target}} feel? {{frameCount}} frames.');
  const searchDirs = [dir, BUILTIN_PROMPTS_DIR];
  assert.deepEqual(listPromptSets(searchDirs).map((s) => s.name), ['colour-check', 'one-file', 'coordination-voting', 'default', 'overall-ux', 'status-indicators']);

  const folder = loadPromptSet('colour-check', { searchDirs });
  assert.deepEqual([folder.prompts[0]!.images, folder.prompts[0]!.detail], ['grid', 'low']);
  assert.match(render(folder).text, /Look at the colours of htop\. Ignore the layout\.\n/);
  const single = loadPromptSet(join(dir, 'one-file.hbs'));
  assert.equal(single.name, 'one-file');
  assert.equal(render(single).text, 'How does htop feel? 2 frames.');
});

test('mistakes in a user set are reported with the file and a did-you-mean', async () => {
  const dir = await tempDir();
  const write = (name: string, text: string) => writeFile(join(dir, name), text);
  await write('typo-key.hbs', '---\ncritera: [visualClarity]\n---\nx');
  usageError(() => loadPromptSet(join(dir, 'typo-key.hbs')), /typo-key\.hbs.*unknown front matter key "critera"; did you mean "criteria"\?/);
  await write('bad-criterion.hbs', '---\ncriteria: [visualClarty]\n---\nx');
  usageError(() => loadPromptSet(join(dir, 'bad-criterion.hbs')), /scores "visualClarty".*did you mean "visualClarity"\?/);
  await write('bad-images.hbs', '---\ncriteria: [visualClarity]\nimages: video\n---\nx');
  usageError(() => loadPromptSet(join(dir, 'bad-images.hbs')), /front matter images/);
  await write('bad-syntax.hbs', '---\ncriteria: [visualClarity]\n---\nline one\n{{#each frames}}unclosed');
  usageError(() => loadPromptSet(join(dir, 'bad-syntax.hbs')), /not a valid handlebars template/);
  await write('bad-variable.hbs', '---\ncriteria: [visualClarity]\n---\nHello {{targt}}');
  usageError(() => render(loadPromptSet(join(dir, 'bad-variable.hbs'))), /cannot render the template.*"targt"/);
});

test('a set can define its own criterion with its own rubric', async () => {
  const dir = await tempDir();
  await mkdir(join(dir, 'spinners', '_criteria'), { recursive: true });
  await writeFile(join(dir, 'spinners', '_criteria', 'spinnerSmoothness.md'), '---\ntitle: Spinner smoothness\nsubpoints: [frame rate]\n---\n10 — smooth\n1 — frozen');
  await writeFile(join(dir, 'spinners', 'spin.hbs'), '---\ncriteria: [spinnerSmoothness, statusIndicators]\n---\n{{> rubric}}');
  const set = loadPromptSet(join(dir, 'spinners'));
  const text = render(set).text;
  assert.match(text, /### Spinner smoothness \(`spinnerSmoothness`\)\n\nConsider: frame rate\.\n\nScore levels:\n10 — smooth\n1 — frozen/);
  assert.match(text, /### Status indicators/);
});
