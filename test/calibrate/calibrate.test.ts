/**
 * termlens calibrate against stand-in models behind the fake OpenAI-compatible
 * server: one that sees what a good model sees, one that gets it backwards,
 * and one that always prefers the left side. The figures in calibration.json
 * must be the ones those answers imply.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Calibration } from '../../src/calibrate/index.js';
import type { Judgments } from '../../src/judge/index.js';
import { runCli } from '../helpers/cli.js';
import { startFakeOpenAIServer, userText } from '../helpers/fake-openai-server.js';
import { tempDir } from '../helpers/paths.js';
import { chromiumSkip, keepScreenshot, launchChromium } from '../report/html-browser.js';
import { writeTestCorpus } from './corpus.js';
import { fileFeatures, goodScores, standInModel, type Behaviour } from './stand-in-model.js';

const ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

async function calibrateWith(behaviour: Behaviour, corpus: string, outDir: string, extra: string[] = []) {
  const server = await startFakeOpenAIServer({ responder: standInModel(behaviour) });
  try {
    const args = ['calibrate', '--corpus', corpus, '--provider', 'custom', '--base-url', server.baseURL, '--model', 'fake-vision-1', '--no-cache', '-o', outDir, ...extra];
    const run = await runCli(args, { env: ENV });
    const calibration = existsSync(join(outDir, 'calibration.json')) ? (JSON.parse(await readFile(join(outDir, 'calibration.json'), 'utf8')) as Calibration) : undefined;
    return { run, calibration, requests: server.chatRequests() };
  } finally {
    await server.close();
  }
}

/** What the good stand-in must have scored a recording, worked out here from the frames calibrate sent (judgments.json lists them). */
async function expectedScores(outDir: string, c: Calibration, id: string): Promise<Record<string, number>> {
  const j = JSON.parse(await readFile(join(outDir, 'entries', id, 'judgments.json'), 'utf8')) as Judgments;
  const dir = join(outDir, c.entries.find((e) => e.id === id)!.framesDir);
  return goodScores(fileFeatures(j.frames.map((f) => join(dir, f.file))));
}

test('a model that sees the defects orders every known pair correctly, with the margins its scores imply, and exits 0', async (t) => {
  const corpus = await writeTestCorpus();
  const out = join(await tempDir(), 'good');
  const { run, calibration: c, requests } = await calibrateWith('good', corpus, out, ['--pairs', '--samples', '2']);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(c);
  const panel = await expectedScores(out, c, 'panel');
  const dim = await expectedScores(out, c, 'panel-dim');
  const plain = await expectedScores(out, c, 'panel-plain');
  assert.ok(panel.visualClarity! > dim.visualClarity! && panel.statusIndicators! > plain.statusIndicators!, 'the corpus really differs where it should');

  assert.deepEqual(c.overall, { pairs: 2, correct: 2, accuracy: 1, pairwiseAccuracy: 1, flips: 0 });
  assert.equal(c.criteria.visualClarity!.accuracy, 1);
  assert.equal(c.criteria.visualClarity!.meanMargin, panel.visualClarity! - dim.visualClarity!);
  assert.equal(c.criteria.statusIndicators!.meanMargin, panel.statusIndicators! - plain.statusIndicators!);
  assert.deepEqual(c.criteria.statusIndicators!.pairwise, { correct: 1, accuracy: 1, flips: 0 });
  assert.equal(c.criteria.informationOrganization!.pairs, 0);
  assert.equal(c.criteria.visualClarity!.spread, 0, 'the stand-in answers the same every sample');
  assert.equal(c.passed, true);
  assert.equal(c.samples, 2);

  // 3 recordings × 2 samples, then 2 pairs × 2 orders.
  assert.equal(requests.length, 10);
  assert.equal(c.totals.requests, 10);
  assert.ok(c.totals.totalTokens > 0);
  // A variant is named as its original: nothing in any prompt says what was made worse.
  for (const r of requests) assert.doesNotMatch(userText(r.body), /panel-dim|panel-plain|dim-every-colour|no-icons/);
  assert.match(run.stdout, /^visualClarity\s+100 % of 1 pair\(s\), margin \+\d\.0, spread 0\.0, side by side 100 %, 0 flip\(s\)$/m);
  assert.match(run.stdout, /^VERDICT: passed: 100 % of 2 known pairs ordered correctly, 100 % side by side$/m);

  const md = await readFile(join(out, 'calibration.md'), 'utf8');
  assert.match(md, /^# termlens calibration: ✅ passed/);
  assert.match(md, /\| panel \| panel-dim \| Visual clarity \| \d+\.0 vs \d+\.0 \| \+\d\.0 \| correct \| better \/ better → better \|/);
  const html = await readFile(join(out, 'calibration.html'), 'utf8');
  assert.match(html, /<td>Visual clarity<\/td><td class="num">1<\/td><td class="num">100 %<\/td>/);

  const skip = chromiumSkip();
  if (skip) return t.skip(skip);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(join(out, 'calibration.html')).href);
    assert.match(await page.locator('#verdict').innerText(), /^passed: 100 % of 2 known pairs ordered correctly, 100 % side by side/);
    assert.equal(await page.locator('#criteria tbody tr').count(), 4);
    assert.equal(await page.locator('#pairs tbody tr').count(), 2);
    assert.deepEqual(errors, [], 'the page loads under its Content-Security-Policy without errors');
    await keepScreenshot(page, 'calibration.png');
  } finally {
    await browser.close();
  }
});

