/**
 * The massgen protocol against the multi-agent CLI's automation contract as
 * the released program (v0.1.12) behaves — played by the demo target, which
 * follows the program's source — and the later variant that prints
 * LOG_DIR:/STATUS:. Each run works in its own folder, where the program
 * writes .massgen/massgen_logs/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { PretestEvent } from '../../src/pretest/index.js';
import { FAKE, demoCommand, pretest, tempDir } from './helpers.js';

/** Python's stdout on a pipe, as when the variable is not passed on: lines arrive at exit. */
const BUFFERED = 'PYTHONUNBUFFERED= ';
const LOGS = /\.massgen\/massgen_logs\/log_\d{8}_\d{6}_\d{6}\/turn_1\/status\.json$/;

test('a healthy run of the released contract passes: status.json found in the working folder, the final answer written', async () => {
  const cwd = await tempDir();
  const r = await pretest({ command: demoCommand(''), protocol: 'massgen', smokeSeconds: 0, timeout: 60, cwd });
  assert.equal(r.verdict, 'passed', r.reason);
  assert.equal(r.exitCode, 0);
  assert.match(r.reason, /^run completed: winner (agent_\w+), final answer in \.massgen\/massgen_logs\/log_\w+\/turn_1\/final\/\1\/answer\.txt; phases: initial_answer → (enforcement → )?presentation$/);
  assert.equal(r.contract!.statusFoundBy, 'working-folder');
  assert.match(r.contract!.statusFile!, LOGS);
  assert.ok(r.contract!.statusFile!.startsWith(cwd));
  assert.ok(existsSync(r.contract!.answerFile!));
  assert.deepEqual(r.contract!.linesSeen, ['QUESTION', 'WINNER', 'DURATION', 'ANSWER_PREVIEW', 'COMPLETED']);
  assert.equal(r.contract!.pythonUnbuffered, true);
  assert.equal(r.parsed.logDir, null, 'v0.1.12 prints no LOG_DIR:');
  assert.equal((r.lastStatus as { results: { winner: string } }).results.winner, r.parsed.winner);
});

test('a healthy run passes when its stdout is block-buffered and its lines arrive only at exit', async () => {
  const cwd = await tempDir();
  const events: PretestEvent[] = [];
  const r = await pretest({ command: BUFFERED + demoCommand(''), protocol: 'massgen', smokeSeconds: 0, timeout: 60, cwd }, { onProgress: (e) => events.push(e) });
  assert.equal(r.verdict, 'passed', r.reason);
  assert.equal(r.contract!.statusFoundBy, 'working-folder');
  const firstStatus = events.findIndex((e) => e.kind === 'status');
  const question = events.findIndex((e) => e.kind === 'protocol' && e.key === 'question');
  assert.ok(firstStatus >= 0 && question > firstStatus, 'status.json was followed before any stdout line arrived');
  const found = events.find((e) => e.kind === 'status-file');
  assert.ok(found && found.kind === 'status-file' && found.foundBy === 'working-folder' && found.path === r.contract!.statusFile, 'the status.json followed was announced');
});

test('the later variant is followed by its STATUS: line, and by the working folder when that line is held in the buffer', async () => {
  const cwd = await tempDir();
  const printed = await pretest({ command: demoCommand('--print-log-dir'), protocol: 'massgen', smokeSeconds: 0, timeout: 60, cwd });
  assert.equal(printed.verdict, 'passed', printed.reason);
  assert.equal(printed.contract!.statusFoundBy, 'status-line');
  assert.match(printed.parsed.logDir!, /\.massgen\/massgen_logs\/log_\w+$/);
  assert.equal(printed.parsed.statusFile, join(printed.parsed.logDir!, 'turn_1', 'status.json'));
  assert.equal(printed.contract!.answerFile, printed.parsed.answerFile);
  const events: PretestEvent[] = [];
  const buffered = await pretest({ command: BUFFERED + demoCommand('--print-log-dir'), protocol: 'massgen', smokeSeconds: 0, timeout: 60, cwd: await tempDir() }, { onProgress: (e) => events.push(e) });
  assert.equal(buffered.verdict, 'passed', buffered.reason);
  const firstStatus = events.findIndex((e) => e.kind === 'status');
  const statusLine = events.findIndex((e) => e.kind === 'protocol' && e.key === 'statusFile');
  assert.ok(firstStatus >= 0 && statusLine > firstStatus, 'followed through the working folder until the STATUS: line came at exit');
});

