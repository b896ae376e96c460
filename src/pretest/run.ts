/**
 * Runs the pre-test: the program headless in its own session, its
 * output captured, judged by its protocol. Whatever happens — its own exit,
 * the smoke window, a failed agent, the timeout, an abort — the whole session
 * is stopped and a PretestResult says why, in one line.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { TermlensError, quote } from '../errors/index.js';
import { checkRange } from '../errors/range.js';
import { signalName } from '../processes.js';
import { SECRET_NAME, redactSecrets } from '../redact.js';
import { PRETEST_DEFAULTS, PRETEST_LIMITS } from './defaults.js';
import { MassgenMonitor } from './massgen-monitor.js';
import { LineTail, stopSession } from './process.js';
import { exitReason, lastWords, oneLine, seconds } from './reasons.js';
import { PRETEST_PROTOCOLS, type PretestControl, type PretestEvent, type PretestOptions, type PretestResult } from './types.js';

type Decision = Pick<PretestResult, 'verdict' | 'reason' | 'stoppedBy'>;
/** A decision that stops the program, saying why. */
type StopDecision = Decision & { stoppedBy: NonNullable<Decision['stoppedBy']> };
/** The shell the pre-test starts: no stdin, its stdout and stderr piped. */
type Shell = ChildProcessByStdio<null, Readable, Readable>;


function checkOptions(o: PretestOptions): void {
  const bad = (what: string, hint: string) => new TermlensError(what, { code: 'usage', stage: 'pretest', hint });
  if (!o.command || o.command.trim() === '') throw bad('the pre-test has no command', 'Give pretest.command (or a top-level command) in the config.');
  if (!PRETEST_PROTOCOLS.includes(o.protocol)) throw bad(`unknown pre-test protocol ${quote(o.protocol)}`, `Use one of ${PRETEST_PROTOCOLS.join(', ')}.`);
  for (const name of ['smokeSeconds', 'timeout', 'stallSeconds'] as const) {
    if (o[name] !== undefined) checkRange(`pretest.${name}`, o[name], PRETEST_LIMITS[name], 'pretest');
  }
}

