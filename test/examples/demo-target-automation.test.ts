/**
 * The demo target's automation mode speaks the multi-agent CLI's automation
 * contract as the released program (v0.1.12) does: what reaches stdout and
 * when, where status.json and the final answer go, the statuses written, the
 * exit codes, and its faults as the real program shows them.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatusFile } from '../../examples/demo-target/automation/status-file.js';
import { runDemo, type DemoRun } from './demo-target-run.js';

const made: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'demo-target-test-'));
  made.push(dir);
  return dir;
};
after(() => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));

const UNBUFFERED = { PYTHONUNBUFFERED: '1' };
const WRITTEN = new Set(['waiting', 'restarting', 'streaming', 'answered', 'voted']);

/** The session folder the run made under .massgen/massgen_logs/ of `cwd`. */
function session(cwd: string): string | undefined {
  const logs = join(cwd, '.massgen', 'massgen_logs');
  const name = existsSync(logs) ? readdirSync(logs).find((n) => /^log_\d{8}_\d{6}_\d{6}$/.test(n)) : undefined;
  return name && join(logs, name);
}

function readStatus(path: string): StatusFile | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as StatusFile) : undefined;
}

/** Runs in automation mode in a new folder, reading turn_1/status.json every 20 ms while it runs. */
async function runWatched(args: string[], o: { env?: Record<string, string>; onStatus?: (s: StatusFile, kill: (sig: NodeJS.Signals) => void, cwd: string) => void } = {}) {
  const cwd = await tempDir();
  const seen: StatusFile[] = [];
  let child: ChildProcess | undefined;
  const poll = setInterval(() => {
    const root = session(cwd);
    const s = root && readStatus(join(root, 'turn_1', 'status.json'));
    if (!s || (seen.length && seen.at(-1)!.meta.last_updated === s.meta.last_updated)) return;
    seen.push(s);
    if (child) o.onStatus?.(s, (sig) => child!.kill(sig), cwd);
  }, 20);
  try {
    const result = await runDemo(['--automation', ...args], { cwd, env: o.env ?? UNBUFFERED, onOutput: (c) => (child = c) });
    return { result, seen, cwd, root: session(cwd), lines: result.stdout.split('\n') };
  } finally {
    clearInterval(poll);
  }
}

test('automation mode prints the header, QUESTION and the progress line, then the results, and no paths', async () => {
  const { result, lines, root } = await runWatched(['--speed', '10', '--status-interval', '0.2']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(lines[1], '🤖 \x1b[96mMulti-Agent Mode\x1b[0m');
  assert.equal(lines[2], 'Agents: agent_a, agent_b, agent_c');
  assert.equal(lines[5], '='.repeat(60));
  assert.equal(lines[6], 'QUESTION: What are the trade-offs between SQLite and PostgreSQL for a small web app?');
  assert.equal(lines[7], '[Coordination in progress - monitor status.json for real-time updates]');
  const keys = lines.map((l) => /^([A-Z_]+):/.exec(l)?.[1]).filter(Boolean);
  assert.deepEqual(keys, ['QUESTION', 'WINNER', 'DURATION', 'ANSWER_PREVIEW', 'COMPLETED']);
  const winner = /^WINNER: (agent_[a-c])$/m.exec(result.stdout)![1]!;
  assert.match(result.stdout, /^COMPLETED: 3 agents, \d+\.\ds total$/m);
  assert.ok(existsSync(join(root!, 'turn_1', 'final', winner, 'answer.txt')));
  assert.ok(existsSync(join(root!, 'turn_1', 'massgen.log')));
  assert.equal(result.stderr, '');
});

test('on a pipe without PYTHONUNBUFFERED the lines arrive only at exit, all at once', async () => {
  const { result } = await runWatched(['--speed', '10', '--status-interval', '0.2'], { env: { PYTHONUNBUFFERED: '' } });
  assert.equal(result.code, 0);
  const chunk = result.chunks.find((c) => c.data.includes('QUESTION:'))!;
  assert.match(chunk.data, /COMPLETED:/, 'QUESTION: came in the same write as COMPLETED:');
  assert.match(result.chunks[0]!.data, /Multi-Agent Mode/, 'the flushed header came first');
});

test('status.json holds only the statuses the program writes; the winner comes before the final answer', async () => {
  let answerBeforeWinner: boolean | undefined;
  const { result, seen, root } = await runWatched(['--speed', '6', '--status-interval', '0.1'], {
    onStatus: (s, _kill, cwd) => {
      if (s.results.winner && answerBeforeWinner === undefined) {
        answerBeforeWinner = existsSync(join(cwd, s.meta.log_dir, 'final', s.results.winner, 'answer.txt'));
      }
    },
  });
  assert.equal(result.code, 0, result.stderr);
  assert.ok(seen.length >= 5, `only ${seen.length} status files seen`);
  assert.deepEqual([...new Set(seen.map((s) => s.coordination.phase))], ['initial_answer', 'enforcement', 'presentation']);
  for (const s of seen) for (const a of Object.values(s.agents)) assert.ok(WRITTEN.has(a.status), `status ${a.status} is never written by the program`);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.coordination.completion_percentage >= seen[i - 1]!.coordination.completion_percentage);
  const last = seen.at(-1)!;
  assert.equal(last.coordination.completion_percentage, 100);
  assert.equal(last.meta.session_id, 'turn_1');
  assert.equal(last.meta.log_dir, join('.massgen', 'massgen_logs', root!.split('/').pop()!, 'turn_1'));
  assert.ok(seen.filter((s) => s.coordination.phase !== 'presentation').every((s) => s.results.winner === null));
  assert.equal(answerBeforeWinner, false, 'the final answer is written after the presentation');
});

