import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { StatusFile } from '../../examples/demo-target/automation/status-file.js';
import { runDemo, type DemoRun } from './demo-target-run.js';

const made: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'demo-target-test-'));
  made.push(dir);
  return dir;
};
after(() => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));

/** Reads status.json; it must always parse, since it is replaced by rename, never written in place. */
function readStatus(dir: string): StatusFile | undefined {
  const path = join(dir, 'status.json');
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as StatusFile;
}

/** Runs in automation mode, reading status.json every 20 ms while it runs. */
async function runWatched(args: string[], onStatus?: (s: StatusFile, run: DemoRun, kill: (sig: NodeJS.Signals) => void) => void) {
  const logDir = await tempDir();
  const seen: StatusFile[] = [];
  let child: ChildProcess | undefined;
  let run: DemoRun | undefined;
  const poll = setInterval(() => {
    const s = readStatus(logDir);
    if (!s || (seen.length && seen.at(-1)!.meta.last_updated === s.meta.last_updated)) return;
    seen.push(s);
    if (child && run) onStatus?.(s, run, (sig) => child!.kill(sig));
  }, 20);
  try {
    const result = await runDemo(['--automation', '--log-dir', logDir, ...args], {
      onOutput: (c, r) => {
        child = c;
        run = r;
      },
    });
    return { result, seen, logDir, lines: result.stdout.split('\n').filter(Boolean) };
  } finally {
    clearInterval(poll);
  }
}

