/**
 * The two halves of the scorecard side by side: a model that calls a
 * dim-text display flawless disagrees with the measures by more than 3
 * points, and every report form (Markdown, JSON, HTML in a real browser)
 * says the criterion needs a look and names the frames both cite.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scorecard } from '../../src/report/index.js';
import { runCli } from '../helpers/cli.js';
import { judgedDimFolder } from './judged-folder.js';
import { chromiumSkip, keepScreenshot, launchChromium, openReport } from './html-browser.js';

/** A calibration.json as termlens calibrate writes it (the parts a scorecard cites). */
async function calibrationFile(dir: string, model: string): Promise<string> {
  const file = join(dir, 'calibration.json');
  const criteria = { visualClarity: { pairs: 12, correct: 11, ties: 0, accuracy: 11 / 12, meanMargin: 2.5, spread: 0.5 } };
  await writeFile(file, JSON.stringify({ schemaVersion: 1, provider: 'custom', model, promptSet: 'default', criteria }));
  return file;
}

test('a model 3+ points from the measures is flagged "needs a look" in scorecard.md, scorecard.json and index.html, naming the frames both cite', async (t) => {
  const dir = await judgedDimFolder({ visualClarity: 10, informationOrganization: 9, statusIndicators: 9, userExperience: 9 });
  const calibration = await calibrationFile(dir, 'fake-vision-1');
  const r = await runCli(['report', dir, '--calibration', calibration]);
  assert.equal(r.code, 0, r.stderr);

  const card = JSON.parse(await readFile(join(dir, 'scorecard.json'), 'utf8')) as Scorecard;
  const clarity = card.criteria.find((c) => c.key === 'visualClarity')!;
  assert.ok(clarity.offline!.score <= 6, `the measures see the dim text (offline ${clarity.offline!.score})`);
  assert.equal(clarity.model!.median, 10);
  assert.equal(clarity.agreement!.needsLook, true);
  assert.equal(clarity.agreement!.gap, Math.round((10 - clarity.offline!.score) * 10) / 10);
  assert.ok(clarity.agreement!.modelFrames.length > 0, 'the model cites a frame');
  assert.ok(clarity.agreement!.offlineFrames.length > 0, 'the measured findings point at a frame');
  assert.deepEqual(card.agreement, { threshold: 3, needsLook: card.criteria.filter((c) => c.agreement!.gap > 3).map((c) => c.key) });
  assert.ok(card.agreement!.needsLook.includes('visualClarity'));
  const agreeing = card.criteria.filter((c) => !c.agreement!.needsLook);
  assert.ok(agreeing.length > 0 && agreeing.every((c) => c.agreement!.gap <= 3 && /^agree within 3 points/.test(c.agreement!.note)));
  assert.match(clarity.calibration!.text, /^this model ordered 92 % of known pairs correctly on visual clarity \(12 pairs\)$/);

  const frames = (xs: number[]) => `${xs.length === 1 ? 'frame' : 'frames'} ${xs.join(', ')}`;
  const md = await readFile(join(dir, 'scorecard.md'), 'utf8');
  assert.match(md, /## Agreement of the measures and the model/);
  const line = md.split('\n').find((l) => l.startsWith('| Visual clarity |') && l.includes('needs a look'));
  assert.ok(line, md);
  assert.ok(line.includes(`the model cites ${frames(clarity.agreement!.modelFrames)}`), line);
  assert.ok(line.includes(`the measures point at ${frames(clarity.agreement!.offlineFrames)}`), line);
  assert.match(md, /- Visual clarity: this model ordered 92 % of known pairs correctly on visual clarity/);

  const html = await readFile(join(dir, 'index.html'), 'utf8');
  assert.match(html, /needs a look/);
  assert.match(html, /this model ordered 92 % of known pairs correctly on visual clarity/);

  const skip = chromiumSkip();
  if (skip) return t.skip(skip);
  const browser = await launchChromium();
  try {
    const { page, problems } = await openReport(browser, dir);
    const flagged = page.locator('table.agreement tr.needs-look');
    assert.equal(await flagged.count(), card.agreement!.needsLook.length);
    const text = await flagged.first().innerText();
    assert.match(text, /Visual clarity[\s\S]*needs a look/);
    assert.ok(await flagged.first().isVisible());
    // The cited frames are links to the frame tiles on the same page.
    const links = await flagged.first().locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, [...clarity.agreement!.modelFrames, ...clarity.agreement!.offlineFrames].map((n) => `#frame-${n}`));
    assert.ok(await page.locator('.card .needs-look').first().isVisible(), 'the score card carries the flag too');
    assert.deepEqual(problems.pageErrors, []);
    await keepScreenshot(page, 'agreement-needs-look.png');
  } finally {
    await browser.close();
  }
});

test('a calibration of another model is cited as that model, not as this one', async () => {
  const dir = await judgedDimFolder({ visualClarity: 10, informationOrganization: 9, statusIndicators: 9, userExperience: 9 });
  const r = await runCli(['report', dir, '--calibration', await calibrationFile(dir, 'other-model')]);
  assert.equal(r.code, 0, r.stderr);
  const md = await readFile(join(dir, 'scorecard.md'), 'utf8');
  assert.match(md, /other-model with prompt set default \(not this run's fake-vision-1, default\) ordered 92 % of known pairs/);
  const bad = await runCli(['report', dir, '--calibration', join(dir, 'metrics.json')]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /metrics\.json" is not a valid calibration\.json: provider/);
});
