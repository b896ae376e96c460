import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunStatus } from '../../src/pipeline/index.js';
import { runCli } from '../helpers/cli.js';
import { offlineEnv, tempRoots } from './helpers.js';

/** KEY: value lines of --automation output. */
function keyLines(stdout: string): Array<[string, string]> {
  return stdout
    .trim()
    .split('\n')
    .map((l) => {
      const m = /^([A-Z_]+): (.*)$/.exec(l);
      assert.ok(m, `every automation line is KEY: value, got ${JSON.stringify(l)}`);
      return [m[1]!, m[2]!] as [string, string];
    });
}

test('demo --automation prints about ten parseable lines: paths first, one per stage, scorecard and verdict last', async (t) => {
  const roots = await tempRoots();
  const summaryFile = join(roots.dir, 'step-summary.md');
  const junitFile = join(roots.dir, 'gates.xml');
  const r = await runCli(['demo', '--automation', '--speed', '10', '--frames', '4', '--min-score', '5', '--junit', junitFile, '--recordings', roots.recordings, '--reports', roots.reports], {
    cwd: roots.dir,
    env: offlineEnv({ GITHUB_STEP_SUMMARY: summaryFile }),
  });
  assert.equal(r.code, 0, r.stderr);
  const lines = keyLines(r.stdout);
  assert.deepEqual(lines.slice(0, 4).map(([k]) => k), ['RUN_ID', 'RECORDING_DIR', 'REPORT_DIR', 'STATUS']);
  assert.deepEqual(lines.slice(4, 11).map(([k, v]) => `${k} ${v.split(' ')[0]}`), ['pretest', 'record', 'render', 'frames', 'inspect', 'judge', 'report'].map((s) => `STAGE ${s}`));
  assert.match(lines[4]![1], /^pretest done \d+\.\d+s: run completed/);
  assert.match(lines[9]![1], /^judge skipped: no vision model configured/);
  assert.deepEqual(lines.slice(11).map(([k]) => k), ['SCORECARD', 'VERDICT']);
  // User experience depends on timing (first output, silences), which a loaded machine stretches.
  assert.match(lines[12]![1], /^passed: visualClarity 10\.0, informationOrganization 10\.0, statusIndicators 10\.0, userExperience \d+\.\d \(offline\)$/);
  assert.doesNotMatch(r.stdout + r.stderr, /\x1b\[/, 'no colour or bar escapes in automation mode');

  const status = JSON.parse(readFileSync(lines[3]![1], 'utf8')) as RunStatus;
  assert.equal(status.state, 'passed');
  assert.match(readFileSync(summaryFile, 'utf8'), /^# termlens scorecard — demo/m, 'the scorecard is appended to the CI step summary');
  const junit = readFileSync(junitFile, 'utf8');
  assert.match(junit, /<testsuite[^>]* tests="4"[^>]* failures="0"/);
  assert.match(junit, /<testcase[^>]*name="visualClarity"/);
  assert.equal(status.scorecard, lines[11]![1]);

  await t.test('the report verb rebuilds the scorecard from the folder and applies a quality gate with exit 5', async () => {
    const reportDir = lines[2]![1];
    const ok = await runCli(['report', reportDir], { cwd: roots.dir, env: offlineEnv() });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /Visual clarity\s+10\.0/);
    const gated = await runCli(['report', reportDir, '--min-score', 'visualClarity=10', '--min-score', 'userExperience=10.5'], { cwd: roots.dir, env: offlineEnv() });
    assert.equal(gated.code, 1, 'a minimum above 10 is a usage error');
    assert.match(gated.stderr, /--min-score "userExperience=10.5": the score must be a number from 0 to 10/);
    const typo = await runCli(['report', reportDir, '--min-score', 'visualClarty=5'], { cwd: roots.dir, env: offlineEnv() });
    assert.equal(typo.code, 1);
    assert.match(typo.stderr, /unknown criterion "visualClarty"; did you mean "visualClarity"\?/);
  });
});

test('Ctrl+C during a run stops the target, lists what was kept, marks status.json interrupted and exits 4', async () => {
  const roots = await tempRoots();
  let sent = false;
  const r = await runCli(['demo', '--automation', '--speed', '0.5', '--recordings', roots.recordings, '--reports', roots.reports], {
    cwd: roots.dir,
    env: offlineEnv(),
    onOutput: (out, child) => {
      // Interrupt once the recording is under way: the pre-test line has been printed.
      if (!sent && /STAGE: pretest done/.test(out.stdout)) {
        sent = true;
        setTimeout(() => child.kill('SIGINT'), 1500);
      }
    },
  });
  assert.ok(sent, `the pre-test passed first; stdout: ${r.stdout} stderr: ${r.stderr}`);
  assert.equal(r.code, 4, r.stderr);
  const lines = keyLines(r.stdout);
  const status = JSON.parse(readFileSync(lines.find(([k]) => k === 'STATUS')![1], 'utf8')) as RunStatus;
  assert.equal(status.state, 'interrupted');
  assert.equal(status.exitCode, 4);
  assert.match(lines.at(-1)![1], /^interrupted \(exit 4\)/);
  assert.match(r.stderr, /kept \d+ files:\n.*session\.cast/);
  assert.ok(status.artifacts.some((a) => a.endsWith('session.cast')));
  const cast = readFileSync(status.artifacts.find((a) => a.endsWith(`recordings/${status.runId}/session.cast`))!, 'utf8');
  assert.equal(JSON.parse(cast.split('\n')[0]!).version, 2, 'the kept cast is a valid asciicast v2 file');
});

test('status.json is rewritten at least every second while a stage runs', async () => {
  const roots = await tempRoots();
  const seen = new Set<string>();
  let statusPath: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let interrupted = false;
  const r = await runCli(['demo', '--automation', '--speed', '1', '--no-judge', '--recordings', roots.recordings, '--reports', roots.reports], {
    cwd: roots.dir,
    env: offlineEnv(),
    onOutput: (out, child) => {
      const m = /^STATUS: (.*)$/m.exec(out.stdout);
      if (m && !statusPath) {
        statusPath = m[1]!;
        timer = setInterval(() => {
          try {
            const s = JSON.parse(readFileSync(statusPath!, 'utf8')) as RunStatus;
            if (s.stage === 'record') seen.add(s.updatedAt);
            // One Ctrl+C: a second one, after the run has let go of its handler, would kill the process outright.
            if (seen.size >= 4 && !interrupted) {
              interrupted = true;
              child.kill('SIGINT');
            }
          } catch (e) {
            // The file is replaced by rename, so a read never sees half of it.
            assert.fail(`status.json unreadable mid-run: ${(e as Error).message}`);
          }
        }, 200);
      }
    },
  });
  clearInterval(timer);
  assert.ok(seen.size >= 4, `saw ${seen.size} distinct rewrites during the record stage`);
  assert.equal(r.code, 4);
});

test('a second Ctrl+C exits at once with 4, and status.json still says interrupted', async () => {
  const roots = await tempRoots();
  // A program that ignores the signals it is stopped with keeps the first Ctrl+C busy for the whole grace period,
  // so the second one surely lands while the run is still stopping, however slow the machine. Its loop ends
  // once its terminal is gone (echo fails), so nothing is left running after the exit.
  const config = join(roots.dir, 'stubborn.yaml');
  writeFileSync(config, `name: stubborn\ncommand: "sh -c 'trap \\"\\" HUP TERM INT; while echo tick; do sleep 0.2; done'"\nrecord: { cols: 40, rows: 8, timeout: 60s }\n`);
  let first = false;
  let second = false;
  const r = await runCli(['run', config, '--automation', '--no-judge', '--recordings', roots.recordings, '--reports', roots.reports], {
    cwd: roots.dir,
    env: offlineEnv(),
    onOutput: (out, child) => {
      if (!first && /^STATUS: /m.test(out.stdout)) {
        first = true;
        setTimeout(() => child.kill('SIGINT'), 1000);
      }
      // Only once the first has been taken: two signals sent close together may arrive as one.
      if (first && !second && /Ctrl\+C received/.test(out.stderr)) {
        second = true;
        child.kill('SIGINT');
      }
    },
  });
  assert.equal(r.code, 4, r.stderr);
  assert.match(r.stderr, /second SIGINT; exiting now/);
  const statusPath = /^STATUS: (.*)$/m.exec(r.stdout)![1]!;
  const status = JSON.parse(readFileSync(statusPath, 'utf8')) as RunStatus;
  assert.equal(status.state, 'interrupted');
  assert.equal(status.exitCode, 4);
});

test('a config with a misspelt key exits 1 naming the key and a suggestion, before anything runs', async () => {
  const roots = await tempRoots();
  const config = join(roots.dir, 'bad.yaml');
  writeFileSync(config, 'name: bad\ncommand: "echo hi"\nrecrod: { cols: 80 }\n');
  const r = await runCli(['run', config, '--recordings', roots.recordings, '--reports', roots.reports], { cwd: roots.dir, env: offlineEnv() });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /recrod/);
  assert.match(r.stderr, /did you mean "record"/i);
  assert.ok(!existsSync(roots.recordings), 'no run folder was made');
});
