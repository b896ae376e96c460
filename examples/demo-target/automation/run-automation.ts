/**
 * Automation mode, as the multi-agent CLI (MassGen v0.1.12) really behaves
 * with `--automation`: a coloured header, `QUESTION:` and a progress line on
 * stdout (block-buffered on a pipe unless PYTHONUNBUFFERED is set), no
 * LOG_DIR/STATUS lines, status.json under
 * `.massgen/massgen_logs/log_<timestamp>/turn_1/` of the working folder, the
 * final answer in `final/<winner>/answer.txt` after the presentation, and the
 * program's real exit codes: 0 also after an orchestrator timeout and after
 * Ctrl+C, 1 for a configuration error (its message on stdout), 2 for any
 * other error, 3 when a TimeoutError escapes. `--print-log-dir` speaks the
 * later variant that prints `LOG_DIR:` and `STATUS:`.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Options } from '../options.js';
import { stateAt } from '../scenario/state.js';
import { MAX_ATTEMPTS } from '../scenario/build.js';
import { EXIT, FRAME_MS, hangPoint, scenarioFor } from '../session.js';
import { BufferedStdout, RunLog, loguruConsoleLine } from './output.js';
import { buildStatus, writeStatus } from './status-file.js';

export interface AutomationIo {
  /** Raw text to stdout. */
  write(text: string): void;
  /** One line to stderr. */
  error(line: string): void;
  /** The working folder: .massgen/ goes here. */
  cwd: string;
  /** PYTHONUNBUFFERED is set, or stdout is a terminal: each line goes out as printed. */
  unbuffered: boolean;
}

/** The ConfigurationError message of a missing API key (massgen/cli.py:294-306, printed by cli.py:3183). */
export const CONFIG_ERROR_LINES = [
  '❌ Configuration error: OpenAI API key not found. Set OPENAI_API_KEY environment variable.',
  'You can add it to a .env file in:',
  '  - Current directory: .env',
  '  - User config: ~/.config/massgen/.env',
  '  - Global: ~/.massgen/.env',
  '',
  'Or run: massgen --setup',
];

/** What a backend rejecting its API key logs (massgen/backend/base_with_custom_tool_and_mcp.py:1514), key masked as the API does. */
export const BAD_KEY_ERROR =
  "Streaming error: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-proj-********************Xy9Z. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}";

/** `log_20250101_120000_123456`: the session folder name, to the microsecond (massgen/logger_config.py:81-83). */
function sessionName(d: Date, microseconds: number): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `log_${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}_${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}_${p(microseconds, 6)}`;
}

