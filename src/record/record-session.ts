/**
 * Records one program through a PTY into an asciicast v2 file and a
 * session.json beside it. Everything that can be checked is checked before
 * the program starts (size, folder, command, output path); from the moment
 * it starts, every ending — its own exit, the end of the script, a timeout,
 * Ctrl+C, a failed step — leaves a valid cast and a session.json saying how
 * it ended.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pty from 'node-pty';
import { CastWriter } from '../cast/index.js';
import { DiskReserve } from '../errors/disk.js';
import { TermlensError, quote } from '../errors/index.js';
import { VERSION } from '../version.js';
import { buildEnv, checkOutputPath, formatCommandLine, resolveCommand, resolveCwd } from './command.js';
import { durationTooLong } from './duration.js';
import { LiveScreen } from './live-screen.js';
import { OutputBuffer } from './output-buffer.js';
import { dropPendingInput, holdSlaveOpen, pendingInput, signalGroup, signalName, terminateGroup } from './process-group.js';
import { DescendantWatch, describeProcess, sessionMembers, stopAll } from './process-tree.js';
import { SESSION_SCHEMA_VERSION, sessionPathFor, writeSessionFile, type RecordOutcome, type SessionFile } from './session-file.js';
import { terminalSize, type SizeOptions } from './size.js';
import { runSteps, type ProgramExit, type StepHost, type StepResult, type StepsOutcome } from './step-runner.js';
import type { Step } from './steps.js';

export const DEFAULT_RECORD_TIMEOUT_MS = 300_000;
export const DEFAULT_KILL_GRACE_MS = 2_000;
/** The variable that marks the recorded program's processes (see process-tree.ts). */
const RECORDING_MARKER = 'TERMLENS_RECORDING';

export interface RecordOptions extends SizeOptions {
  /** The program: a name looked up on PATH, or a path. */
  command: string;
  /** @default [] */
  args?: readonly string[];
  /** Where the cast goes. */
  output: string;
  /** Where session.json goes. @default the cast's path with .json for .cast */
  sessionPath?: string;
  /** The program's working directory. @default process.cwd() */
  cwd?: string;
  /** Variables set on top of the inherited environment; their names (not values) go in session.json. @default {} */
  env?: Record<string, string>;
  /** The environment inherited. @default process.env */
  baseEnv?: NodeJS.ProcessEnv;
  /** Stop the program after this many ms; 0 for never. @default 300000 */
  timeoutMs?: number;
  /** Between SIGTERM (or SIGHUP) and SIGKILL when stopping the program, in ms. @default 2000 */
  killGraceMs?: number;
  /** Scripted steps; without them the recording lasts until the program exits. @default [] */
  steps?: readonly Step[];
  /**
   * Also stop the processes that left the program's session (setsid daemons)
   * at the end; by default they are only listed as left running. @default false
   */
  killDaemons?: boolean;
  /** Abort to stop the recording as Ctrl+C would: the program is stopped and the outcome is `interrupted`. */
  signal?: AbortSignal;
  /** The cast header's title. */
  title?: string;
  /** Called once the program has started (all checks passed), e.g. to tell the user. */
  onStart?: (info: { pid: number; cols: number; rows: number; commandLine: string; castPath: string }) => void;
}

export interface RecordResult {
  castPath: string;
  sessionPath: string;
  outcome: RecordOutcome;
  exitCode: number | null;
  signal: string | null;
  durationSeconds: number;
  cols: number;
  rows: number;
  steps: StepResult[];
  /** Everything written to session.json. */
  session: SessionFile;
  /** The error of the step that failed, when outcome is `step-failed`. */
  stepFailure?: TermlensError;
  /** Why the cast could not be written to the end (a full disk), when outcome is `write-failed`. */
  writeFailure?: TermlensError;
}

function checkTimeout(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0 && !durationTooLong(value))) {
    throw new TermlensError(`${name} must be a non-negative duration of at most 24h, got ${quote(value)} ms`, { code: 'usage', stage: 'record', hint: 'Use a value such as 300s, or 0 for no timeout.' });
  }
}

