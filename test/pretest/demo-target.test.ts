/**
 * Every protocol against the bundled demo target's automation mode and its
 * fault switches: the real lines, the real status.json, the real exit codes.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { groupMembers } from '../../src/pretest/index.js';
import { demoCommand, pretest, tempDir } from './helpers.js';

test('a healthy run passes under massgen with its phases, progress and winner recorded', async () => {
  const dir = await tempDir();
  const r = await pretest({ command: demoCommand(`--log-dir ${dir}/logs`), protocol: 'massgen', smokeSeconds: 0, timeout: 60 });
  assert.equal(r.verdict, 'passed', r.reason);
  assert.equal(r.exitCode, 0);
  assert.match(r.reason, /^run completed: winner agent_\w+; phases: initial_answer → (enforcement → )?presentation$/);
  // A phase shorter than one status rewrite may pass unseen; those seen come in order.
  const order = ['initial_answer', 'enforcement', 'presentation'];
  assert.deepEqual(r.phases, order.filter((p) => r.phases.includes(p)));
  assert.deepEqual([r.phases[0], r.phases[r.phases.length - 1]], ['initial_answer', 'presentation']);
  assert.equal(r.parsed.logDir, join(dir, 'logs'));
  assert.equal(r.parsed.statusFile, join(dir, 'logs', 'status.json'));
  assert.match(r.parsed.winner ?? '', /^agent_\w+$/);
  assert.equal(r.parsed.answerFile, join(dir, 'logs', 'final', r.parsed.winner!, 'answer.txt'));
  assert.ok(existsSync(r.parsed.answerFile!));
  assert.match(r.parsed.completed ?? '', /^3 agents, [\d.]+s total$/);
  const percentages = r.progress.map((p) => p.completion ?? 0);
  assert.ok(percentages.length > 3, 'several progress points seen');
  assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b), 'completion only grows');
  assert.equal(percentages[percentages.length - 1], 100);
  assert.equal((r.lastStatus as { results: { winner: string } }).results.winner, r.parsed.winner);
});

test('a configuration error fails with exit 1 and its meaning', async () => {
  const r = await pretest({ command: demoCommand('--fault config-error'), protocol: 'massgen', smokeSeconds: 10, timeout: 60 });
  assert.equal(r.verdict, 'failed');
  assert.equal(r.exitCode, 1);
  assert.match(r.reason, /^exited with code 1 \(configuration error\): ERROR: Configuration error/);
});

test('a crash fails with exit 2, naming the agent that broke', async () => {
  const dir = await tempDir();
  const r = await pretest({ command: demoCommand(`--fault crash-after=1 --log-dir ${dir}/logs`), protocol: 'massgen', smokeSeconds: 30, timeout: 60 });
  assert.equal(r.verdict, 'failed');
  assert.equal(r.exitCode, 2);
  assert.match(r.reason, /^exited with code 2 \(execution error\); agent agent_\w+ is in error: .+: ERROR: Execution failed/);
});

test('an agent in error fails the pre-test at once, naming the agent and its message', async () => {
  const dir = await tempDir();
  const r = await pretest({ command: demoCommand(`--fault agent-error --log-dir ${dir}/logs`), protocol: 'massgen', smokeSeconds: 30, timeout: 60 });
  assert.equal(r.verdict, 'failed');
  // Stopped a second after the failure showed, unless the run had ended by itself in that second.
  assert.ok(r.stoppedBy === 'failure' || r.stoppedBy === null, String(r.stoppedBy));
  assert.match(r.reason, /^agent (agent_\w+) is in error: \S.*/);
  const agent = /^agent (agent_\w+)/.exec(r.reason)![1]!;
  assert.equal(r.agents[agent], 'error');
  assert.deepEqual(groupMembers(r.pid!), [], 'the demo was stopped');
});

test('a hung run times out when the pre-test waits for completion', async () => {
  const r = await pretest({ command: demoCommand('--fault hang'), protocol: 'massgen', smokeSeconds: 0, timeout: 4 });
  assert.equal(r.verdict, 'timeout');
  assert.equal(r.stoppedBy, 'timeout');
  assert.match(r.reason, /^the run did not finish within the 4s timeout \(last seen: \w+ at \d+%\); stopped$/);
});

test('a hung run with healthy agents passes a smoke window shorter than the hang', async () => {
  const r = await pretest({ command: demoCommand('--fault hang'), protocol: 'massgen', smokeSeconds: 3, timeout: 30 });
  assert.equal(r.verdict, 'passed', r.reason);
  assert.equal(r.stoppedBy, 'smoke-window');
  assert.match(r.reason, /^healthy through the 3s smoke window: \w+ at \d+% \(agent_a \w+, agent_b \w+, agent_c \w+\); stopped$/);
});

test('a restart is noted and the run still passes', async () => {
  const r = await pretest({ command: demoCommand('--fault restart'), protocol: 'massgen', smokeSeconds: 0, timeout: 60 });
  assert.equal(r.verdict, 'passed', r.reason);
  assert.ok(r.parsed.restarts.length >= 1);
  assert.match(r.parsed.restarts[0]!, /^Attempt \d+\/\d+$/);
  assert.match(r.reason, /; 1 restarts? \(Attempt \d+\/\d+/);
});

test('the smoke protocol passes the demo target running, and fails its configuration error', async () => {
  const ok = await pretest({ command: demoCommand('--fault hang'), protocol: 'smoke', smokeSeconds: 2, timeout: 30 });
  assert.equal(ok.verdict, 'passed', ok.reason);
  const bad = await pretest({ command: demoCommand('--fault config-error'), protocol: 'smoke', smokeSeconds: 10, timeout: 30 });
  assert.equal(bad.verdict, 'failed');
  assert.match(bad.reason, /^exited with code 1: ERROR: Configuration error/);
});

test('the exit-code protocol passes a complete run and fails a crash', async () => {
  const ok = await pretest({ command: demoCommand(''), protocol: 'exit-code', timeout: 60 });
  assert.equal(ok.verdict, 'passed', ok.reason);
  assert.equal(ok.parsed.winner !== null, true, 'the lines are parsed under any protocol');
  const crash = await pretest({ command: demoCommand('--fault crash-after=0.5'), protocol: 'exit-code', timeout: 60 });
  assert.equal(crash.verdict, 'failed');
  assert.equal(crash.exitCode, 2);
});