export function runAutomation(o: Options, io: AutomationIo): Promise<number> {
  const out = new BufferedStdout(io.write, io.unbuffered);
  if (o.faults.configError) {
    CONFIG_ERROR_LINES.forEach((line) => out.print(line, true));
    return Promise.resolve(EXIT.config);
  }
  const s = scenarioFor(o);
  const nowMs = performance.timeOrigin + performance.now();
  const startDate = new Date(Math.floor(nowMs));
  const startTime = startDate.getTime() / 1000;
  // The program names its folders relative to its working folder.
  const root = join('.massgen', 'massgen_logs', sessionName(startDate, Math.floor((nowMs % 1000) * 1000)));
  const turn = join(root, 'turn_1');
  let attempt = 1;
  // Restarts on: each attempt gets its own folder (logger_config.py:96-98).
  const statusDir = (): string => (o.faults.restart ? join(turn, `attempt_${attempt}`) : turn);
  const abs = (p: string): string => resolve(io.cwd, p);
  mkdirSync(abs(statusDir()), { recursive: true });
  const log = new RunLog(abs(join(turn, 'massgen.log')));
  log.line('INFO', `Logging enabled - logging INFO+ to file: ${join(turn, 'massgen.log')}`);

  // Agents that never answer: one whose backend rejects its key (ERROR lines on stderr), or one that hangs silently.
  const erroring = o.faults.agentError ? s.agents[s.agents.length - 1]!.id : undefined;
  const failing = new Set<string>([erroring, o.faults.hangAgent].filter((id): id is string => id !== undefined && s.agents.some((a) => a.id === id)));
  // Where progress stops: a hang before any answer; with a failing agent, once the others have voted (the run waits for its vote).
  const stopAt = o.faults.hang ? hangPoint(s) : failing.size ? s.resultsAt - 0.001 : Infinity;
  const t0 = performance.now();
  const wall = (): number => (performance.now() - t0) / 1000;
  const scenarioTime = (): number => Math.min(wall() * o.speed, stopAt, s.end);

  // cli.py:1678-1681, flushed.
  out.print('');
  out.print(`🤖 \x1b[96mMulti-Agent Mode\x1b[0m`, true);
  out.print(`Agents: ${s.agents.map((a) => a.id).join(', ')}`, true);
  out.print(`Question: ${s.question}`, true);
  out.print('');
  out.print('='.repeat(60), true);
  const initialize = (): void => {
    if (o.printLogDir) {
      out.print(`LOG_DIR: ${abs(root)}`);
      out.print(`STATUS: ${abs(join(turn, 'status.json'))}`);
    }
    out.print(`QUESTION: ${s.question}`);
    out.print('[Coordination in progress - monitor status.json for real-time updates]');
  };
  initialize();

  let winner: string | null = null;
  const save = (): void => writeStatus(abs(statusDir()), buildStatus(s, stateAt(s, scenarioTime()), { statusDir: statusDir(), startTime, now: Date.now() / 1000, speed: o.speed, failing, winner }));

  return new Promise((done) => {
    let finished = false;
    let presenting = false;
    let presentedAt = Infinity;
    let restartsSeen = 0;
    let lastProgress = '';
    const restarts = s.events.filter((e) => e.restart);
    const timers: NodeJS.Timeout[] = [];
    const ticker = setInterval(() => tick(), FRAME_MS);
    // The first write comes one interval after coordination starts, then every interval (coordination_tracker.py via orchestrator.py:1189-1201).
    const statusTimer = setInterval(() => save(), o.statusInterval * 1000);

    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      clearInterval(ticker);
      clearInterval(statusTimer);
      timers.forEach(clearTimeout);
      log.close();
      out.flush();
      done(code);
    };
    // Ctrl+C: the run is abandoned and the program exits 0. SIGTERM keeps Node's default: killed, buffered lines lost, as Python's are.
    process.on('SIGINT', () => finish(EXIT.ok));

    const present = (chosen: string): void => {
      presenting = true;
      winner = chosen;
      // The winner is in status.json before the presentation; the periodic writer has stopped.
      clearInterval(statusTimer);
      save();
      presentedAt = wall();
    };

    const complete = (): void => {
      if (finished) return;
      const dir = abs(statusDir());
      mkdirSync(join(dir, 'final', winner!), { recursive: true });
      writeFileSync(join(dir, 'final', winner!, 'answer.txt'), s.finalAnswer);
      writeFileSync(join(dir, 'coordination_events.json'), JSON.stringify(s.events.map((e) => ({ timestamp: startTime + e.t / o.speed, details: e.text })), null, 2));
      if (o.faults.restart) cpSync(join(dir, 'final'), abs(join(turn, 'final')), { recursive: true });
      // silent_display.py:123-142: the preview is the start of the streamed presentation, headings and all.
      const preview = `## 🎯 Final Coordinated Answer\n🏆 Selected Agent: ${winner}\n${s.finalAnswer}`;
      out.print();
      out.print(`WINNER: ${winner}`);
      if (o.printLogDir) out.print(`ANSWER_FILE: ${abs(join(turn, 'final', winner!, 'answer.txt'))}`);
      out.print(`DURATION: ${wall().toFixed(1)}s`);
      out.print(`ANSWER_PREVIEW: ${preview.slice(0, 200)}${preview.length > 200 ? '...' : ''}`);
      out.print(`\nCOMPLETED: ${s.agents.length} agents, ${wall().toFixed(1)}s total`);
      finish(EXIT.ok);
    };

    const tick = (): void => {
      if (finished) return;
      const t = scenarioTime();
      while (restartsSeen < restarts.length && restarts[restartsSeen]!.t <= t) {
        const r = restarts[restartsSeen++]!.restart!;
        save();
        out.print(`RESTART: Attempt ${r.attempt}/${r.of}`);
        out.print(`\n${'='.repeat(80)}`);
        out.print(`🔄 Restarting coordination - Attempt ${r.attempt}/${MAX_ATTEMPTS}`);
        out.print(`${'='.repeat(80)}\n`);
        attempt = r.attempt;
        mkdirSync(abs(statusDir()), { recursive: true });
        initialize();
      }
      // Each answer and vote is written at once (orchestrator.py:1509, 1578).
      const state = stateAt(s, t);
      const progress = state.agents.map((a) => `${a.answerCount}${a.vote ? 'v' : ''}`).join();
      if (!presenting && progress !== lastProgress) {
        if (lastProgress !== '') save();
        lastProgress = progress;
      }
      if (!presenting && t >= s.presentAt) present(s.winner);
      if (presenting && (t >= s.end || wall() - presentedAt >= (s.end - s.presentAt) / o.speed)) complete();
    };

    for (const id of erroring ? [erroring] : []) {
      // The backend fails on its first request and on every retry, each time an ERROR line.
      const first = s.agents.find((a) => a.id === id)!.actions.find((a) => a.kind === 'status' && a.status === 'streaming')?.t ?? 0.5;
      const fail = (): void => {
        if (finished || presenting) return;
        io.error(loguruConsoleLine('ERROR', BAD_KEY_ERROR));
        log.line('ERROR', BAD_KEY_ERROR);
        timers.push(setTimeout(fail, o.statusInterval * 1000));
      };
      timers.push(setTimeout(fail, (first / o.speed) * 1000));
    }

    // orchestrator.py:1252-1267: the timeout is caught, logged, and the run goes to the presentation with what it has.
    timers.push(
      setTimeout(() => {
        if (presenting || finished) return;
        const limit = o.orchestratorTimeout;
        log.line('INFO', `Stream chunk [content]: \n⚠️ **Orchestrator Timeout**: Time limit exceeded (${wall().toFixed(1)}s/${limit}s)\n`);
        const state = stateAt(s, scenarioTime());
        const answered = state.agents.filter((a) => a.answerCount > 0 && !failing.has(a.id));
        if (answered.length === 0) {
          log.line('INFO', 'Stream chunk [error]: ❌ No answers available from any agents due to timeout. No agents had enough time to provide responses.\n');
          clearInterval(statusTimer);
          out.print(`\nCOMPLETED: ${s.agents.length} agents, ${wall().toFixed(1)}s total`);
          finish(EXIT.ok);
          return;
        }
        const votes = new Map<string, number>();
        for (const a of state.agents) if (a.vote && !failing.has(a.id)) votes.set(a.vote.forAgent, (votes.get(a.vote.forAgent) ?? 0) + 1);
        const chosen = [...votes.entries()].sort((x, y) => y[1] - x[1])[0]?.[0] ?? answered[0]!.id;
        present(chosen);
        timers.push(setTimeout(() => complete(), Math.max(200, ((s.end - s.presentAt) / o.speed) * 1000)));
      }, o.orchestratorTimeout * 1000),
    );

    if (o.faults.crashAfter !== undefined) {
      // Any other exception: cli.py:3192-3194.
      timers.push(setTimeout(() => (out.print('❌ Error: Connection error.', true), finish(EXIT.execution)), o.faults.crashAfter * 1000));
    }
    if (o.timeout !== undefined) {
      // A builtin TimeoutError that escapes: cli.py:3189-3191, the rare exit 3.
      timers.push(setTimeout(() => (out.print('❌ Timeout error: The read operation timed out', true), finish(EXIT.timeout)), o.timeout * 1000));
    }
  });
}
