import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Handlebars from 'handlebars';
import sharp from 'sharp';
import type { RunStatus } from '../../src/pipeline/index.js';
import { escapeMarkdown } from '../../src/report/index.js';
import type { SuiteResult } from '../../src/suite/model.js';
import { runCli } from '../helpers/cli.js';
import { offlineEnv } from '../pipeline/helpers.js';
import { chromiumSkip, keepScreenshot, launchChromium, openReport } from '../report/html-browser.js';
import { demoSuite, readSuiteJson, SIZES, valuesOf } from './helpers.js';

const OFFLINE_EXACT = ['visualClarity', 'informationOrganization', 'statusIndicators'] as const;

/** The horizontal extent of everything drawn on a frame, in video pixels: where the text grid's columns are used. */
async function drawnColumns(frame: string, videoWidth: number): Promise<[number, number]> {
  const { data, info } = await sharp(frame).raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => (y * info.width + x) * info.channels;
  const bg = [data[at(2, 2)]!, data[at(2, 2) + 1]!, data[at(2, 2) + 2]!];
  let min = info.width;
  let max = -1;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const i = at(x, y);
      if (Math.abs(data[i]! - bg[0]!) + Math.abs(data[i + 1]! - bg[1]!) + Math.abs(data[i + 2]! - bg[2]!) > 60) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
  }
  const scale = videoWidth / info.width;
  return [min * scale, (max + 1) * scale];
}

const offline = (s: SuiteResult['scenarios'][number]) => Object.fromEntries(Object.entries(s.scores).map(([k, v]) => [k, v!.offline]));

