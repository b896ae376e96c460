/**
 * Text from the terminal and from the model is shown, never run: a target
 * that prints markup, a model that answers with markup, and a pre-test whose
 * output is markup, all end up as visible text in the page, in real Chromium.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { writeHtmlReport, type CompareView } from '../../src/report/html/index.js';
import type { JudgeSummary } from '../../src/report/index.js';
import { chromiumSkip, keepScreenshot, launchChromium, openReport } from './html-browser.js';
import { buildReportFolder, type ReportFixture } from './html-fixture.js';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const HOSTILE = `${SCRIPT} ${IMG}`;
const printHostile = `for (const line of ${JSON.stringify([SCRIPT, IMG])}) console.log(line)`;

const skip = chromiumSkip();
let browser: Promise<Browser> | undefined;
/** Launched by the first browser test, so a missing browser fails only those. */
const getBrowser = () => (browser ??= launchChromium());
let fixture: ReportFixture;

function hostileJudge(frames: number[]): JudgeSummary {
  const criterion = { median: 5, min: 4, max: 6, n: 3, findings: [{ frame: frames[0]!, text: HOSTILE }], recommendations: [HOSTILE] };
  return {
    provider: HOSTILE,
    model: HOSTILE,
    promptSet: HOSTILE,
    summary: HOSTILE,
    criteria: { visualClarity: criterion, informationOrganization: criterion, statusIndicators: criterion, userExperience: criterion },
  };
}

before(async () => {
  fixture = await buildReportFolder({
    command: process.execPath,
    args: ['-e', printHostile],
    target: HOSTILE,
    judge: hostileJudge,
    frameCount: 2,
    pretestCommand: `"${process.execPath}" -e '${printHostile}'`,
  });
  const first = fixture.scorecard.frames[0]!.file;
  const compare: CompareView = {
    baselineLabel: HOSTILE,
    currentLabel: HOSTILE,
    pairs: [{ label: HOSTILE, baseline: first, current: first, diff: first, changedRatio: 0 }],
    criteria: [{ key: 'visualClarity', baseline: 5, current: 5, delta: 0, regressed: false }],
  };
  await writeHtmlReport(fixture.reportDir, { compare });
});

after(async () => {
  await (await browser?.catch(() => undefined))?.close();
});

test('markup printed by the target or written by the model appears in the page source only escaped', async () => {
  const html = await readFile(join(fixture.reportDir, 'index.html'), 'utf8');
  assert.equal(html.match(/<script\b/g)?.length, 1, 'only the page’s own script');
  assert.doesNotMatch(html, /<img src=x/i);
  assert.doesNotMatch(html, /<script>alert/i);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test('in Chromium, hostile terminal and model text shows as text: no dialog fires and no element is created from it', { skip }, async () => {
  const { page, problems } = await openReport(await getBrowser(), fixture.reportDir);
  // Open every collapsed block, so nothing hostile stays unrendered.
  await page.locator('details').evaluateAll((els) => els.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  const dom = await page.evaluate(() => ({
    scripts: document.scripts.length,
    injected: document.querySelectorAll('img[src="x"], [onerror]').length,
    text: document.body.innerText,
  }));
  assert.deepEqual(problems.dialogs, []);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.outside, []);
  assert.equal(dom.scripts, 1);
  assert.equal(dom.injected, 0);
  // The text is still there for a person to read: the recorded output, the pre-test output, the finding.
  const shown = dom.text.split(SCRIPT).length - 1;
  assert.ok(shown >= 6, `the hostile text is shown as text ${shown} times`);
  assert.ok(dom.text.includes(IMG));
  assert.match(await page.locator('#pretest pre').first().innerText(), /<script>alert\(1\)<\/script>\n"><img src=x onerror=alert\(1\)>/);
  // The lightbox shows captions through textContent: opening it creates nothing either.
  await page.locator('#c-visualClarity .frame-link').click();
  await page.locator('#lightbox').waitFor({ state: 'visible' });
  assert.equal(await page.locator('img[src="x"], [onerror]').count(), 0);
  await page.keyboard.press('Escape');
  assert.deepEqual(problems.dialogs, []);
  await keepScreenshot(page, 'report-hostile-text.png');
  await page.close();
});

test('the page’s Content-Security-Policy blocks a script that is not its own, even one inside the page', { skip }, async () => {
  const html = await readFile(join(fixture.reportDir, 'index.html'), 'utf8');
  // What an escaping bug would produce: markup that reached the page unescaped.
  const tampered = html.replace('</main>', '<script>window.injected = 1</script><img src="frames/01.png" onload="window.injected = 2"></main>');
  await writeFile(join(fixture.reportDir, 'index.html'), tampered);
  try {
    const { page, problems } = await openReport(await getBrowser(), fixture.reportDir);
    assert.equal(await page.evaluate(() => (window as unknown as { injected?: number }).injected), undefined);
    assert.ok(problems.console.some((m) => /Content Security Policy/i.test(m)), problems.console.join('\n'));
    // The page's own script still runs: the lightbox opens.
    await page.locator('#frames a.thumb').first().click();
    await page.locator('#lightbox').waitFor({ state: 'visible' });
    await page.close();
  } finally {
    await writeFile(join(fixture.reportDir, 'index.html'), html);
  }
});
