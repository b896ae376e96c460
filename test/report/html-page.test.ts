/**
 * The HTML report of a real run (the demo target recorded through the PTY,
 * rendered, framed, inspected and scored), opened in headless Chromium from
 * the report folder alone. Screenshots are kept under test-artifacts/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { writeHtmlReport, type CompareView } from '../../src/report/html/index.js';
import type { JudgeSummary } from '../../src/report/index.js';
import { chromiumSkip, keepScreenshot, launchChromium, openReport } from './html-browser.js';
import { DEMO, buildCompare, buildReportFolder, type ReportFixture } from './html-fixture.js';

const skip = chromiumSkip();
const demoArgs = (...extra: string[]) => ['--import', 'tsx', DEMO, '--speed', '10', '--seed', '7', ...extra];

/** A model verdict with findings on the second and last frames, as the judge stage would hand it over. */
function judge(frames: number[]): JudgeSummary {
  const second = frames[1] ?? frames[0]!;
  const last = frames.at(-1)!;
  const plain = { min: 7, max: 9, n: 3, findings: [], recommendations: [] };
  return {
    provider: 'openai',
    model: 'gpt-4o-mini',
    promptSet: 'default',
    summary: 'A clear multi-agent display; the voting panel could stand out more.',
    criteria: {
      visualClarity: { ...plain, median: 8, findings: [{ frame: second, text: 'Streamed text in the agent panels is easy to read.' }], recommendations: ['Keep body text above 4.5:1.'] },
      informationOrganization: { ...plain, median: 8 },
      statusIndicators: { ...plain, median: 6, min: 5, findings: [{ frame: last, text: 'The winner is marked only by a small trophy.' }], recommendations: ['Give the winning agent a coloured border.'] },
      userExperience: { ...plain, median: 7 },
    },
  };
}

let browser: Browser;
let current: ReportFixture;
let compare: CompareView;