test('a six-scenario suite runs whole and as three merged shards with the same scenarios and offline scores', async (t) => {
  const { dir, config } = await demoSuite();
  const summary = join(dir, 'summary.md');
  const env = offlineEnv({ GITHUB_STEP_SUMMARY: summary });
  const roots = (name: string) => ['--recordings', join(dir, name, 'recordings'), '--reports', join(dir, name, 'reports')];

  const whole = await runCli(['run', config, '--automation', '--min-score', 'visualClarity=5', '--junit', join(dir, 'whole.xml'), ...roots('whole')], { cwd: dir, env });
  assert.equal(whole.code, 0, whole.stderr);
  const wholeDir = valuesOf(whole.stdout, 'SUITE_DIR')[0]!;
  const suite = readSuiteJson(wholeDir);
  const ids = SIZES.flatMap((size) => [`display[size=${size},vars.flags=--defect low-contrast]`, `display[size=${size},vars.flags=]`]).sort();

  await t.test('the whole run lists every scenario in suite.json, SCENARIO: lines, status.json and JUnit', () => {
    assert.equal(suite.schemaVersion, 1);
    assert.deepEqual(suite.scenarioIds, ids);
    assert.deepEqual(suite.scenarios.map((s) => s.id), ids);
    assert.deepEqual(valuesOf(whole.stdout, 'SCENARIO').map((l) => l.slice(0, l.indexOf('] ') + 1)).sort(), ids);
    assert.equal(valuesOf(whole.stdout, 'VERDICT')[0], 'passed: 6 scenarios passed');
    for (const s of suite.scenarios) {
      assert.equal(s.state, 'passed', s.verdict);
      assert.ok(existsSync(join(wholeDir, s.slug, 'scorecard.md')), `${s.slug}/scorecard.md`);
      assert.ok(existsSync(join(wholeDir, s.slug, 'index.html')));
    }
    for (const size of SIZES) {
      const clean = suite.scenarios.find((s) => s.id === `display[size=${size},vars.flags=]`)!;
      const dim = suite.scenarios.find((s) => s.id === `display[size=${size},vars.flags=--defect low-contrast]`)!;
      assert.ok(dim.scores.visualClarity!.offline! < clean.scores.visualClarity!.offline!, `low contrast scores lower at ${size}`);
    }
  });

  await t.test("each scenario's own scorecard (Markdown, JSON, page) names its scenario id, not only the suite", () => {
    for (const s of suite.scenarios) {
      const card = JSON.parse(readFileSync(join(wholeDir, s.slug, 'scorecard.json'), 'utf8')) as { run: { scenario?: string; target: string } };
      assert.equal(card.run.scenario, s.id);
      assert.equal(card.run.target, 'display');
      const md = readFileSync(join(wholeDir, s.slug, 'scorecard.md'), 'utf8');
      assert.equal(md.split('\n')[0], `# termlens scorecard — ${escapeMarkdown(s.id)}`);
      assert.ok(md.includes(`| Scenario | ${escapeMarkdown(s.id)} of the suite display |`), md.slice(0, 400));
      const html = readFileSync(join(wholeDir, s.slug, 'index.html'), 'utf8');
      assert.ok(html.includes(`<title>termlens — ${Handlebars.escapeExpression(s.id)}</title>`), 'the page title names the scenario');
      assert.ok(html.includes(`<h1>${Handlebars.escapeExpression(s.id)}</h1>`), 'so does its heading');
    }
  });

  await t.test('the whole run writes status.json and JUnit', () => {
    const status = JSON.parse(readFileSync(valuesOf(whole.stdout, 'STATUS')[0]!, 'utf8')) as { state: string; counts: { total: number; passed: number }; exitCode: number };
    assert.deepEqual([status.state, status.counts.total, status.counts.passed, status.exitCode], ['passed', 6, 6, 0]);
    const junit = readFileSync(join(dir, 'whole.xml'), 'utf8');
    assert.equal((junit.match(/<testsuite /g) ?? []).length, 6, 'one JUnit suite per scenario');
    assert.equal((junit.match(/<testcase [^>]*name="run"/g) ?? []).length, 6, 'a run case per scenario');
    assert.equal((junit.match(/<testcase [^>]*name="visualClarity"/g) ?? []).length, 6, 'a case per scenario gate');
    assert.match(readFileSync(summary, 'utf8'), /^# termlens suite — display/m, 'the suite table goes to the step summary');
  });

  await t.test('80×24 scenarios are recorded and drawn at 80×24', async () => {
    for (const s of suite.scenarios.filter((x) => x.values.size === '80x24')) {
      const folder = join(wholeDir, s.slug);
      const cast = JSON.parse(readFileSync(join(folder, 'session.cast'), 'utf8').split('\n')[0]!) as { width: number; height: number };
      assert.deepEqual([cast.width, cast.height], [80, 24]);
      const screen = JSON.parse((await runCli(['screen', join(folder, 'session.cast'), '--end', '--format', 'json'], { env })).stdout) as { cols: number; rows: number; lines: Array<Array<{ char: string }>> };
      assert.deepEqual([screen.cols, screen.rows, screen.lines.length], [80, 24, 24]);
      assert.match(screen.lines[0]!.map((c) => c.char).join(''), /^╭─{78}╮$/, 'the demo drew its top border across exactly 80 columns');
      const video = JSON.parse(readFileSync(join(folder, 'video.json'), 'utf8')) as { width: number; cols: number; rows: number; gridX: number; cellWidth: number };
      assert.deepEqual([video.cols, video.rows], [80, 24]);
      const frames = JSON.parse(readFileSync(join(folder, 'frames.json'), 'utf8')) as { frames: Array<{ file: string }> };
      const [left, right] = await drawnColumns(join(folder, frames.frames.at(-1)!.file), video.width);
      // The top border spans the 80 columns: the drawing starts at the grid and ends 80 cells later.
      assert.ok(Math.abs(left - video.gridX) <= video.cellWidth, `left edge ${left} vs grid ${video.gridX}`);
      assert.ok(Math.abs(right - (video.gridX + 80 * video.cellWidth)) <= video.cellWidth, `right edge ${right} vs ${video.gridX + 80 * video.cellWidth}`);
    }
  });

  const shardDirs: string[] = [];
  for (const k of [1, 2, 3]) {
    const r = await runCli(['run', config, '--automation', '--shard', `${k}/3`, '--durations', join(wholeDir, 'suite.json'), ...roots(`shard-${k}`)], { cwd: dir, env: offlineEnv() });
    assert.equal(r.code, 0, r.stderr);
    assert.match(valuesOf(r.stdout, 'SCENARIOS')[0]!, / of 6$/);
    shardDirs.push(valuesOf(r.stdout, 'SUITE_DIR')[0]!);
  }

  await t.test('three shards balanced by the whole run\'s durations split the scenarios, and merge into the same scenarios and offline scores', async () => {
    const parts = shardDirs.map(readSuiteJson);
    assert.deepEqual(parts.flatMap((p) => p.scenarios.map((s) => s.id)).sort(), ids, 'every scenario runs on exactly one shard');
    assert.ok(parts.every((p) => p.scenarios.length >= 1), 'no shard is left empty');
    assert.deepEqual(parts.map((p) => `${p.shard?.index}/${p.shard?.total}`), ['1/3', '2/3', '3/3']);
    const merged = join(dir, 'merged');
    const r = await runCli(['merge', join(dir, 'shard-1'), join(dir, 'shard-2'), join(dir, 'shard-3'), '-o', merged, '--junit', join(dir, 'merged.xml')], { cwd: dir, env: offlineEnv() });
    assert.equal(r.code, 0, r.stderr);
    const m = readSuiteJson(merged);
    assert.deepEqual(m.scenarios.map((s) => s.id), ids);
    for (const s of m.scenarios) {
      const w = suite.scenarios.find((x) => x.id === s.id)!;
      for (const key of OFFLINE_EXACT) assert.equal(s.scores[key]!.offline, w.scores[key]!.offline, `${s.id} ${key}`);
      // User experience measures timing (first output, silences), which a busy machine stretches: it is compared in compare's own tests, not here.
      assert.ok(s.scores.userExperience!.offline! >= 0 && s.scores.userExperience!.offline! <= 10, `${s.id} ${JSON.stringify([offline(s), offline(w)])}`);
      assert.ok(existsSync(join(merged, s.slug, 'scorecard.json')));
    }
    assert.equal(m.state, 'passed');
    assert.ok(existsSync(join(merged, 'index.html')) && existsSync(join(merged, 'suite.md')));
    assert.equal((readFileSync(join(dir, 'merged.xml'), 'utf8').match(/<testcase [^>]*name="run"/g) ?? []).length, 6);
  });

  await t.test('merge fails naming the scenarios of a missing shard, and those that come twice', async () => {
    const missing = await runCli(['merge', join(dir, 'shard-1'), join(dir, 'shard-2'), '-o', join(dir, 'partial')], { cwd: dir, env: offlineEnv() });
    assert.equal(missing.code, 1, missing.stderr);
    const third = readSuiteJson(shardDirs[2]!).scenarios.map((s) => s.id);
    // How many the third shard ran follows the measured durations, so the count is read from it, not assumed.
    assert.ok(missing.stderr.includes(`${third.length} of 6 scenarios are missing`), missing.stderr);
    for (const id of third) assert.ok(missing.stderr.includes(id), `names ${id}: ${missing.stderr}`);
    assert.ok(!existsSync(join(dir, 'partial')), 'nothing is written when the check fails');

    cpSync(join(dir, 'shard-1'), join(dir, 'shard-1-again'), { recursive: true });
    const twice = await runCli(['merge', join(dir, 'shard-1'), join(dir, 'shard-1-again'), join(dir, 'shard-2'), join(dir, 'shard-3'), '-o', join(dir, 'twice')], { cwd: dir, env: offlineEnv() });
    assert.equal(twice.code, 1);
    const first = readSuiteJson(shardDirs[0]!).scenarios;
    assert.ok(twice.stderr.includes(`${first.length} scenario${first.length === 1 ? '' : 's'} came more than once`), twice.stderr);
    for (const s of first) assert.ok(twice.stderr.includes(s.id), `names ${s.id}`);
  });

  await t.test('compare pairs suites by scenario id; a one-sided scenario is listed, and fails only with --strict', async () => {
    const baseline = join(dir, 'baseline');
    const created = await runCli(['compare', baseline, join(dir, 'merged'), '--update-baseline'], { cwd: dir, env: offlineEnv() });
    assert.equal(created.code, 0, created.stderr);
    const same = await runCli(['compare', baseline, join(dir, 'merged'), '--no-pixels'], { cwd: dir, env: offlineEnv() });
    assert.equal(same.code, 0, same.stdout + same.stderr);
    assert.match(same.stdout, /^VERDICT: no difference in 6 paired scenarios$/m);

    // Drop one scenario from the baseline, as if it were added to the matrix since.
    const b = readSuiteJson(baseline);
    const dropped = b.scenarios.pop()!;
    writeFileSync(join(baseline, 'suite.json'), JSON.stringify(b));
    rmSync(join(baseline, dropped.slug), { recursive: true });
    const listed = await runCli(['compare', baseline, join(dir, 'merged'), '--no-pixels'], { cwd: dir, env: offlineEnv() });
    assert.equal(listed.code, 0, listed.stdout + listed.stderr);
    assert.ok(listed.stdout.includes(`only in the current suite: ${dropped.id} (listed, not failed`), listed.stdout);
    const strict = await runCli(['compare', baseline, join(dir, 'merged'), '--no-pixels', '--strict'], { cwd: dir, env: offlineEnv() });
    assert.equal(strict.code, 5, strict.stdout + strict.stderr);
    assert.match(strict.stdout, /^VERDICT: regression in 1 one-sided \(--strict\)$/m);
  });

  await t.test('the suite page in Chromium lists scenarios worst first and links to each scenario page', { skip: chromiumSkip() }, async () => {
    const browser = await launchChromium();
    try {
      const { page, problems } = await openReport(browser, join(dir, 'merged'));
      await keepScreenshot(page, 'suite-page.png');
      const rows = await page.$$eval('tbody tr', (trs) => trs.map((tr) => ({ id: tr.getAttribute('data-scenario'), vc: Number(tr.querySelectorAll('td')[2]!.textContent!.replace('°', '')) })));
      assert.equal(rows.length, 6);
      assert.deepEqual([...rows.map((r) => r.id)].sort(), ids);
      for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1]!.vc <= rows[i]!.vc, `worst first: ${JSON.stringify(rows)}`);
      assert.match(rows[0]!.id!, /low-contrast/);
      await Promise.all([page.waitForNavigation(), page.click('tbody tr:first-child a')]);
      assert.ok(page.url().endsWith('/index.html') && page.url().includes('low-contrast'), page.url());
      assert.match(await page.title(), /display/);
      assert.deepEqual(problems, { console: [], pageErrors: [], dialogs: [], outside: [], failed: [] });
    } finally {
      await browser.close();
    }
  });
  await t.test('with --jobs 2 scenarios overlap but recordings still take turns', async () => {
    const r = await runCli(['run', config, '--automation', '--jobs', '2', '--only', '80x24', ...roots('jobs')], { cwd: dir, env: offlineEnv() });
    assert.equal(r.code, 0, r.stderr);
    const jobsDir = valuesOf(r.stdout, 'SUITE_DIR')[0]!;
    const ran = readSuiteJson(jobsDir);
    assert.deepEqual(ran.scenarios.map((s) => s.values.size), ['80x24', '80x24']);
    const spans = ran.scenarios.map((s) => {
      const status = JSON.parse(readFileSync(join(jobsDir, s.slug, 'status.json'), 'utf8')) as RunStatus;
      const rec = status.stages.find((x) => x.name === 'record')!;
      const start = Date.parse(rec.startedAt!);
      return [start, start + rec.durationSeconds! * 1000] as const;
    });
    spans.sort((a, b) => a[0] - b[0]);
    assert.ok(spans[1]![0] >= spans[0]![1] - 50, `the second recording started before the first ended: ${JSON.stringify(spans)}`);
    assert.ok(ran.scenarios.every((s) => !s.recording.parallel));
    assert.equal(ran.jobs, 2);
  });

  await t.test('Ctrl+C stops the suite: the running scenario keeps its files, the rest are marked not started, exit 4', async () => {
    let timer: NodeJS.Timeout | undefined;
    const r = await runCli(['run', config, '--automation', '--only', '80x24', ...roots('interrupted')], {
      cwd: dir,
      env: offlineEnv(),
      onOutput: (out, child) => {
        const statusFile = valuesOf(out.stdout, 'STATUS')[0];
        if (!statusFile || timer) return;
        // Interrupt once the first scenario is recording: wait for the condition, not for a time.
        timer = setInterval(() => {
          try {
            const status = JSON.parse(readFileSync(statusFile, 'utf8')) as { scenarios: Array<{ stage: string | null }> };
            if (status.scenarios.some((x) => x.stage === 'record')) {
              clearInterval(timer);
              child.kill('SIGINT');
            }
          } catch {
            // Not written yet.
          }
        }, 100);
      },
    });
    clearInterval(timer);
    assert.equal(r.code, 4, r.stderr);
    const stopped = readSuiteJson(valuesOf(r.stdout, 'SUITE_DIR')[0]!);
    assert.equal(stopped.state, 'interrupted');
    assert.deepEqual(stopped.scenarios.map((s) => s.state), ['interrupted', 'interrupted']);
    assert.equal(stopped.scenarios.filter((s) => /before this scenario started/.test(s.verdict)).length, 1);
    const first = stopped.scenarios.find((s) => s.stages.length > 0)!;
    assert.ok(existsSync(join(valuesOf(r.stdout, 'SUITE_DIR')[0]!, first.slug, 'status.json')), 'the interrupted scenario keeps its folder');
    assert.match(valuesOf(r.stdout, 'VERDICT')[0]!, /^interrupted \(exit 4\)/);
  });
});
