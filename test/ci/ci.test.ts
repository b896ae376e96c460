import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appendStepSummary, fitSummary, gatesFromScorecard, junitXml, writeJUnit, type QualityGate } from '../../src/ci/index.js';
import { buildScorecard } from '../../src/report/index.js';
import { tempDir } from '../helpers/media.js';

test('the step summary is appended to the file GITHUB_STEP_SUMMARY names, after what earlier steps wrote', async () => {
  const file = join(await tempDir('termlens-ci-'), 'summary.md');
  await writeFile(file, '## build\n\nok\n');
  assert.equal(await appendStepSummary('# Scorecard\n\n| a | b |', { GITHUB_STEP_SUMMARY: file }), file);
  assert.equal(await readFile(file, 'utf8'), '## build\n\nok\n# Scorecard\n\n| a | b |\n\n');
});

test('without GITHUB_STEP_SUMMARY nothing is written', async () => {
  assert.equal(await appendStepSummary('# Scorecard', {}), undefined);
  assert.equal(await appendStepSummary('# Scorecard', { GITHUB_STEP_SUMMARY: '  ' }), undefined);
});

test('a summary over the size limit is cut at a line end, closes an open code block and says it was cut', () => {
  const text = '# Big\n\n```diff\n' + '- a line of screen text\n'.repeat(200) + '```\n';
  const cut = fitSummary(text, 1000);
  assert.ok(Buffer.byteLength(cut) <= 1000, `${Buffer.byteLength(cut)} bytes`);
  assert.match(cut, /- a line of screen text\n```\n\n_…cut to fit the step summary/);
  assert.equal(fitSummary('short'), 'short\n\n');
});

test('the JUnit report has one test case per gate and a failure with the message for each failed gate, with XML escaped', async () => {
  const gates: QualityGate[] = [
    { suite: 'termlens.compare', name: 'visualClarity', passed: false, message: 'text under 4.5:1 contrast 0% → 99% & "worse" <bad>', details: 'line 1\nline 2' },
    { suite: 'termlens.compare', name: 'pixels', passed: true },
    { suite: 'termlens.scorecard', name: 'userExperience', passed: true, details: 'score 9' },
  ];
  const xml = junitXml(gates);
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="termlens" tests="3" failures="1" errors="0">/);
  assert.match(xml, /<testsuite name="termlens.compare" tests="2" failures="1" errors="0" skipped="0">/);
  assert.match(xml, /<failure message="text under 4.5:1 contrast 0% → 99% &amp; &quot;worse&quot; &lt;bad&gt;" type="quality-gate">line 1\nline 2<\/failure>/);
  assert.match(xml, /<testcase classname="termlens.compare" name="pixels" time="0"\/>/);
  assert.match(xml, /<system-out>score 9<\/system-out>/);
  const file = join(await tempDir('termlens-ci-'), 'reports', 'junit.xml');
  await writeJUnit(file, gates);
  assert.equal(await readFile(file, 'utf8'), xml);
});

test("a scorecard's minimum-score gates become JUnit test cases, failed where the score fell short", () => {
  const offline = (score: number) => ({ score });
  const card = buildScorecard({
    run: { runId: 'r', target: 't', command: 'c', date: 'd', termlensVersion: 'v' },
    inspect: { criteria: { visualClarity: offline(9), informationOrganization: offline(4), statusIndicators: offline(8), userExperience: offline(7) } },
    frames: [],
    minScores: { informationOrganization: 6, visualClarity: 6 },
  });
  const gates = gatesFromScorecard(card);
  assert.deepEqual(gates.map((g) => [g.name, g.passed]), [['visualClarity', true], ['informationOrganization', false], ['statusIndicators', true], ['userExperience', true]]);
  assert.equal(gates[1]!.message, 'informationOrganization scored 4 (offline), under the minimum 6');
});
