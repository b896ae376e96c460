/**
 * How VHS captures: xterm.js in headless Chromium, the same events written
 * frame by frame, a 1920×1080 screenshot per frame. Returns frames per
 * second, or a reason when Chromium is missing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCast } from '../src/cast/index.js';
import { frameSlot, TimeMapper } from '../src/render/timeline.js';

const CHROMIUM = '/usr/bin/chromium';
const require = createRequire(import.meta.url);

export interface ChromiumResult {
  fps?: number;
  frames?: number;
  skipped?: string;
}

/** Output of each frame slot, in order, as the renderer groups it (first `limit` frames). */
async function frameBatches(castPath: string, fps: number, limit: number): Promise<string[]> {
  const cast = await openCast(castPath);
  const mapper = new TimeMapper(undefined, 1);
  const batches: string[] = [];
  let slot = -1;
  for await (const e of cast.events) {
    if (e.code !== 'o') continue;
    const s = frameSlot(mapper.map(e.time), fps);
    if (s !== slot) {
      if (batches.length >= limit) break;
      batches.push('');
      slot = s;
    }
    batches[batches.length - 1] += e.data;
  }
  return batches;
}

export async function measureChromium(castPath: string, cols: number, rows: number, fontSize: number, fps: number, limit: number): Promise<ChromiumResult> {
  if (!existsSync(CHROMIUM)) return { skipped: `${CHROMIUM} not found` };
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    return { skipped: 'playwright-core is not installed' };
  }
  const batches = await frameBatches(castPath, fps, limit);
  const userDataDir = mkdtempSync(join(tmpdir(), 'termlens-bench-chromium-'));
  const context = await playwright.chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1920, height: 1080 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent('<!doctype html><html><body style="margin:0;background:#171717"><div id="t" style="padding:40px"></div></body></html>');
    await page.addStyleTag({ path: require.resolve('@xterm/xterm/css/xterm.css') });
    await page.addScriptTag({ path: require.resolve('@xterm/xterm/lib/xterm.js') });
    await page.evaluate(
      ({ cols, rows, fontSize }) => {
        const w = window as unknown as { Terminal: new (o: object) => { open(el: HTMLElement): void; write(d: string, cb: () => void): void }; term: unknown };
        const term = new w.Terminal({ cols, rows, fontSize, fontFamily: 'monospace', allowProposedApi: true });
        term.open(document.getElementById('t')!);
        w.term = term;
      },
      { cols, rows, fontSize },
    );
    const started = performance.now();
    for (const data of batches) {
      await page.evaluate((d) => new Promise<void>((resolve) => (window as unknown as { term: { write(d: string, cb: () => void): void } }).term.write(d, resolve)), data);
      await page.screenshot({ type: 'png' });
    }
    const seconds = (performance.now() - started) / 1000;
    return { fps: batches.length / seconds, frames: batches.length };
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