test('a configuration error prints its message on stdout and exits 1', async () => {
  const { result, root } = await runWatched(['--fault', 'config-error']);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^❌ Configuration error: OpenAI API key not found\. Set OPENAI_API_KEY environment variable\.\n/);
  assert.equal(result.stderr, '');
  assert.equal(root, undefined, 'no session folder');
});

test('a rejected API key shows as coloured ERROR lines on stderr while the agent stays waiting; the orchestrator timeout ends the run with exit 0', async () => {
  const { result, seen, root } = await runWatched(['--fault', 'agent-error', '--speed', '10', '--status-interval', '0.1', '--orchestrator-timeout', '3']);
  assert.equal(result.code, 0);
  assert.match(result.stderr, /^\x1b\[32m\d\d:\d\d:\d\d\x1b\[0m \| \x1b\[31m\x1b\[1mERROR {3}\x1b\[0m \| \x1b\[31m\x1b\[1mStreaming error: Error code: 401 - /);
  assert.ok(seen.every((s) => s.agents.agent_c!.status === 'waiting' && s.agents.agent_c!.error === null));
  assert.ok(seen.at(-1)!.coordination.completion_percentage < 100);
  assert.match(readFileSync(join(root!, 'turn_1', 'massgen.log'), 'utf8'), /⚠️ \*\*Orchestrator Timeout\*\*: Time limit exceeded/);
  assert.match(result.stdout, /^COMPLETED: /m);
});

test('a restart prints RESTART: Attempt 2/3, moves to attempt_2 and copies the final answer to the turn', async () => {
  const { result, root } = await runWatched(['--fault', 'restart', '--speed', '8', '--status-interval', '0.1']);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /^RESTART: Attempt 2\/3$/m);
  assert.equal(result.stdout.match(/^QUESTION: /gm)!.length, 2, 'the new attempt prints QUESTION: again');
  assert.ok(existsSync(join(root!, 'turn_1', 'attempt_1', 'status.json')));
  const winner = /^WINNER: (\S+)$/m.exec(result.stdout)![1]!;
  assert.ok(existsSync(join(root!, 'turn_1', 'attempt_2', 'final', winner, 'answer.txt')));
  assert.ok(existsSync(join(root!, 'turn_1', 'final', winner, 'answer.txt')));
});

test('Ctrl+C exits 0, as the program does; SIGTERM kills it and the buffered lines are lost', async () => {
  const int = await runWatched(['--fault', 'hang', '--speed', '10', '--status-interval', '0.1'], { onStatus: (_s, kill) => kill('SIGINT') });
  assert.equal(int.result.code, 0);
  assert.match(int.result.stdout, /QUESTION:/);
  const term = await runWatched(['--fault', 'hang', '--speed', '10', '--status-interval', '0.1'], { env: { PYTHONUNBUFFERED: '' }, onStatus: (_s, kill) => kill('SIGTERM') });
  assert.equal(term.result.signal, 'SIGTERM');
  assert.doesNotMatch(term.result.stdout, /QUESTION:/);
});

test('--print-log-dir prints LOG_DIR: (the session root) and STATUS: (its turn_1/status.json)', async () => {
  const { result, root } = await runWatched(['--print-log-dir', '--speed', '20']);
  assert.equal(result.code, 0);
  assert.match(result.stdout, new RegExp(`^LOG_DIR: ${root}\\nSTATUS: ${join(root!, 'turn_1', 'status.json')}\\nQUESTION: `, 'm'));
  assert.match(result.stdout, new RegExp(`^ANSWER_FILE: ${join(root!, 'turn_1', 'final')}/agent_\\w+/answer\\.txt$`, 'm'));
});

test('--log-dir is refused in automation mode, which writes where the real program does', async () => {
  const r: DemoRun = await runDemo(['--automation', '--log-dir', '/tmp/x']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /--log-dir is for the rich display; automation mode writes under \.massgen\/massgen_logs\//);
});
