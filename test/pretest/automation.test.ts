import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { agentFailures, emptyAutomationLines, exitReason, parseAutomationLine, readStatusFile, viewStatus } from '../../src/pretest/index.js';
import { backendErrorLine, crossLine } from '../../src/pretest/massgen-lines.js';
import { StallWatch } from '../../src/pretest/stall-watch.js';
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
  assert.equal(exitReason(3, null, 'massgen', '', undefined), 'exited with code 3 (a timeout error escaped the run)');
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
  const r = await pretest({ command: `node ${FAKE} late-status ${dir}/logs`, protocol: 'massgen', smokeSeconds: 0, timeout: 30, cwd: dir });
  assert.equal(r.verdict, 'passed', r.reason);
  assert.ok(r.progress[0]!.t > 0.5, 'followed once it appeared, 0.6 s after the start');
  assert.deepEqual(r.phases, ['initial_answer', 'enforcement', 'presentation']);
  assert.equal(r.parsed.winner, 'a1');
});

test('massgen tolerates a status.json written in place, in halves', async () => {
  const dir = await tempDir();
  const r = await pretest({ command: `node ${FAKE} torn-writes ${dir}/logs`, protocol: 'massgen', smokeSeconds: 0, timeout: 30, pollIntervalMs: 10, cwd: dir });
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
  const r = await pretest({ command: `node ${FAKE} no-status ${dir}/logs`, protocol: 'massgen', smokeSeconds: 1, timeout: 30, cwd: dir });
  assert.equal(r.verdict, 'failed');
  assert.equal(r.stoppedBy, 'smoke-window');
  assert.equal(r.reason, `no status.json within the 1s smoke window: no STATUS: or LOG_DIR: line was printed, and none was written under ${dir}/.massgen/massgen_logs since the start`);
});

test('massgen does not take a printed winner for completion: a run that does not exit times out', async () => {
  const r = await pretest({ command: 'echo "WINNER: a1"; sleep 30', protocol: 'massgen', smokeSeconds: 0, timeout: 1, cwd: await tempDir() });
  assert.equal(r.verdict, 'timeout');
  assert.equal(r.stoppedBy, 'timeout');
  assert.match(r.reason, /^the run did not finish within the 1s timeout \(no status\.json seen\); stopped$/);
});

test('massgen fails an exit 0 that finished nothing, saying so', async () => {
  const r = await pretest({ command: 'true', protocol: 'massgen', smokeSeconds: 0, timeout: 30, cwd: await tempDir() });
  assert.equal(r.verdict, 'failed');
  assert.match(r.reason, /^exited 0 without finishing the run: no final\/<winner>\/answer\.txt and no COMPLETED: line \(no status\.json seen\)/);
});

test('backend ERROR lines are recognised in loguru\'s format, colour stripped; other lines are not', () => {
  const red = (s: string) => `\x1b[31m\x1b[1m${s}\x1b[0m`;
  const line = `\x1b[32m12:00:01\x1b[0m | ${red('ERROR   ')} | ${red('Streaming error: Error code: 429 - insufficient_quota')}`;
  assert.equal(backendErrorLine(line), '12:00:01 | ERROR | Streaming error: Error code: 429 - insufficient_quota');
  assert.equal(backendErrorLine('12:00:01 | ERROR    | Streaming error: Connection error.'), '12:00:01 | ERROR | Streaming error: Connection error.');
  assert.equal(backendErrorLine('12:00:01 | WARNING  | Streaming error: Connection error.'), undefined);
  assert.equal(backendErrorLine('12:00:01 | ERROR    | Could not load function \'x\' from path: y'), undefined);
  assert.equal(backendErrorLine('ERROR: api key missing'), undefined);
  assert.equal(crossLine('\x1b[1m❌ Configuration error: bad\x1b[0m'), '❌ Configuration error: bad');
});

test('a stall is counted from when another agent moved on, and not for agents that voted', () => {
  const view = (b: string, bAnswers: number, c = 'waiting') => viewStatus({ coordination: { phase: 'initial_answer' }, agents: { a: { status: 'waiting', answer_count: 0 }, b: { status: b, answer_count: bAnswers }, c: { status: c, vote_cast: c === 'voted' ? {} : null } } });
  const watch = new StallWatch(10);
  assert.equal(watch.update(view('waiting', 0), 0), undefined);
  assert.equal(watch.update(view('waiting', 0), 50), undefined, 'nobody moved: no stall');
  assert.equal(watch.update(view('answered', 1, 'voted'), 60), undefined);
  assert.equal(watch.update(view('answered', 1, 'voted'), 69), undefined);
  assert.deepEqual(watch.update(view('answered', 1, 'voted'), 70), { agent: 'a', seconds: 10, status: 'waiting', answerCount: 0 });
});