/**
 * Record a program. Throws before it starts when something is wrong with the
 * request (codes `usage`, `not-found`, `unwritable`, `interrupted` if the
 * signal was already aborted); once it has started, resolves with the
 * outcome whatever happened. `recordFailure(result)` turns an unsuccessful
 * outcome into the error to report.
 */
export async function recordSession(options: RecordOptions): Promise<RecordResult> {
  const size = terminalSize(options);
  checkTimeout('the timeout', options.timeoutMs);
  checkTimeout('the kill grace period', options.killGraceMs);
  const cwd = resolveCwd(options.cwd);
  const env = buildEnv(options.baseEnv ?? process.env, options.env);
  resolveCommand(options.command, env, cwd);
  const args = [...(options.args ?? [])];
  const steps = options.steps ?? [];
  const timeoutMs = options.timeoutMs ?? DEFAULT_RECORD_TIMEOUT_MS;
  const graceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  if (options.signal?.aborted) {
    throw new TermlensError('interrupted before the recording started', { code: 'interrupted', stage: 'record' });
  }

  const castPath = resolve(options.output);
  const sessionPath = resolve(options.sessionPath ?? sessionPathFor(castPath));
  checkOutputPath(castPath, options.output);
  const commandLine = formatCommandLine(options.command, args);
  const startedAt = new Date();
  // Room for session.json even when the recording fills the disk.
  const reserve = new DiskReserve(sessionPath);
  let writer: CastWriter;
  try {
    writer = new CastWriter(castPath, {
      width: size.cols,
      height: size.rows,
      timestamp: Math.floor(startedAt.getTime() / 1000),
      command: commandLine,
      ...(options.title ? { title: options.title } : {}),
      env: { TERM: env.TERM!, ...(env.SHELL ? { SHELL: env.SHELL } : {}) },
    });
  } catch (e) {
    reserve.release();
    throw e;
  }

  const t0 = performance.now();
  const clock = () => (performance.now() - t0) / 1000;
  let child: pty.IPty;
  // Every process the program starts inherits this, so one that leaves the session can still be found.
  const markerValue = `${process.pid}-${randomUUID()}`;
  try {
    child = pty.spawn(options.command, args, { name: env.TERM, cols: size.cols, rows: size.rows, cwd, env: { ...env, [RECORDING_MARKER]: markerValue } });
  } catch (cause) {
    writer.close();
    reserve.release();
    rmSync(castPath, { force: true });
    throw new TermlensError(`could not start ${quote(commandLine)}: ${(cause as Error).message}`, { code: 'execution', stage: 'record', cause });
  }

  const slaveHold = holdSlaveOpen(child);
  const descendants = new DescendantWatch(child.pid, `${RECORDING_MARKER}=${markerValue}`);
  options.onStart?.({ pid: child.pid, cols: size.cols, rows: size.rows, commandLine, castPath });
  const output = new OutputBuffer(writer, clock);
  let exitInfo: ProgramExit | undefined;
  let exitedAt = 0;
  let resolveExit!: (exit: ProgramExit) => void;
  const exited = new Promise<ProgramExit>((r) => (resolveExit = r));
  const screen = new LiveScreen(size.cols, size.rows, { pause: () => child.pause(), resume: () => child.resume() }, (reply) => {
    if (!exitInfo) child.write(reply);
  });
  child.onData((data) => {
    output.push(data);
    screen.feed(data);
  });
  child.onExit(({ exitCode, signal }) => {
    dropPendingInput(child);
    const name = signalName(signal);
    exitInfo = name ? { exitCode, signal: name } : { exitCode };
    exitedAt = clock();
    if (slaveHold !== undefined) closeSync(slaveHold);
    output.flush();
    resolveExit(exitInfo);
  });

  let stopReason: RecordOutcome | undefined;
  const cancel = new AbortController();
  const stop = (reason: RecordOutcome, first: NodeJS.Signals) => {
    if (stopReason || exitInfo) return;
    stopReason = reason;
    cancel.abort();
    dropPendingInput(child);
    void terminateGroup(child.pid, first, graceMs, exited);
  };
  // A cast that cannot take more output ends the recording: what follows would be lost.
  writer.onFailure = () => stop('write-failed', 'SIGTERM');
  const timer = timeoutMs > 0 ? setTimeout(() => stop('timed-out', 'SIGTERM'), timeoutMs) : undefined;
  const onAbort = () => stop('interrupted', 'SIGTERM');
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const host: StepHost = {
    clock,
    input(data) {
      output.flush();
      writer.write(clock(), 'i', data);
      child.write(data);
    },
    inputPending: () => pendingInput(child),
    marker(label) {
      output.flush();
      writer.write(clock(), 'm', label);
    },
    resize(cols, rows) {
      output.flush();
      child.resize(cols, rows);
      screen.resize(cols, rows);
      writer.write(clock(), 'r', `${cols}x${rows}`);
    },
    screen,
    exited,
    exit: () => exitInfo,
    cancel: cancel.signal,
  };
  let stepsOutcome: StepsOutcome = { results: [] };
  const runner =
    steps.length === 0
      ? Promise.resolve()
      : runSteps(steps, host).then((outcome) => {
          stepsOutcome = outcome;
          if (outcome.failure) {
            if (exitInfo) stopReason ??= 'step-failed';
            // Hang up, as closing the window would: interactive shells ignore TERM but not HUP.
            else stop('step-failed', 'SIGHUP');
          } else if (!exitInfo) {
            // The script is over: close the program as closing a terminal window would.
            stop('steps-done', 'SIGHUP');
          }
        });

  const exit = await exited;
  clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  await runner;
  // Anything the program left running in its group would hold the PTY; a closed terminal hangs it up.
  signalGroup(child.pid, 'SIGHUP');
  // …and what ignores the hang-up (nohup, trapped signals, background jobs in their own groups) is stopped.
  descendants.look();
  descendants.stop();
  await stopAll(() => sessionMembers(child.pid), graceMs);
  if (options.killDaemons) await stopAll(() => descendants.leftRunning(), graceMs);
  const daemons = descendants.leftRunning().map(describeProcess);
  output.flush();
  writer.close();
  screen.dispose();

  const outcome: RecordOutcome = writer.failure ? 'write-failed' : (stopReason ?? 'exited');
  const failure = writer.failure?.error ?? stepsOutcome.failure;
  const session: SessionFile = {
    schemaVersion: SESSION_SCHEMA_VERSION,
    termlensVersion: VERSION,
    cast: basename(castPath),
    command: options.command,
    args,
    commandLine,
    cols: size.cols,
    rows: size.rows,
    ...(size.window ? { window: size.window } : {}),
    cwd,
    term: env.TERM!,
    envKeys: Object.keys(options.env ?? {}).sort(),
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round(exitedAt * 1000) / 1000,
    timeoutSeconds: timeoutMs / 1000,
    outcome,
    exitCode: exit.signal ? null : exit.exitCode,
    signal: exit.signal ?? null,
    timedOut: outcome === 'timed-out',
    interrupted: outcome === 'interrupted',
    output: { bytes: output.bytes, events: output.events },
    steps: stepsOutcome.results,
    ...(daemons.length ? { leftRunning: daemons } : {}),
    ...(failure ? { error: { code: failure.code, message: failure.message } } : {}),
  };
  reserve.release();
  writeSessionFile(sessionPath, session);
  return {
    castPath,
    sessionPath,
    outcome,
    exitCode: session.exitCode,
    signal: session.signal,
    durationSeconds: session.durationSeconds,
    cols: size.cols,
    rows: size.rows,
    steps: stepsOutcome.results,
    session,
    ...(writer.failure ? { writeFailure: writer.failure.error } : failure ? { stepFailure: failure } : {}),
  };
}
