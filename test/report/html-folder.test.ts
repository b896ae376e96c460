/**
 * The HTML report's rules that need no browser: what it refuses, what it says
 * when parts of the folder are missing, and its Content-Security-Policy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TermlensError } from '../../src/errors/index.js';
import { checkRelativePath, renderHtmlReport, writeHtmlReport, type CompareView } from '../../src/report/html/index.js';
import { writeReport, type ScorecardInput } from '../../src/report/index.js';
import { tempDir } from '../helpers/media.js';

const input: ScorecardInput = {
  run: { runId: 'demo-20260101-000000', target: 'demo', command: 'demo-target --seed 1', date: '2026-01-01T00:00:00.000Z', termlensVersion: '0.1.0', judgeSkipped: 'no API key or base URL set' },
  inspect: {
    criteria: {
      visualClarity: { score: 8.4, lowContrastShare: 0.02 },
      informationOrganization: { score: 7.1, density: 0.41 },
      statusIndicators: { score: 6.2 },
      userExperience: { score: 4.5 },
    },
  },
  frames: [{ index: 1, time: 0.5, file: 'frames/01.png', reason: 'distinct: new state' }],
  grid: 'grid.png',
};

async function scorecardOnlyFolder(): Promise<string> {
  const dir = join(await tempDir('termlens-html-folder-'), 'report');
  await writeReport(dir, input);
  return dir;
}

test('a link target outside the report folder, absolute, or with a URL scheme is refused', () => {
  assert.equal(checkRelativePath('compare/diff-01.png', 'diff image'), 'compare/diff-01.png');
  for (const bad of ['../other-run/frames/01.png', 'frames/../../x.png', '/etc/passwd', 'javascript:alert(1)', 'https://example.com/a.png', '//example.com/a.png', 'C:\\frames\\01.png', '']) {
    assert.throws(() => checkRelativePath(bad, 'frame'), (e: unknown) => e instanceof TermlensError && e.code === 'bad-input' && e.message.includes(JSON.stringify(bad)), bad);
  }
});

test('a comparison whose images lie outside the report folder is refused, naming the file', async () => {
  const dir = await scorecardOnlyFolder();
  const compare: CompareView = {
    baselineLabel: 'main',
    pairs: [{ label: 'frame 1', baseline: '../baseline/frames/01.png', current: 'frames/01.png', diff: 'compare/diff-01.png', changedRatio: 0.1 }],
    criteria: [],
  };
  await assert.rejects(writeHtmlReport(dir, { compare }), (e: unknown) => {
    assert.ok(e instanceof TermlensError);
    assert.equal(e.code, 'bad-input');
    assert.match(e.message, /baseline frame "\.\.\/baseline\/frames\/01\.png"/);
    assert.match(e.hint ?? '', /relative to the report folder/);
    return true;
  });
});

test('a frame pair without a diff image says so instead of showing a broken image', async () => {
  const dir = await scorecardOnlyFolder();
  const compare: CompareView = {
    baselineLabel: 'main',
    pairs: [{ label: 'final screen', baseline: 'compare/baseline-01.png', current: 'frames/01.png', changedRatio: 1, regressed: true, note: 'sizes differ: 960×540 vs 1920×1080' }],
    criteria: [{ key: 'userExperience', baseline: 6, current: 4.5, delta: -1.5, regressed: true }],
    regressions: ['User experience fell by 1.5'],
  };
  const html = await renderHtmlReport(dir, { compare });
  const pair = /<figure class="pair is-regressed">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
  assert.match(pair, /final screen — 100\.0 % of pixels changed <span class="regressed">regressed<\/span> <span class="sub">\(sizes differ: 960×540 vs 1920×1080\)<\/span>/);
  assert.match(pair, /No diff image/);
  assert.equal(pair.match(/<img /g)?.length, 2);
  assert.match(html, /<li>User experience fell by 1\.5<\/li>/);
  assert.match(html, /<td class="num regressed">-1\.5<span class="flag">regressed<\/span><\/td>/);
});

test('a folder without scorecard.json is refused with a hint to write the scorecard first', async () => {
  const dir = await tempDir('termlens-html-empty-');
  await assert.rejects(writeHtmlReport(dir), (e: unknown) => e instanceof TermlensError && e.code === 'not-found' && e.message.includes('scorecard.json') && /scorecard/.test(e.hint ?? ''));
});

test('a folder with only the scorecard still makes a page, which says what is missing', async () => {
  const dir = await scorecardOnlyFolder();
  const file = await writeHtmlReport(dir);
  assert.equal(file, join(dir, 'index.html'));
  const html = await readFile(file, 'utf8');
  assert.match(html, /No pre-test ran for this run\./);
  assert.match(html, /No metrics\.json in this folder/);
  assert.match(html, /frames\/01\.png is missing/);
  assert.match(html, /No model findings: the judge did not run\./);
  assert.doesNotMatch(html, /<video/);
  assert.doesNotMatch(html, /href="grid\.png"/, 'no link to a grid that is not there');
  // The offline measures stand in for metrics.json's score components.
  assert.match(html, /<td>lowContrastShare<\/td><td>0\.02<\/td>/);
});

test('the Content-Security-Policy admits exactly the page’s own script and style, by hash, and the page is reproducible', async () => {
  const dir = await scorecardOnlyFolder();
  const html = await renderHtmlReport(dir);
  assert.equal(await renderHtmlReport(dir), html, 'same folder, same bytes');
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(policy, 'a CSP meta tag');
  const hash = (tag: string) => {
    const body = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(html)![1]!;
    return `'sha256-${createHash('sha256').update(body).digest('base64')}'`;
  };
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
  assert.equal(directives['default-src'], "'none'");
  assert.equal(directives['script-src'], hash('script'));
  assert.equal(directives['style-src'], hash('style'));
  assert.equal(directives['img-src'], "'self'");
  assert.doesNotMatch(html, /https?:\/\//, 'nothing from the network');
  // The CSP comes before anything it governs.
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style>'));
});
