import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Comparison } from '../../src/compare/index.js';
import { runCli } from '../helpers/cli.js';
import { judgedDimFolder } from '../report/judged-folder.js';

test('compare reports a criterion that starts to need a look, without calling it a regression', async () => {
  // The same dim display: first the model agrees with the measures on visual clarity, then it calls it flawless.
  const baseline = await judgedDimFolder({ visualClarity: 5, informationOrganization: 9, statusIndicators: 2, userExperience: 9 });
  const current = await judgedDimFolder({ visualClarity: 10, informationOrganization: 9, statusIndicators: 2, userExperience: 9 });
  const r = await runCli(['compare', baseline, current, '--no-pixels']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^AGREEMENT: Visual clarity now needs a look: model 10\.0 vs measures 5\.\d, 4\.\d points apart \(baseline 0\.\d: model 5\.0 vs measures 5\.\d\)$/m);
  assert.doesNotMatch(r.stdout, /AGREEMENT: (Information organization|Status indicators|User experience)/, 'unchanged agreement is not news');
  assert.match(r.stdout, /^VERDICT: no regression$/m);
  const comparison = JSON.parse(await readFile(join(current, 'compare', 'compare.json'), 'utf8')) as Comparison;
  const clarity = comparison.agreement.find((a) => a.key === 'visualClarity')!;
  assert.equal(clarity.change, 'new');
  assert.equal(clarity.baseline.needsLook, false);
  assert.equal(clarity.current.needsLook, true);
  assert.equal(comparison.regressions.length, 0);
  const md = await readFile(join(current, 'compare', 'compare.md'), 'utf8');
  assert.match(md, /\| Visual clarity \| 5\.\d \/ 5, 0\.\d \| 5\.\d \/ 10, 4\.\d ⚠️ needs a look \| \*\*now needs a look\*\* \|/);

  const back = await runCli(['compare', current, baseline, '--no-pixels']);
  assert.match(back.stdout, /^AGREEMENT: Visual clarity agrees again: model 5\.0 vs measures 5\.\d/m);
});
