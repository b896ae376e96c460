/**
 * Drives the HTML report in real headless Chromium (the Debian package CI
 * installs). Without Chromium the browser tests skip with a message, except
 * under CI=true, where a missing browser is a failure.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts', 'html-report');

/** A skip reason when Chromium is missing (never under CI), else false. */
export function chromiumSkip(): string | false {
  if (existsSync(CHROMIUM) || process.env.CI === 'true') return false;
  const reason = `${CHROMIUM} not found: install the chromium package to run the HTML report browser tests`;
  console.log(`# SKIP ${reason}`);
  return reason;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--autoplay-policy=no-user-gesture-required'] });
}

export interface PageProblems {
  console: string[];
  pageErrors: string[];
  dialogs: string[];
  /** Requests for anything outside the report folder. */
  outside: string[];
  failed: string[];
}

/** Opens index.html of a report folder and collects everything that went wrong while it was open. */
export async function openReport(browser: Browser, reportDir: string, viewport = { width: 1366, height: 800 }): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  const problems: PageProblems = { console: [], pageErrors: [], dialogs: [], outside: [], failed: [] };
  const folderUrl = pathToFileURL(reportDir).href + '/';
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.pageErrors.push(e.message));
  page.on('dialog', (d) => {
    problems.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(folderUrl)) problems.outside.push(r.url());
  });
  page.on('requestfailed', (r) => {
    // The browser drops a media request on purpose once it has the metadata it preloads.
    if (r.resourceType() === 'media' && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.failed.push(`${r.url()}: ${r.failure()?.errorText}`);
  });
  await page.goto(pathToFileURL(join(reportDir, 'index.html')).href, { waitUntil: 'load' });
  // Screenshots should show the frames, so wait until every image is decoded.
  await page.evaluate(() => Promise.all(Array.from(document.images).filter((i) => i.getAttribute('src')).map((i) => i.decode().catch(() => undefined))));
  return { page, problems };
}

/** Saves a screenshot under test-artifacts/ (git-ignored) for a person to look at. */
export async function keepScreenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage });
  return path;
}
