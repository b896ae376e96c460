import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Comparison } from '../../src/compare/index.js';
import Handlebars from 'handlebars';
import { runCli } from '../helpers/cli.js';
import { chromiumSkip, keepScreenshot, launchChromium, openReport } from '../report/html-browser.js';
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

test("the current run's page shows the agreement changes compare.md and compare.json show", async (t) => {
  const baseline = await judgedDimFolder({ visualClarity: 5, informationOrganization: 9, statusIndicators: 2, userExperience: 9 });
  const current = await judgedDimFolder({ visualClarity: 10, informationOrganization: 9, statusIndicators: 2, userExperience: 9 });
  const r = await runCli(['compare', baseline, current, '--no-pixels']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^HTML: /m, 'the page is written again with the comparison');
  const comparison = JSON.parse(await readFile(join(current, 'compare', 'compare.json'), 'utf8')) as Comparison;
  const clarity = comparison.agreement.find((a) => a.key === 'visualClarity')!;
  const html = await readFile(join(current, 'index.html'), 'utf8');
  assert.match(html, /<h3 id="compare-agreement">Agreement of the measures and the model<\/h3>/);
  assert.ok(html.includes(`<li>${Handlebars.escapeExpression(clarity.message)}</li>`), 'the news line is the one compare prints');

  const skip = chromiumSkip();
  if (skip) return t.skip(skip);
  const browser = await launchChromium();
  try {
    const { page, problems } = await openReport(browser, current);
    const rows = page.locator('#compare table.compare-agreement tbody tr');
    assert.equal(await rows.count(), comparison.agreement.length, 'one row per criterion both runs were judged on');
    const flagged = page.locator('#compare table.compare-agreement tr.needs-look');
    assert.equal(await flagged.count(), comparison.agreement.filter((a) => a.change === 'new').length);
    const text = await flagged.first().innerText();
    assert.match(text, /Visual clarity/);
    assert.ok(text.includes(`${clarity.baseline.offline.toFixed(1)} / 5.0, gap ${clarity.baseline.gap.toFixed(1)}`), text);
    assert.ok(text.includes(`${clarity.current.offline.toFixed(1)} / 10.0, gap ${clarity.current.gap.toFixed(1)}`), text);
    assert.match(text, /now needs a look/);
    assert.ok(await flagged.first().isVisible());
    assert.equal(await page.locator('#compare ul.agreement-news li').count(), 1, 'only the criterion whose agreement changed is news');
    assert.deepEqual(problems.pageErrors, []);
    await page.locator('#compare-agreement').scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'compare-agreement.png', false);
  } finally {
    await browser.close();
  }
});
