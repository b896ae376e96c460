/**
 * Automation mode: no display, about ten parseable lines on stdout, progress in
 * LOG_DIR/status.json, the final answer in LOG_DIR/final/<winner>/answer.txt,
 * and the exit codes of the multi-agent CLI's automation protocol.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Options } from '../options.js';
import { stateAt } from '../scenario/state.js';
import { CONFIG_ERROR_MESSAGE, EXIT, FRAME_MS, crashMessage, hangPoint, onInterrupt, scenarioFor } from '../session.js';
import { buildStatus, writeStatus, type StatusContext } from './status-file.js';

export interface AutomationIo {
  out(line: string): void;
  error(line: string): void;
  tmpdir: string;
}

/** `log_20250101_120000_123456`, the multi-agent CLI's session folder name. */
function sessionName(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `log_${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}_${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}_${p(d.getMilliseconds() * 1000, 6)}`;
}

function prepareLogDir(o: Options, io: AutomationIo, start: Date): string {
  if (o.logDir) {
    const dir = resolve(o.logDir);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  const dir = join(mkdtempSync(join(io.tmpdir, 'demo-target-')), sessionName(start));
  mkdirSync(dir);
  return dir;
}

export function runAutomation(o: Options, io: AutomationIo): Promise<number> {
  if (o.faults.configError) {
    io.error(CONFIG_ERROR_MESSAGE);
    return Promise.resolve(EXIT.config);
  }
  const s = scenarioFor(o);
  const startDate = new Date();
  let logDir: string;
  try {
    logDir = prepareLogDir(o, io, startDate);
  } catch (e) {
    io.error(`ERROR: Configuration error: cannot create log folder '${o.logDir}': ${(e as Error).message}`);
    return Promise.resolve(EXIT.config);
  }
  const startTime = startDate.getTime() / 1000;
  const t0 = performance.now();
  const hangAt = o.faults.hang ? hangPoint(s) : Infinity;
  const scenarioTime = (): number => Math.min(((performance.now() - t0) / 1000) * o.speed, hangAt, s.end);
  const context = (finished: boolean, override?: StatusContext['override']): StatusContext => ({
    logDir,
    sessionId: basename(logDir),
    startTime,
    now: Date.now() / 1000,
    speed: o.speed,
    finished,
    ...(override ? { override } : {}),
  });
  const saveStatus = (finished = false, override?: StatusContext['override']): void => {
    const t = finished ? s.end : scenarioTime();
    writeStatus(logDir, buildStatus(s, stateAt(s, t), context(finished, override)));
  };

  return new Promise((done) => {
    let finished = false;
    // Handlers first: an interrupt right after LOG_DIR appears must still exit 4.
    onInterrupt(() => finish(EXIT.interrupted, 'Interrupted.'));
    io.out(`LOG_DIR: ${logDir}`);
    io.out(`STATUS: ${join(logDir, 'status.json')}`);
    io.out(`QUESTION: ${s.question}`);
    io.out('[Coordination in progress - monitor status.json for real-time updates]');
    saveStatus();
    let restartsSeen = 0;
    const restarts = s.events.filter((e) => e.restart);
    const ticker = setInterval(() => tick(), FRAME_MS);
    const statusTimer = setInterval(() => saveStatus(), o.statusInterval * 1000);
    const timers: NodeJS.Timeout[] = [];

    const finish = (code: number, message?: string, override?: StatusContext['override']): void => {
      if (finished) return;
      finished = true;
      clearInterval(ticker);
      clearInterval(statusTimer);
      timers.forEach(clearTimeout);
      try {
        if (code === EXIT.ok) {
          const answerFile = join(logDir, 'final', s.winner, 'answer.txt');
          mkdirSync(join(logDir, 'final', s.winner), { recursive: true });
          writeFileSync(answerFile, s.finalAnswer + '\n');
          writeFileSync(join(logDir, 'coordination_events.json'), JSON.stringify(s.events.map((e) => ({ time: e.t, text: e.text, tone: e.tone })), null, 2) + '\n');
          saveStatus(true);
          const seconds = (performance.now() - t0) / 1000;
          const flat = s.finalAnswer.replace(/\s+/g, ' ');
          io.out(`WINNER: ${s.winner}`);
          io.out(`ANSWER_FILE: ${answerFile}`);
          io.out(`DURATION: ${seconds.toFixed(1)}s`);
          io.out(`ANSWER_PREVIEW: ${flat.slice(0, 200)}${flat.length > 200 ? '...' : ''}`);
          io.out(`COMPLETED: ${s.agents.length} agents, ${process.uptime().toFixed(1)}s total`);
        } else {
          saveStatus(false, override);
        }
      } catch (e) {
        io.error(`ERROR: Execution failed: cannot write results to '${logDir}': ${(e as Error).message}`);
        code = EXIT.execution;
      }
      if (message) io.error(message);
      done(code);
    };

    const tick = (): void => {
      const t = scenarioTime();
      while (restartsSeen < restarts.length && restarts[restartsSeen]!.t <= t) {
        const r = restarts[restartsSeen++]!.restart!;
        io.out(`RESTART: Attempt ${r.attempt}/${r.of}`);
      }
      if (t >= s.end) finish(EXIT.ok);
    };

    const unfinished = (): string[] => stateAt(s, scenarioTime()).agents.filter((a) => a.status !== 'completed' && a.status !== 'error').map((a) => a.id);
    if (o.faults.crashAfter !== undefined) {
      const victim = s.agents[s.agents.length > 1 ? 1 : 0]!.id;
      timers.push(
        setTimeout(
          () => finish(EXIT.execution, crashMessage(s), { agents: [victim], status: 'error', error: { type: 'connection', message: 'Connection reset by peer (ECONNRESET)' } }),
          o.faults.crashAfter * 1000,
        ),
      );
    }
    if (o.timeout !== undefined) {
      const seconds = o.timeout;
      timers.push(
        setTimeout(
          () => finish(EXIT.timeout, `ERROR: Coordination timed out after ${seconds}s`, { agents: unfinished(), status: 'timeout', error: { type: 'timeout', message: `Agent timeout after ${seconds}s` } }),
          seconds * 1000,
        ),
      );
    }
  });
}