before(async () => {
  if (skip) return;
  const [baseline, spoilt] = await Promise.all([
    buildReportFolder({ command: process.execPath, args: demoArgs(), target: 'demo', frameCount: 4 }),
    buildReportFolder({
      command: process.execPath,
      args: demoArgs('--defect', 'low-contrast'),
      target: 'demo (low contrast)',
      judge,
      pretestCommand: `"${process.execPath}" --import tsx "${DEMO}" --automation --speed 10 --seed 7`,
    }),
  ]);
  current = spoilt;
  compare = await buildCompare(baseline, current);
  await writeHtmlReport(current.reportDir, { compare });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

test('the report page loads from its folder alone, with no console errors and no request outside the folder', { skip }, async () => {
  const { page, problems } = await openReport(browser, current.reportDir);
  assert.deepEqual(problems, { console: [], pageErrors: [], dialogs: [], outside: [], failed: [] });
  assert.equal(await page.title(), 'termlens — demo (low contrast)');
  const html = await readFile(join(current.reportDir, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /(?:src|href)="(?:https?:)?\/\//, 'no absolute or network URL');
  // Everything the reader needs is on the page.
  for (const id of ['scores', 'video', 'frames', 'criteria', 'compare', 'pretest', 'metrics']) assert.ok(await page.locator(`#${id}`).isVisible(), `section ${id}`);
  assert.equal(await page.locator('#frames .grid li').count(), current.scorecard.frames.length);
  assert.match(await page.locator('#pretest').innerText(), /passed[\s\S]*exited 0/);
  assert.match(await page.locator('#metrics').innerText(), /Terminal\s+100×30/);
  await keepScreenshot(page, 'report-laptop.png');
  await page.close();
});

test('the session video in the page plays', { skip }, async () => {
  const { page, problems } = await openReport(browser, current.reportDir);
  await page.locator('#session-video').evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await page.waitForFunction(() => (document.getElementById('session-video') as HTMLVideoElement).currentTime > 0.3, undefined, { timeout: 15_000 });
  const state = await page.locator('#session-video').evaluate((v: HTMLVideoElement) => ({ width: v.videoWidth, height: v.videoHeight, error: v.error?.code ?? null }));
  assert.deepEqual(state, { width: 960, height: 540, error: null });
  assert.deepEqual(problems.console, []);
  await page.close();
});

test('clicking a frame in the grid opens it enlarged; next shows the following frame and Escape closes it', { skip }, async () => {
  const { page, problems } = await openReport(browser, current.reportDir);
  const dialog = page.locator('#lightbox');
  assert.equal(await dialog.isVisible(), false);
  await page.locator('#frame-2 a.thumb').click();
  await dialog.waitFor({ state: 'visible' });
  const shown = () => page.locator('#lb-img').evaluate((i: HTMLImageElement) => i.decode().then(() => ({ src: i.getAttribute('src'), width: i.naturalWidth })));
  assert.deepEqual(await shown(), { src: 'frames/02.png', width: 960 });
  assert.match(await page.locator('#lb-caption').innerText(), /^#2 · \d+\.\d s · /);
  // The enlarged frame is wider on screen than its thumbnail in the grid.
  const big = (await page.locator('#lb-img').boundingBox())!;
  const thumb = (await page.locator('#frame-2 img').boundingBox())!;
  assert.ok(big.width > thumb.width * 2, `enlarged ${big.width}px, thumbnail ${thumb.width}px`);
  await keepScreenshot(page, 'report-lightbox.png', false);
  await page.locator('#lightbox [data-step="1"]').click();
  assert.equal((await shown()).src, 'frames/03.png');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await shown()).src, 'frames/02.png');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.deepEqual(problems.console, []);
  await page.close();
});

test('a finding links to its frame, and clicking the link opens that frame', { skip }, async () => {
  const { page } = await openReport(browser, current.reportDir);
  const link = page.locator('#c-statusIndicators .frame-link');
  const lastFrame = current.scorecard.frames.at(-1)!;
  assert.equal(await link.getAttribute('href'), lastFrame.file);
  assert.match(await page.locator('#c-statusIndicators .findings').innerText(), /The winner is marked only by a small trophy\./);
  await link.click();
  await page.locator('#lightbox').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#lb-img').getAttribute('src'), lastFrame.file);
  await page.close();
});

test('the comparison shows baseline, current and diff side by side and names the regressed criterion', { skip }, async () => {
  const { page } = await openReport(browser, current.reportDir);
  const row = page.locator('#compare tbody tr', { hasText: 'Visual clarity' });
  assert.match(await row.innerText(), /regressed/);
  // The two demo runs are separate recordings: on a busy machine a timing measure may move too,
  // so the headline must count what compare found and the list must name visual clarity.
  const regressed = compare.criteria.filter((c) => c.regressed).map((c) => c.key);
  assert.ok(regressed.includes('visualClarity'), regressed.join(', '));
  assert.equal(await page.locator('#compare .result').innerText(), regressed.length === 1 ? '1 criterion regressed' : `${regressed.length} criteria regressed`);
  assert.match(await page.locator('#compare .regressions').innerText(), /(^|\n)visualClarity: offline score 10 → \d/);
  const boxes = await Promise.all([1, 2, 3].map((n) => page.locator(`#compare .pair >> nth=1 >> .triptych a:nth-child(${n}) img`).boundingBox()));
  assert.ok(boxes.every((b) => b && Math.abs(b.y - boxes[0]!.y) < 1), 'the three images share a row');
  assert.ok(boxes[0]!.x < boxes[1]!.x && boxes[1]!.x < boxes[2]!.x);
  await page.locator('#compare .pair >> nth=1 >> .triptych a:nth-child(3)').click();
  assert.equal(await page.locator('#lb-img').getAttribute('src'), compare.pairs[1]!.diff);
  await page.close();
});

test('on a 390 px wide phone screen the page fits the width without sideways scrolling', { skip }, async () => {
  const { page, problems } = await openReport(browser, current.reportDir, { width: 390, height: 844 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
  // Frames two to a row, so they stay large enough to recognise.
  const tiles = await page.locator('#frames .grid li').evaluateAll((els) => els.slice(0, 2).map((e) => e.getBoundingClientRect().top));
  assert.equal(tiles[0], tiles[1]);
  assert.deepEqual(problems.console, []);
  await keepScreenshot(page, 'report-phone.png');
  await page.close();
});

test('verdict badges and status marks are words in their colour with a drawn mark, so they read without an emoji font', { skip }, async () => {
  const { page, problems } = await openReport(browser, current.reportDir);
  const marks = await page.locator('.card .verdict, .criterion .badge .verdict, .result.ok, .result.bad').evaluateAll((els) =>
    els.map((e) => {
      const icon = e.querySelector('svg.icon');
      const box = icon?.getBoundingClientRect();
      const use = icon?.querySelector('use')?.getAttribute('href') ?? '';
      const symbol = use ? document.querySelector(use) : null;
      return {
        text: (e as HTMLElement).innerText.trim(),
        classes: e.className,
        colour: getComputedStyle(icon ?? e).color,
        iconSize: box ? [Math.round(box.width), Math.round(box.height)] : null,
        drawn: !!symbol && symbol.querySelectorAll('path, circle').length > 0,
      };
    }),
  );
  const rootColour = (name: string) => page.evaluate((n) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${n})`;
    document.body.append(probe);
    const c = getComputedStyle(probe).color;
    probe.remove();
    return c;
  }, name);
  const colours = { good: await rootColour('--good'), fair: await rootColour('--fair'), poor: await rootColour('--poor') };
  const verdicts = marks.filter((m) => m.classes.startsWith('verdict'));
  assert.equal(verdicts.length, 8, 'a verdict on each criterion card and each criterion heading');
  for (const m of marks) {
    assert.doesNotMatch(m.text, /\p{Extended_Pictographic}/u, `"${m.text}" carries no emoji`);
    assert.ok(m.drawn, `"${m.text}" has a drawn mark`);
    assert.ok(m.iconSize && (m.iconSize[0] ?? 0) >= 10 && (m.iconSize[1] ?? 0) >= 10, `"${m.text}" mark is visible: ${JSON.stringify(m.iconSize)}`);
  }
  for (const m of verdicts) {
    const word = m.text.toLowerCase() as 'good' | 'fair' | 'poor';
    assert.ok(['good', 'fair', 'poor'].includes(word), `verdict word: ${m.text}`);
    assert.equal(m.colour, colours[word], `${word} is drawn in its own colour`);
  }
  assert.ok(verdicts.some((m) => m.text.toLowerCase() !== 'good'), 'the low-contrast run has a verdict other than good');
  assert.deepEqual(problems.console, []);
  await page.locator('#scores').scrollIntoViewIfNeeded();
  await keepScreenshot(page, 'report-verdicts.png', false);
  await page.close();
});