test('automation mode prints the protocol lines in order and writes the answer file', async () => {
  const { result, lines, logDir } = await runWatched(['--speed', '10', '--status-interval', '0.2']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(
    lines.map((l) => l.replace(/:.*$/, '').replace(/^\[.*/, '[progress]')),
    ['LOG_DIR', 'STATUS', 'QUESTION', '[progress]', 'WINNER', 'ANSWER_FILE', 'DURATION', 'ANSWER_PREVIEW', 'COMPLETED'],
  );
  assert.equal(lines[0], `LOG_DIR: ${logDir}`);
  assert.equal(lines[1], `STATUS: ${join(logDir, 'status.json')}`);
  assert.equal(lines[2], 'QUESTION: What are the trade-offs between SQLite and PostgreSQL for a small web app?');
  assert.equal(lines[3], '[Coordination in progress - monitor status.json for real-time updates]');
  const winner = lines[4]!.slice('WINNER: '.length);
  assert.match(winner, /^agent_[a-c]$/);
  assert.equal(lines[5], `ANSWER_FILE: ${join(logDir, 'final', winner, 'answer.txt')}`);
  assert.match(lines[6]!, /^DURATION: \d+\.\ds$/);
  assert.match(lines[8]!, /^COMPLETED: 3 agents, \d+\.\ds total$/);
  const answer = readFileSync(join(logDir, 'final', winner, 'answer.txt'), 'utf8');
  const preview = lines[7]!.slice('ANSWER_PREVIEW: '.length).replace(/\.\.\.$/, '');
  assert.equal(preview.length, 200);
  assert.ok(answer.replace(/\s+/g, ' ').startsWith(preview));
  const final = readStatus(logDir)!;
  assert.equal(final.results.winner, winner);
  assert.equal(final.coordination.completion_percentage, 100);
  assert.ok(Object.values(final.agents).every((a) => a.status === 'completed'));
  assert.deepEqual(await readdir(logDir).then((f) => f.filter((n) => n.endsWith('.tmp'))), []);
});

test('status.json is valid whenever read while running: phases advance, completion rises, no winner until the end', async () => {
  const { result, seen } = await runWatched(['--speed', '6', '--status-interval', '0.1']);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(seen.length >= 10, `only ${seen.length} distinct status files seen`);
  const order = ['initial_answer', 'enforcement', 'presentation'];
  const phases = [...new Set(seen.map((s) => s.coordination.phase))];
  assert.deepEqual(phases, order);
  for (let i = 1; i < seen.length; i++) {
    assert.ok(seen[i]!.coordination.completion_percentage >= seen[i - 1]!.coordination.completion_percentage);
    assert.ok(seen[i]!.meta.elapsed_seconds >= seen[i - 1]!.meta.elapsed_seconds);
  }
  const running = seen.filter((s) => s.coordination.completion_percentage < 100);
  assert.ok(running.length >= 8);
  assert.ok(running.every((s) => s.results.winner === null && s.results.final_answer_preview === null));
  assert.ok(new Set(running.map((s) => s.coordination.completion_percentage)).size >= 5, 'completion rises in steps');
  const statuses = new Set(seen.flatMap((s) => Object.values(s.agents).map((a) => a.status)));
  for (const st of ['streaming', 'answered', 'voted', 'completed']) assert.ok(statuses.has(st as never), `status ${st} never seen`);
  const sample = seen.find((s) => s.coordination.phase === 'enforcement')!;
  assert.deepEqual(Object.keys(sample), ['meta', 'coordination', 'agents', 'results']);
  assert.deepEqual(Object.keys(sample.meta), ['last_updated', 'session_id', 'log_dir', 'question', 'start_time', 'elapsed_seconds']);
  assert.deepEqual(Object.keys(sample.coordination), ['phase', 'active_agent', 'completion_percentage', 'is_final_presentation']);
  assert.deepEqual(Object.keys(sample.agents.agent_a!), ['status', 'answer_count', 'latest_answer_label', 'vote_cast', 'times_restarted', 'last_activity', 'error']);
  assert.deepEqual(Object.keys(sample.results), ['votes', 'winner', 'final_answer_preview']);
});

test('the default status interval is two seconds', async () => {
  const { result, seen } = await runWatched(['--speed', '2', '--fault', 'crash-after=4.5']);
  assert.equal(result.code, 2);
  // One at the start, one at 2 s, one at 4 s, one at the crash: never one every frame.
  assert.ok(seen.length >= 2 && seen.length <= 5, `${seen.length} status files in 4.5 s`);
});

test('a configuration error exits 1 before printing LOG_DIR', async () => {
  const { result } = await runWatched(['--fault', 'config-error']);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^ERROR: Configuration error: .*API key/);
});

test('crash-after=N exits 2 with an error message, leaving status.json with the failed agent', async () => {
  const { result, logDir } = await runWatched(['--fault', 'crash-after=0.6', '--speed', '2']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /ERROR: Execution failed: lost connection/);
  assert.ok(!result.stdout.includes('WINNER:'));
  const status = readStatus(logDir)!;
  assert.ok(Object.values(status.agents).some((a) => a.status === 'error' && a.error?.type === 'connection'));
  assert.equal(status.results.winner, null);
});

test('an agent error shows in status.json with type, message and timestamp while the others finish', async () => {
  const { result, seen } = await runWatched(['--fault', 'agent-error', '--speed', '8', '--status-interval', '0.1']);
  assert.equal(result.code, 0);
  const failed = seen.find((s) => s.agents.agent_c?.status === 'error');
  assert.ok(failed, 'agent_c never reported in error');
  const err = failed.agents.agent_c!.error!;
  assert.ok(err.type && err.message && err.timestamp > failed.meta.start_time);
  assert.equal(seen.at(-1)!.agents.agent_c!.status, 'error');
  assert.notEqual(seen.at(-1)!.results.winner, 'agent_c');
});

test('a restart prints RESTART: Attempt 2/3 and the run continues to a winner', async () => {
  const { result, lines, seen } = await runWatched(['--fault', 'restart', '--speed', '8', '--status-interval', '0.1']);
  assert.equal(result.code, 0);
  const at = lines.indexOf('RESTART: Attempt 2/3');
  assert.ok(at > 3 && at < lines.findIndex((l) => l.startsWith('WINNER:')), lines.join('\n'));
  assert.ok(seen.some((s) => Object.values(s.agents).some((a) => a.status === 'restarting')));
  assert.ok(Object.values(seen.at(-1)!.agents).every((a) => a.times_restarted === 1));
});

test('a hang keeps rewriting status.json with unchanged progress until interrupted, then exits 4', async () => {
  const stuck: StatusFile[] = [];
  const { result } = await runWatched(['--fault', 'hang', '--speed', '10', '--status-interval', '0.1'], (s, _run, kill) => {
    if (s.meta.elapsed_seconds > 1.2) stuck.push(s);
    if (stuck.length === 5) kill('SIGINT');
  });
  assert.equal(result.code, 4);
  assert.ok(stuck.length >= 5);
  assert.equal(new Set(stuck.map((s) => s.coordination.completion_percentage)).size, 1, 'progress moved');
  assert.equal(new Set(stuck.map((s) => JSON.stringify(s.agents))).size, 1, 'agents moved');
  assert.ok(stuck.at(-1)!.meta.last_updated > stuck[0]!.meta.last_updated);
  assert.ok(stuck[0]!.coordination.completion_percentage < 50);
});

test('a hang with --timeout exits 3 and marks the unfinished agents timed out', async () => {
  const { result, logDir } = await runWatched(['--fault', 'hang', '--speed', '10', '--timeout', '1']);
  assert.equal(result.code, 3);
  assert.match(result.stderr, /timed out after 1s/);
  const status = readStatus(logDir)!;
  assert.ok(Object.values(status.agents).every((a) => a.status === 'timeout' && a.error?.type === 'timeout'));
});

test('SIGINT while running exits 4', async () => {
  const logDir = await tempDir();
  let sent = false;
  const result = await runDemo(['--automation', '--log-dir', logDir], {
    onOutput: (child, run) => {
      if (!sent && run.stdout.includes('[Coordination in progress')) sent = child.kill('SIGINT');
    },
  });
  assert.equal(result.code, 4);
  assert.match(result.stderr, /Interrupted/);
});

test('without --log-dir each run gets its own new folder under the temp folder', async () => {
  const [a, b] = await Promise.all([runDemo(['--automation', '--speed', '40']), runDemo(['--automation', '--speed', '40'])]);
  const dir = (r: DemoRun) => /^LOG_DIR: (.*)$/m.exec(r.stdout)![1]!;
  assert.notEqual(dir(a), dir(b));
  for (const r of [a, b]) {
    assert.ok(dir(r).startsWith(tmpdir()));
    assert.ok(existsSync(join(dir(r), 'status.json')));
  }
  assert.equal(a.code, 0);
  assert.equal(b.code, 0);
  made.push(dirname(dir(a)), dirname(dir(b)));
});