test('a model that gets it backwards is wrong on every pair, by the same margins, and fails with exit 5', async () => {
  const corpus = await writeTestCorpus();
  const out = join(await tempDir(), 'bad');
  const { run, calibration: c } = await calibrateWith('bad', corpus, out, ['--samples', '1']);
  assert.equal(run.code, 5, run.stderr);
  assert.ok(c);
  const panel = await expectedScores(out, c, 'panel');
  const dim = await expectedScores(out, c, 'panel-dim');
  // The bad stand-in answers 11 − what the good one would: the margin is the good margin turned round.
  assert.equal(c.criteria.visualClarity!.meanMargin, -(panel.visualClarity! - dim.visualClarity!));
  assert.deepEqual(c.overall, { pairs: 2, correct: 0, accuracy: 0 });
  assert.equal(c.passed, false);
  assert.equal(c.criteria.visualClarity!.pairwise, undefined, 'no pairwise figures without --pairs');
  assert.match(run.stdout, /^VERDICT: failed \(exit 5\): 0 % of 2 known pairs ordered correctly, under the minimum 80 %$/m);
  assert.match(await readFile(join(out, 'calibration.md'), 'utf8'), /Visual clarity: ordered 0 % of 1 known pairs correctly, under the minimum 80 %/);
  // A lower bar is the user's choice.
  const lenient = await calibrateWith('bad', corpus, out, ['--samples', '1', '--min-accuracy', '0']);
  assert.equal(lenient.run.code, 0, lenient.run.stderr);
});

test('a model that always prefers the left side flips every pairwise verdict when the sides swap, and fails', async () => {
  const corpus = await writeTestCorpus();
  const out = join(await tempDir(), 'biased');
  const { run, calibration: c } = await calibrateWith('left-biased', corpus, out, ['--pairs', '--samples', '1']);
  assert.equal(run.code, 5, run.stderr);
  assert.ok(c);
  // Its absolute scores are the good ones, so only the side-by-side figures show the bias.
  assert.equal(c.overall.accuracy, 1);
  assert.equal(c.overall.pairwiseAccuracy, 0);
  assert.equal(c.overall.flips, 2);
  for (const p of c.pairs) assert.deepEqual([p.pairwise!.first, p.pairwise!.second, p.pairwise!.verdict, p.pairwise!.flip], ['better', 'worse', 'inconsistent', true]);
  assert.deepEqual(c.criteria.visualClarity!.pairwise, { correct: 0, accuracy: 0, flips: 1 });
  const md = await readFile(join(out, 'calibration.md'), 'utf8');
  assert.match(md, /the pairwise verdict turned round with the sides swapped on 1 of 1 pairs \(position bias\)/);
  assert.match(md, /better \/ worse → inconsistent \(flip\)/);
  assert.match(await readFile(join(out, 'calibration.html'), 'utf8'), /<td class="flip">better \/ worse → inconsistent \(flip\)<\/td>/);
});

test('calibrate without a model, or with a folder that is not a corpus, says what to do and exits 1', async () => {
  const empty = await tempDir();
  const noModel = await runCli(['calibrate', '--corpus', empty], { env: ENV });
  assert.equal(noModel.code, 1);
  assert.match(noModel.stderr, /no vision model configured[\s\S]*calibrate checks a model/);
  const server = await startFakeOpenAIServer();
  try {
    const r = await runCli(['calibrate', '--corpus', empty, '--provider', 'custom', '--base-url', server.baseURL, '--model', 'm'], { env: ENV });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot read the corpus manifest ".*corpus\.yaml"/);
    const bad = await runCli(['calibrate', '--corpus', empty, '--provider', 'custom', '--base-url', server.baseURL, '--min-accuracy', '80'], { env: ENV });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--min-accuracy "80" is not a number from 0 to 1/);
    assert.equal(server.chatRequests().length, 0, 'nothing is asked before the inputs are checked');
  } finally {
    await server.close();
  }
});

test('Ctrl+C during a calibration stops the requests in flight, keeps what was written and exits 4', async () => {
  const corpus = await writeTestCorpus();
  const out = join(await tempDir(), 'interrupted');
  const server = await startFakeOpenAIServer({ responder: () => ({ type: 'hang', ms: 120_000 }) });
  try {
    const args = ['calibrate', '--corpus', corpus, '--provider', 'custom', '--base-url', server.baseURL, '--model', 'fake-vision-1', '--no-cache', '--samples', '1', '-o', out];
    let sent = false;
    const run = await runCli(args, {
      env: ENV,
      onOutput: (_, child) => {
        // Once the first recording is being judged, its request hangs: interrupt then.
        if (sent) return;
        const poll = setInterval(() => {
          if (server.chatRequests().length > 0) {
            clearInterval(poll);
            child.kill('SIGINT');
          }
        }, 50);
        child.on('close', () => clearInterval(poll));
        sent = true;
      },
    });
    assert.equal(run.code, 4, run.stderr);
    assert.match(run.stderr, /SIGINT received; stopping and keeping the answers so far/);
    assert.match(run.stderr, /interrupted/);
    assert.ok(existsSync(join(out, 'entries', 'panel', 'judgments.json')), 'the request that was cut off is on record');
    assert.equal(existsSync(join(out, 'calibration.json')), false, 'no calibration is written from a part of the corpus');
  } finally {
    await server.close();
  }
});
