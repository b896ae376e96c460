/**
 * The rich display's loop: a frame every 100 ms of wall time, each showing the
 * scenario at frame × 0.1 s × speed, so the bytes written depend only on the
 * seed, speed, size and defects, never on how fast the machine is.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectColorLevel } from '../ansi/colors.js';
import { stringWidth, truncate } from '../ansi/width.js';
import type { Options } from '../options.js';
import { stateAt } from '../scenario/state.js';
import type { Scenario } from '../scenario/types.js';
import { CONFIG_ERROR_MESSAGE, EXIT, FRAME_MS, crashMessage, hangPoint, onInterrupt, scenarioFor } from '../session.js';
import { composeFrame, RESERVED_ROWS } from './layout.js';
import { ScreenWriter } from './screen-writer.js';
import { makeTheme } from './theme.js';

export interface RichIo {
  write(data: string): void;
  error(line: string): void;
  /** The terminal's size, when stdout is one. */
  size(): { cols: number; rows: number } | undefined;
  env: NodeJS.ProcessEnv;
  tmpdir: string;
}

/** The size to draw for: flags, then the terminal, then COLUMNS/LINES, then 120×36. */
export function resolveSize(o: Options, io: RichIo): { cols: number; rows: number; fixed: boolean } {
  const tty = io.size();
  const envCols = Number(io.env.COLUMNS);
  const envRows = Number(io.env.LINES);
  const cols = o.cols ?? tty?.cols ?? (envCols > 0 ? envCols : 120);
  const rows = o.rows ?? tty?.rows ?? (envRows > 0 ? envRows : 36);
  return { cols, rows, fixed: o.cols !== undefined && o.rows !== undefined };
}

/**
 * Frames skipped by the silent defect: nothing at all for a stretch as long as
 * 35% of the run before the first frame, then nothing while the voting starts
 * (25% of the run) and while the presentation starts (10%): about half of the
 * time the screen shows nothing new.
 */
function silentPlan(s: Scenario, step: number): { delay: number; quiet: (t: number) => boolean } {
  const inWindow = (t: number, from: number, share: number): boolean => t >= from && t < from + s.end * share;
  return {
    delay: Math.ceil((s.end * 0.35) / step),
    quiet: (t) => inWindow(t, s.votingAt, 0.25) || inWindow(t, s.presentAt, 0.1),
  };
}

/** The line printed on exit, shortened to fit one row so nothing scrolls. */
function summary(s: Scenario, logDir: string, icons: boolean, cols: number): string {
  const votes = s.agents.reduce((n, a) => n + a.actions.filter((x) => x.kind === 'vote' && x.vote.forAgent === s.winner).length, 0);
  const head = `${icons ? '✅ ' : ''}Coordination complete in ${s.end.toFixed(1)}s · winner ${s.winner} (${votes} vote${votes === 1 ? '' : 's'})`;
  const full = `${head} · answer: ${join(logDir, 'final', s.winner, 'answer.txt')}`;
  return truncate(stringWidth(full) < cols ? full : head, cols - 1);
}

/** Keeps the run's answer and events where the footer says, best effort. */
function saveLogs(s: Scenario, logDir: string): void {
  try {
    mkdirSync(join(logDir, 'final', s.winner), { recursive: true });
    writeFileSync(join(logDir, 'final', s.winner, 'answer.txt'), s.finalAnswer + '\n');
    writeFileSync(join(logDir, 'coordination.log'), s.events.map((e) => `${e.t.toFixed(1)}s ${e.text}`).join('\n') + '\n');
  } catch {
    // The logs are a courtesy of the demo; an unwritable temp folder must not fail the run.
  }
}

export function runRich(o: Options, io: RichIo): Promise<number> {
  if (o.faults.configError) {
    io.error(CONFIG_ERROR_MESSAGE);
    return Promise.resolve(EXIT.config);
  }
  const s = scenarioFor(o);
  const logDir = o.logDir ?? join(io.tmpdir, 'demo-target', `seed-${o.seed}`);
  const logPath = join(logDir, 'coordination.log');
  const d = o.defects;
  const theme = makeTheme({ lowContrast: d.has('low-contrast'), noStatusIcons: d.has('no-status-icons') });
  let size = resolveSize(o, io);
  const writer = new ScreenWriter({
    cols: size.cols,
    rows: size.rows,
    level: detectColorLevel(io.env, o.color),
    flicker: d.has('flicker'),
    overflow: d.has('overflow'),
    debris: d.has('escape-debris'),
    fill: theme.fill,
    altScreen: o.altScreen,
  });
  const step = (FRAME_MS / 1000) * o.speed;
  const silent = d.has('silent') ? silentPlan(s, step) : { delay: 0, quiet: () => false };
  const hangAt = o.faults.hang || o.faults.hangAgent ? hangPoint(s) : Infinity;

  return new Promise((resolve) => {
    let frame = 0;
    let started = false;
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const timers: NodeJS.Timeout[] = [];
    const t0 = performance.now();

    const draw = (t: number): void => {
      if (!started) {
        io.write(writer.start());
        started = true;
      }
      const state = stateAt(s, Math.min(t, s.end));
      const lines = composeFrame(state, s, { cols: writer.cols, rows: writer.rows, theme, frame, question: s.question, logPath, debris: d.has('escape-debris'), overflow: d.has('overflow') });
      io.write(writer.frame(lines));
    };
    const timeAt = (k: number): number => Math.min(Math.max(0, k - silent.delay) * step, hangAt);

    const finish = (code: number, message?: string): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      timers.forEach(clearTimeout);
      process.off('SIGWINCH', onResize);
      if (started) {
        const text = code === EXIT.ok ? summary(s, logDir, !d.has('no-status-icons'), writer.cols) : '';
        io.write(writer.finish(writer.rows - RESERVED_ROWS + 1, text));
      }
      if (code === EXIT.ok) saveLogs(s, logDir);
      if (message) io.error(message);
      resolve(code);
    };

    const tick = (): void => {
      const k = frame;
      const t = timeAt(k);
      if (k >= silent.delay && (!silent.quiet(t) || t >= s.end)) draw(t);
      if (t >= s.end) return finish(EXIT.ok);
      frame += 1;
      // Frames are scheduled against the start time, so a slow frame does not slow the run.
      timer = setTimeout(tick, Math.max(0, t0 + frame * FRAME_MS - performance.now()));
    };

    const onResize = (): void => {
      const next = resolveSize(o, io);
      if (size.fixed || (next.cols === writer.cols && next.rows === writer.rows)) return;
      size = next;
      io.write(writer.resize(next.cols, next.rows));
      if (frame >= silent.delay) draw(timeAt(frame));
    };
    process.on('SIGWINCH', onResize);
    onInterrupt(() => finish(EXIT.interrupted, 'Interrupted.'));
    if (o.faults.crashAfter !== undefined) timers.push(setTimeout(() => finish(EXIT.execution, crashMessage(s)), o.faults.crashAfter * 1000));
    if (o.timeout !== undefined) timers.push(setTimeout(() => finish(EXIT.timeout, `ERROR: Coordination timed out after ${o.timeout}s`), o.timeout * 1000));
    tick();
  });
}