export async function runPretest(options: PretestOptions, control: PretestControl = {}): Promise<PretestResult> {
  checkOptions(options);
  const cwd = resolve(options.cwd ?? process.cwd());
  try {
    if (!statSync(cwd).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new TermlensError(`the pre-test's working folder ${quote(cwd)} does not exist`, { code: 'not-found', stage: 'pretest', hint: 'Fix record.cwd in the config.' });
  }
  return new PretestRun(options, cwd, control).run();
}

class PretestRun {
  private readonly o: Required<Omit<PretestOptions, 'cwd' | 'env' | 'baseEnv' | 'displayCommand'>>;
  private readonly env: Record<string, string>;
  private readonly secrets: string[];
  private readonly t0 = performance.now();
  private readonly startedAt = new Date();
  private readonly monitor: MassgenMonitor;
  private readonly display: string;
  /** massgen: PYTHONUNBUFFERED=1 was set, so the program's lines arrive as printed rather than at its exit. */
  private readonly unbuffered: boolean;
  private pid: number | null = null;
  private readonly stdout: LineTail;
  private readonly stderr: LineTail;
  private decision: Decision | null = null;
  private failureTimerSet = false;
  private exit: { code: number | null; signal: string | null } | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private finished = false;
  private wake: () => void = () => {};

  constructor(
    options: PretestOptions,
    private readonly cwd: string,
    private readonly control: PretestControl,
  ) {
    this.o = {
      command: options.command,
      protocol: options.protocol,
      smokeSeconds: options.smokeSeconds ?? PRETEST_DEFAULTS.smokeSeconds,
      timeout: options.timeout ?? PRETEST_DEFAULTS.timeout,
      killGraceMs: options.killGraceMs ?? 2000,
      pollIntervalMs: options.pollIntervalMs ?? 500,
      tailLines: options.tailLines ?? 40,
      failureGraceMs: options.failureGraceMs ?? 1000,
      stallSeconds: options.stallSeconds ?? PRETEST_DEFAULTS.stallSeconds,
    };
    this.display = options.displayCommand ?? options.command;
    const base = options.baseEnv ?? process.env;
    // Python block-buffers stdout on a pipe: without this the automation lines arrive only at exit (and are lost when it is stopped).
    const python = options.protocol === 'massgen' && options.env?.PYTHONUNBUFFERED === undefined ? { PYTHONUNBUFFERED: '1' } : {};
    this.env = Object.fromEntries(Object.entries({ ...base, ...python, ...options.env }).filter((e): e is [string, string] => e[1] !== undefined));
    this.unbuffered = options.protocol === 'massgen' && (this.env.PYTHONUNBUFFERED ?? '') !== '';
    // Values of variables whose names say they are secrets never reach pretest.json or the screen.
    this.secrets = Object.entries(this.env).filter(([k]) => SECRET_NAME.test(k)).map(([, v]) => v);
    const clean = (line: string) => redactSecrets(line, this.secrets);
    this.monitor = new MassgenMonitor({
      cwd,
      startedAtMs: this.startedAt.getTime(),
      elapsed: () => this.elapsed(),
      sid: () => this.pid,
      stallSeconds: this.o.stallSeconds,
      judging: this.o.protocol === 'massgen',
      onLocate: (where) => this.emit({ kind: 'status-file', elapsed: this.elapsed(), path: where.path, foundBy: where.foundBy }),
      onStatus: (view) => this.emit({ kind: 'status', elapsed: this.elapsed(), phase: view.phase, completion: view.completion, agents: Object.fromEntries(Object.entries(view.agents).map(([id, a]) => [id, a.status])) }),
    });
    this.stdout = new LineTail(this.o.tailLines, clean, (line) => this.onLine('stdout', line));
    this.stderr = new LineTail(this.o.tailLines, clean, (line) => this.onLine('stderr', line));
  }

  private elapsed(): number {
    return (performance.now() - this.t0) / 1000;
  }

  private emit(event: PretestEvent): void {
    try {
      this.control.onProgress?.(event);
    } catch {
      // A progress display that fails must not break the pre-test.
    }
  }

  private after(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  async run(): Promise<PretestResult> {
    const signal = this.control.signal;
    if (signal?.aborted) {
      this.decision = { verdict: 'interrupted', reason: 'interrupted before the program started', stoppedBy: 'interrupt' };
      return this.result(this.decision);
    }
    const done = new Promise<void>((r) => (this.wake = r));
    const onAbort = () => this.decide({ verdict: 'interrupted', reason: 'interrupted; the program and everything it started were stopped', stoppedBy: 'interrupt' });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      this.start();
      await done;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      for (const t of this.timers) clearTimeout(t);
    }
    // `done` is woken only once a decision is made (a start failure or the exit); said as a bug if that ever breaks.
    if (!this.decision) {
      throw new TermlensError('the pre-test ended without a verdict', { code: 'execution', stage: 'pretest', hint: 'This is a bug in termlens; please report it with the command you ran.' });
    }
    return this.result(this.decision);
  }

  private start(): void {
    const child: Shell = spawn('/bin/sh', ['-c', this.o.command], { cwd: this.cwd, env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', (d: string) => this.stdout.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => this.stderr.push(d));
    child.on('error', (e) => {
      if (this.pid !== null) return;
      this.decision ??= { verdict: 'failed', reason: `could not start /bin/sh: ${e.message}`, stoppedBy: null };
      this.wake();
    });
    child.on('exit', (code, sig) => void this.afterExit(child, code, signalName(sig) ?? null));
    if (child.pid === undefined) return;
    this.pid = child.pid;
    this.emit({ kind: 'started', elapsed: this.elapsed(), pid: child.pid, command: this.display });

    const { protocol, smokeSeconds, timeout } = this.o;
    this.after(timeout * 1000, () => this.decide({ verdict: 'timeout', reason: this.timeoutReason(), stoppedBy: 'timeout' }));
    // A smoke window as long as the timeout can never pass first; the timeout decides.
    if (protocol !== 'exit-code' && smokeSeconds > 0 && smokeSeconds < timeout) this.after(smokeSeconds * 1000, () => void this.smokeWindowPassed());
    if (protocol === 'massgen') this.after(this.o.pollIntervalMs, () => void this.pollLoop());
  }

  private onLine(stream: 'stdout' | 'stderr', line: string): void {
    this.emit({ kind: 'line', elapsed: this.elapsed(), stream, line });
    const key = this.monitor.onLine(stream, line);
    if (key) this.emit({ kind: 'protocol', elapsed: this.elapsed(), key, value: line.slice(line.indexOf(':') + 1).trim() });
    this.checkFailure();
  }

  /** A failure the monitor noticed: give the program a moment to exit by itself (its exit code says more), then stop it. */
  private checkFailure(): void {
    if (!this.monitor.failed || this.failureTimerSet || this.decision || this.exit) return;
    this.failureTimerSet = true;
    this.after(this.o.failureGraceMs, () => this.decide({ verdict: 'failed', reason: this.monitor.failureReason(), stoppedBy: 'failure' }));
  }

  private async pollLoop(): Promise<void> {
    if (this.exit || this.decision) return;
    await this.monitor.poll();
    this.checkFailure();
    if (!this.exit && !this.decision) this.after(this.o.pollIntervalMs, () => void this.pollLoop());
  }

  private async smokeWindowPassed(): Promise<void> {
    if (this.decision || this.exit) return;
    if (this.o.protocol === 'smoke') {
      this.decide({ verdict: 'passed', reason: `still running after the ${seconds(this.o.smokeSeconds)} smoke window; stopped`, stoppedBy: 'smoke-window' });
      return;
    }
    await this.monitor.poll(true);
    this.checkFailure();
    if (this.decision || this.exit) return;
    const verdict = this.monitor.smokeVerdict(this.o.smokeSeconds);
    if (verdict) this.decide({ ...verdict, stoppedBy: 'smoke-window' });
  }

  private timeoutReason(): string {
    const t = seconds(this.o.timeout);
    if (this.o.protocol === 'exit-code') return `did not exit within the ${t} timeout; stopped`;
    if (this.o.protocol === 'smoke') return `the ${t} timeout ended before the ${seconds(this.o.smokeSeconds)} smoke window did; stopped`;
    return this.monitor.timeoutReason(this.o.timeout);
  }

  /** Settle the verdict (the first decision wins) and stop the program. */
  private decide(decision: StopDecision): void {
    if (this.decision || this.finished) return;
    this.decision = { ...decision, reason: oneLine(decision.reason) };
    if (this.exit || this.pid === null) return;
    this.emit({ kind: 'stopping', elapsed: this.elapsed(), why: decision.stoppedBy });
    void stopSession(this.pid, this.o.killGraceMs);
  }

  private async afterExit(child: Shell, code: number | null, signal: string | null): Promise<void> {
    this.exit = { code, signal };
    // Nothing may decide any more but the exit itself (a pending failure is read from its field).
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    // Its last words can arrive after the exit event; a reason should quote them.
    await this.streamsClosed(child, 300);
    this.stdout.flush();
    this.stderr.flush();
    if (!this.decision) {
      // It ended by itself: its exit code, and for massgen the last status and the files it left, decide.
      if (this.o.protocol === 'massgen') await this.monitor.poll(true);
      this.decision ??= { ...this.exitDecision(code, signal), stoppedBy: null };
    }
    this.finished = true;
    // Whatever it started in its session goes too, so a pre-test leaves nothing running.
    if (this.pid !== null) await stopSession(this.pid, this.o.killGraceMs);
    this.wake();
  }

  private exitDecision(code: number | null, signal: string | null): Omit<Decision, 'stoppedBy'> {
    if (this.o.protocol === 'massgen') return this.monitor.exitVerdict(code, signal, this.stdout.lines, this.stderr.lines);
    if (code === 0) return { verdict: 'passed', reason: this.o.protocol === 'exit-code' ? 'exited 0' : `exited 0 within the ${seconds(this.o.smokeSeconds)} smoke window` };
    return { verdict: 'failed', reason: exitReason(code, signal, this.o.protocol, '', lastWords(this.stderr.lines, this.stdout.lines)) };
  }

  private streamsClosed(child: Shell, ms: number): Promise<void> {
    const streams = [child.stdout, child.stderr].filter((s) => !s.closed);
    if (streams.length === 0) return Promise.resolve();
    return new Promise((r) => {
      // A grandchild that left the group may hold the pipes open: stop listening after a moment.
      const timer = setTimeout(() => {
        for (const s of streams) s.destroy();
        r();
      }, ms);
      let open = streams.length;
      for (const s of streams) {
        s.once('close', () => {
          if (--open === 0) {
            clearTimeout(timer);
            r();
          }
        });
      }
    });
  }

  private result(d: Decision): PretestResult {
    return {
      schemaVersion: 1,
      verdict: d.verdict,
      reason: d.reason,
      protocol: this.o.protocol,
      command: this.display,
      cwd: this.cwd,
      startedAt: this.startedAt.toISOString(),
      durationSeconds: Number(this.elapsed().toFixed(3)),
      smokeSeconds: this.o.smokeSeconds,
      timeoutSeconds: this.o.timeout,
      pid: this.pid,
      exitCode: this.exit?.code ?? null,
      signal: this.exit?.signal ?? null,
      stoppedBy: d.stoppedBy,
      parsed: this.monitor.parsed,
      phases: this.monitor.status.phases,
      progress: this.monitor.status.progress,
      agents: this.monitor.status.agents(),
      lastStatus: this.monitor.status.lastStatus,
      statusReads: this.monitor.status.reads,
      output: { stdout: this.stdout.lines, stderr: this.stderr.lines },
      contract: this.o.protocol === 'massgen' ? this.monitor.contract(this.unbuffered) : null,
    };
  }
}
