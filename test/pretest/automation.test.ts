import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { agentFailures, emptyAutomationLines, exitReason, parseAutomationLine, readStatusFile, viewStatus } from '../../src/pretest/index.js';
import { FAKE, pretest, tempDir } from './helpers.js';

test('the automation lines are parsed into paths, winner and restarts', () => {
  const lines = emptyAutomationLines();
  const keys = [
    'LOG_DIR: /tmp/logs/run1',
    'STATUS: logs/status.json',
    'QUESTION: What is 2+2?',
    '[Coordination in progress - monitor status.json for real-time updates]',
    'RESTART: Attempt 2/3',
    '\x1b[1mWINNER: agent_b\x1b[0m',
    'ANSWER_FILE: /tmp/logs/run1/final/agent_b/answer.txt',
    'DURATION: 45.3s',
    'ANSWER_PREVIEW: Four...',
    'COMPLETED: 2 agents, 47.1s total',
    'an ordinary line: with a colon',
  ].map((l) => parseAutomationLine(l, lines, '/home/me'));
  assert.deepEqual(keys, ['logDir', 'statusFile', 'question', undefined, 'restart', 'winner', 'answerFile', 'duration', 'answerPreview', 'completed', undefined]);
  assert.deepEqual(lines, {
    logDir: '/tmp/logs/run1',
    statusFile: '/home/me/logs/status.json',
    question: 'What is 2+2?',
    winner: 'agent_b',
    answerFile: '/tmp/logs/run1/final/agent_b/answer.txt',
    duration: '45.3s',
    answerPreview: 'Four...',
    completed: '2 agents, 47.1s total',
    restarts: ['Attempt 2/3'],
  });
});

test('status.json is read defensively and failed agents are named with their error', () => {
  const view = viewStatus({
    coordination: { phase: 'enforcement', completion_percentage: 64, active_agent: 'agent_a' },
    agents: {
      agent_c: { status: 'timeout', error: { type: 'timeout', message: 'Agent timeout after 30s' } },
      agent_a: { status: 'voted', error: null },
      agent_b: { status: 'error', error: { type: 'api', message: 'HTTP 503' } },
      odd: 'not an object',
    },
    results: { winner: null },
  });
  assert.equal(view.phase, 'enforcement');
  assert.equal(view.completion, 64);
  assert.deepEqual(agentFailures(view), [
    { agent: 'agent_b', status: 'error', message: 'HTTP 503' },
    { agent: 'agent_c', status: 'timeout', message: 'Agent timeout after 30s' },
  ]);
  assert.deepEqual(viewStatus('garbage'), { phase: null, completion: null, activeAgent: null, elapsedSeconds: null, winner: null, agents: {} });
});

test('exit codes 1 to 4 carry the automation protocol\'s meaning only under massgen', () => {
  assert.equal(exitReason(1, null, 'massgen', '', 'ERROR: no API key'), 'exited with code 1 (configuration error): ERROR: no API key');
  assert.equal(exitReason(2, null, 'massgen', 'agent b is in error: reset', undefined), 'exited with code 2 (execution error); agent b is in error: reset');
  assert.equal(exitReason(3, null, 'massgen', '', undefined), 'exited with code 3 (timeout)');
  assert.equal(exitReason(4, null, 'massgen', '', undefined), 'exited with code 4 (interrupted)');
  assert.equal(exitReason(2, null, 'exit-code', '', undefined), 'exited with code 2');
  assert.equal(exitReason(null, 'SIGSEGV', 'smoke', '', 'core dumped'), 'was killed by SIGSEGV: core dumped');
});

test('reading status.json tells a missing file from a half-written one', async () => {
  const dir = await tempDir();
  const path = join(dir, 'status.json');
  assert.deepEqual(await readStatusFile(path), { state: 'missing' });
  writeFileSync(path, '{"coordination": {"phase": "init');
  assert.equal((await readStatusFile(path, 2, 5)).state, 'invalid');
  writeFileSync(path, '{"coordination": {"phase": "initial_answer"}}');
  assert.deepEqual(await readStatusFile(path), { state: 'ok', json: { coordination: { phase: 'initial_answer' } } });
});

test('a status file completed while being read is read again rather than failing', async () => {
  const dir = await tempDir();
  const path = join(dir, 'status.json');
  writeFileSync(path, '{"results": {"win');
  setTimeout(() => writeFileSync(path, '{"results": {"winner": "a1"}}'), 30);
  const read = await readStatusFile(path, 100, 20);
  assert.deepEqual(read, { state: 'ok', json: { results: { winner: 'a1' } } });
});

test('massgen waits for a status.json that appears late, then passes on completion', async () => {
  const dir = await tempDir();
  const r = await pretest({ command: `node ${FAKE} late-status ${dir}/logs`, protocol: 'massgen', smokeSeconds: 0, timeout: 30 });
  assert.equal(r.verdict, 'passed', r.reason);
  assert.ok(r.statusReads.missing > 0, 'the file was absent at first');
  assert.deepEqual(r.phases, ['initial_answer', 'enforcement', 'presentation']);
  assert.equal(r.parsed.winner, 'a1');
});

test('massgen tolerates a status.json written in place, in halves', async () => {
  const dir = await tempDir();
  const r = await pretest({ command: `node ${FAKE} torn-writes ${dir}/logs`, protocol: 'massgen', smokeSeconds: 0, timeout: 30, pollIntervalMs: 10 });
  assert.equal(r.verdict, 'passed', r.reason);
  assert.ok(r.statusReads.ok > 0);
  assert.match(r.reason, /^run completed: winner a1/);
});

test('massgen resolves relative LOG_DIR and STATUS paths against the program\'s folder', async () => {
  const dir = await tempDir();
  const r = await pretest({ command: `node ${FAKE} relative ${dir}/logs`, protocol: 'massgen', smokeSeconds: 0, timeout: 30, cwd: dir });
  assert.equal(r.verdict, 'passed', r.reason);
  assert.equal(r.parsed.statusFile, join(dir, 'logs', 'status.json'));
  assert.ok(r.statusReads.ok > 0);
});

test('massgen fails at the end of the smoke window when no status was ever seen', async () => {
  const dir = await tempDir();
  const r = await pretest({ command: `node ${FAKE} no-status ${dir}/logs`, protocol: 'massgen', smokeSeconds: 1, timeout: 30 });
  assert.equal(r.verdict, 'failed');
  assert.equal(r.stoppedBy, 'smoke-window');
  assert.equal(r.reason, 'no STATUS: or LOG_DIR: line was printed within the 1s smoke window');
});

test('massgen passes a run that names its winner but does not exit, and stops it', async () => {
  const r = await pretest({ command: 'echo "WINNER: a1"; sleep 30', protocol: 'massgen', smokeSeconds: 0, timeout: 30, completionGraceMs: 200 });
  assert.equal(r.verdict, 'passed');
  assert.equal(r.stoppedBy, 'completion');
  assert.match(r.reason, /^run completed: winner a1; the program did not exit within 0\.2s of announcing it and was stopped$/);
});

test('massgen passes an exit 0 without a winner, and says so', async () => {
  const r = await pretest({ command: 'true', protocol: 'massgen', smokeSeconds: 0, timeout: 30 });
  assert.equal(r.verdict, 'passed');
  assert.equal(r.reason, 'exited 0 without naming a winner');
});