test('a backend rejecting its API key fails at once, quoting the ERROR line without colour codes', async () => {
  const cwd = await tempDir();
  const r = await pretest({ command: demoCommand('--fault agent-error'), protocol: 'massgen', smokeSeconds: 30, timeout: 60, cwd });
  assert.equal(r.verdict, 'failed');
  assert.equal(r.stoppedBy, 'failure');
  assert.match(r.reason, /^an agent's backend failed: "\d\d:\d\d:\d\d \| ERROR \| Streaming error: Error code: 401 - .*invalid_api_key/);
  assert.match(r.reason, /no answer yet from (agent_\w+, )*agent_c$/);
  assert.doesNotMatch(r.reason, /\x1b/);
  assert.match(r.contract!.backendErrors[0]!, /^\d\d:\d\d:\d\d \| ERROR \| Streaming error: Error code: 401/);
  assert.ok(r.durationSeconds < 30, 'failed before the smoke window ended');
});

test('an agent that makes no progress while the others answer and vote fails after stallSeconds, named', async () => {
  const cwd = await tempDir();
  const r = await pretest({ command: demoCommand('--fault hang=agent_b'), protocol: 'massgen', smokeSeconds: 30, timeout: 60, stallSeconds: 1, cwd });
  assert.equal(r.verdict, 'failed');
  assert.equal(r.stoppedBy, 'failure');
  assert.match(r.reason, /^agent agent_b made no progress for [\d.]+s while the others did \(still waiting, 0 answers; last seen: \w+ at \d+%\)$/);
});

test('a configuration error fails with exit 1, quoting the error line the program printed on stdout', async () => {
  const r = await pretest({ command: demoCommand('--fault config-error'), protocol: 'massgen', smokeSeconds: 30, timeout: 60, cwd: await tempDir() });
  assert.equal(r.verdict, 'failed');
  assert.equal(r.exitCode, 1);
  assert.equal(r.reason, 'exited with code 1 (configuration error): ❌ Configuration error: OpenAI API key not found. Set OPENAI_API_KEY environment variable.');
});

test('an orchestrator timeout with a partial answer exits 0 but fails, naming the agent that did not finish', async () => {
  const cwd = await tempDir();
  const r = await pretest({ command: demoCommand('--fault hang=agent_c --orchestrator-timeout 3'), protocol: 'massgen', smokeSeconds: 0, timeout: 60, stallSeconds: 0, cwd });
  assert.equal(r.exitCode, 0);
  assert.equal(r.verdict, 'failed');
  assert.match(r.reason, /^orchestrator timeout: "⚠️ \*\*Orchestrator Timeout\*\*: Time limit exceeded \([\d.]+s\/3s\)"; the program exited 0 with a partial result at 66% completion; did not finish: agent_c \(no answer\)$/);
  assert.match(r.contract!.orchestratorTimeout!, /Orchestrator Timeout/);
  assert.ok(r.parsed.completed, 'it printed COMPLETED: all the same');
});

test('an orchestrator timeout with no answer at all fails, naming every agent', async () => {
  const r = await pretest({ command: demoCommand('--fault hang --orchestrator-timeout 2'), protocol: 'massgen', smokeSeconds: 0, timeout: 60, cwd: await tempDir() });
  assert.equal(r.exitCode, 0);
  assert.equal(r.verdict, 'failed');
  assert.match(r.reason, /^orchestrator timeout: ".*"; the program exited 0 with a partial result at 0% completion; did not finish: agent_a \(no answer\), agent_b \(no answer\), agent_c \(no answer\)$/);
  assert.equal(r.contract!.answerFile, null);
});

test('a restart moves status.json to the next attempt folder, and the run still passes', async () => {
  const r = await pretest({ command: demoCommand('--fault restart'), protocol: 'massgen', smokeSeconds: 0, timeout: 60, cwd: await tempDir() });
  assert.equal(r.verdict, 'passed', r.reason);
  assert.match(r.contract!.statusFile!, /\/turn_1\/attempt_2\/status\.json$/);
  assert.match(r.reason, /; 1 restart \(Attempt 2\/3\)$/);
});

test('the rare exit 3 is a TimeoutError escaping the run, quoted', async () => {
  const r = await pretest({ command: demoCommand('--timeout 1'), protocol: 'massgen', smokeSeconds: 30, timeout: 60, cwd: await tempDir() });
  assert.equal(r.verdict, 'failed');
  assert.equal(r.exitCode, 3);
  assert.equal(r.reason, 'exited with code 3 (a timeout error escaped the run): ❌ Timeout error: The read operation timed out');
});

test('an execution error exits 2 with the program\'s error line, not its last line', async () => {
  const r = await pretest({ command: demoCommand('--fault crash-after=0.5'), protocol: 'massgen', smokeSeconds: 30, timeout: 60, cwd: await tempDir() });
  assert.equal(r.exitCode, 2);
  assert.equal(r.reason, 'exited with code 2 (execution error): ❌ Error: Connection error.');
});

test('a status.json replaced by rename while it is read is never read half-written', async () => {
  const cwd = await tempDir();
  const r = await pretest({ command: `node ${FAKE} replaced ${cwd}`, protocol: 'massgen', smokeSeconds: 0, timeout: 30, pollIntervalMs: 5, cwd });
  assert.equal(r.verdict, 'passed', r.reason);
  assert.equal(r.statusReads.invalid, 0);
  assert.ok(r.statusReads.ok >= 5, `${r.statusReads.ok} reads`);
});

test('a winner in status.json is not completion: exit 0 without the final answer fails', async () => {
  const cwd = await tempDir();
  const r = await pretest({ command: `node ${FAKE} winner-only ${cwd}`, protocol: 'massgen', smokeSeconds: 0, timeout: 30, cwd });
  assert.equal(r.verdict, 'failed');
  assert.match(r.reason, /^exited 0 without finishing the run: no final\/<winner>\/answer\.txt and no COMPLETED: line \(last seen: presentation at 100%\); status\.json named the winner a1, but its final answer was never written/);
});

test('a session left in the folder by an earlier run is not taken for this one', async () => {
  const cwd = await tempDir();
  const old = join(cwd, '.massgen', 'massgen_logs', 'log_20240101_000000_000000', 'turn_1');
  mkdirSync(join(old, 'final', 'agent_a'), { recursive: true });
  writeFileSync(join(old, 'status.json'), JSON.stringify({ coordination: { phase: 'presentation', completion_percentage: 100 }, results: { winner: 'agent_a' } }));
  writeFileSync(join(old, 'final', 'agent_a', 'answer.txt'), 'old');
  utimesSync(join(old, 'status.json'), new Date('2024-01-01'), new Date('2024-01-01'));
  const r = await pretest({ command: 'sleep 0.5', protocol: 'massgen', smokeSeconds: 0, timeout: 30, cwd });
  assert.equal(r.verdict, 'failed');
  assert.equal(r.contract!.statusFile, null);
  assert.match(r.reason, /no status\.json seen/);
});

test('two runs in the same folder at once each follow their own session', async () => {
  const cwd = await tempDir();
  const [a, b] = await Promise.all([1, 2].map((seed) => pretest({ command: demoCommand(`--seed ${seed}`), protocol: 'massgen', smokeSeconds: 0, timeout: 60, cwd })));
  assert.equal(a!.verdict, 'passed', a!.reason);
  assert.equal(b!.verdict, 'passed', b!.reason);
  assert.notEqual(a!.contract!.statusFile, b!.contract!.statusFile);
  assert.equal((a!.lastStatus as { results: { winner: string } }).results.winner, a!.parsed.winner);
  assert.equal((b!.lastStatus as { results: { winner: string } }).results.winner, b!.parsed.winner);
});
