/**
 * Records one program through a PTY into an asciicast v2 file and a
 * session.json beside it. Everything that can be checked is checked before
 * the program starts (size, folder, command, output path); from the moment
 * it starts, every ending — its own exit, the end of the script, a timeout,
 * Ctrl+C, a failed step — leaves a valid cast and a session.json saying how
 * it ended.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pty from 'node-pty';
import { CastWriter } from '../cast/index.js';
import { DiskReserve } from '../errors/disk.js';
import { TermlensError, quote } from '../errors/index.js';
import { VERSION } from '../version.js';
import { TERM_ENV, buildEnv, checkOutputPath, formatCommandLine, resolveCommand, resolveCwd } from './command.js';
import { RECORD_DEFAULTS } from './defaults.js';
import { durationTooLong } from './duration.js';
import { armStops, runScript, watchProgram } from './live-program.js';
import type { OutputBuffer } from './output-buffer.js';
import { holdSlaveOpen } from './slave-hold.js';
import { describeProcess, sessionMembers, signalGroup, stopAll } from '../processes.js';
import { DescendantWatch } from './process-tree.js';
import { SESSION_SCHEMA_VERSION, sessionPathFor, writeSessionFile, type RecordOutcome, type SessionFile } from './session-file.js';
import { terminalSize, type SizeOptions, type TerminalSize } from './size.js';
import type { ProgramExit, StepResult } from './step-runner.js';
import type { Step } from './steps.js';

export const DEFAULT_RECORD_TIMEOUT_MS = RECORD_DEFAULTS.timeout * 1000;
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
 *
 * The steps, in order: check the request, open the cast, start the program,
 * watch it (output, screen, exit), arm what stops it (timeout, abort, a full
 * disk), run the script, then clean up its processes and write session.json.
 */
export async function recordSession(options: RecordOptions): Promise<RecordResult> {
  const request = checkRequest(options);
  const startedAt = new Date();
  // Room for session.json even when the recording fills the disk.
  const reserve = new DiskReserve(request.sessionPath);
  const writer = openCast(request, startedAt, reserve);
  const t0 = performance.now();
  const clock = () => (performance.now() - t0) / 1000;
  const { child, marker } = startProgram(request, writer, reserve);
  const slaveHold = holdSlaveOpen(child);
  const descendants = new DescendantWatch(child.pid, marker);
  options.onStart?.({ pid: child.pid, cols: request.size.cols, rows: request.size.rows, commandLine: request.commandLine, castPath: request.castPath });
  const live = watchProgram(child, writer, clock, request.size, slaveHold);
  const stops = armStops(live, { timeoutMs: request.timeoutMs, graceMs: request.graceMs, signal: options.signal }, writer);
  const script = runScript(request.steps, live, stops, writer, clock);

  const exit = await live.exited;
  stops.disarm();
  const stepsOutcome = await script;
  const daemons = await stopLeftovers(child.pid, descendants, request.graceMs, options.killDaemons ?? false);
  live.output.flush();
  writer.close();
  live.screen.dispose();

  const outcome: RecordOutcome = writer.failure ? 'write-failed' : (live.state.stopReason ?? 'exited');
  const failure = writer.failure?.error ?? stepsOutcome.failure;
  const session = sessionFile(request, { startedAt, exitedAt: live.state.exitedAt, exit, outcome, output: live.output, steps: stepsOutcome.results, daemons, failure });
  reserve.release();
  writeSessionFile(request.sessionPath, session);
  return {
    castPath: request.castPath,
    sessionPath: request.sessionPath,
    outcome,
    exitCode: session.exitCode,
    signal: session.signal,
    durationSeconds: session.durationSeconds,
    cols: request.size.cols,
    rows: request.size.rows,
    steps: stepsOutcome.results,
    session,
    ...(writer.failure ? { writeFailure: writer.failure.error } : failure ? { stepFailure: failure } : {}),
  };
}

/** Everything recordSession needs, checked before anything is started or written. */
interface RecordRequest {
  options: RecordOptions;
  size: TerminalSize;
  cwd: string;
  env: Record<string, string>;
  term: string;
  args: string[];
  steps: readonly Step[];
  timeoutMs: number;
  graceMs: number;
  castPath: string;
  sessionPath: string;
  commandLine: string;
}

function checkRequest(options: RecordOptions): RecordRequest {
  const size = terminalSize(options);
  checkTimeout('the timeout', options.timeoutMs);
  checkTimeout('the kill grace period', options.killGraceMs);
  const cwd = resolveCwd(options.cwd);
  const env = buildEnv(options.baseEnv ?? process.env, options.env);
  resolveCommand(options.command, env, cwd);
  const args = [...(options.args ?? [])];
  if (options.signal?.aborted) {
    throw new TermlensError('interrupted before the recording started', { code: 'interrupted', stage: 'record' });
  }
  const castPath = resolve(options.output);
  const sessionPath = resolve(options.sessionPath ?? sessionPathFor(castPath));
  checkOutputPath(castPath, options.output);
  return {
    options,
    size,
    cwd,
    env,
    // buildEnv always sets TERM; the fallback only keeps the type honest.
    term: env.TERM ?? TERM_ENV.TERM,
    args,
    steps: options.steps ?? [],
    timeoutMs: options.timeoutMs ?? DEFAULT_RECORD_TIMEOUT_MS,
    graceMs: options.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
    castPath,
    sessionPath,
    commandLine: formatCommandLine(options.command, args),
  };
}

function openCast(request: RecordRequest, startedAt: Date, reserve: DiskReserve): CastWriter {
  try {
    return new CastWriter(request.castPath, {
      width: request.size.cols,
      height: request.size.rows,
      timestamp: Math.floor(startedAt.getTime() / 1000),
      command: request.commandLine,
      ...(request.options.title ? { title: request.options.title } : {}),
      env: { TERM: request.term, ...(request.env.SHELL ? { SHELL: request.env.SHELL } : {}) },
    });
  } catch (e) {
    reserve.release();
    throw e;
  }
}

/** Spawn the program in a PTY; on failure nothing is left behind (no cast, no reserve). */
function startProgram(request: RecordRequest, writer: CastWriter, reserve: DiskReserve): { child: pty.IPty; marker: string } {
  const { options, size } = request;
  // Every process the program starts inherits this, so one that leaves the session can still be found.
  const markerValue = `${process.pid}-${randomUUID()}`;
  let child: pty.IPty;
  try {
    child = pty.spawn(options.command, request.args, { name: request.term, cols: size.cols, rows: size.rows, cwd: request.cwd, env: { ...request.env, [RECORDING_MARKER]: markerValue } });
  } catch (cause) {
    writer.close();
    reserve.release();
    rmSync(request.castPath, { force: true });
    throw new TermlensError(`could not start ${quote(request.commandLine)}: ${(cause as Error).message}`, { code: 'execution', stage: 'record', cause });
  }
  return { child, marker: `${RECORDING_MARKER}=${markerValue}` };
}

/** Stop what the program left running; returns the daemons that are still running (listed, not stopped, unless asked). */
async function stopLeftovers(pid: number, descendants: DescendantWatch, graceMs: number, killDaemons: boolean): Promise<ReturnType<typeof describeProcess>[]> {
  // Anything the program left running in its group would hold the PTY; a closed terminal hangs it up.
  signalGroup(pid, 'SIGHUP');
  // …and what ignores the hang-up (nohup, trapped signals, background jobs in their own groups) is stopped.
  descendants.look();
  descendants.stop();
  await stopAll(() => sessionMembers(pid), graceMs);
  if (killDaemons) await stopAll(() => descendants.leftRunning(), graceMs);
  return descendants.leftRunning().map(describeProcess);
}

interface SessionEnding {
  startedAt: Date;
  exitedAt: number;
  exit: ProgramExit;
  outcome: RecordOutcome;
  output: OutputBuffer;
  steps: StepResult[];
  daemons: ReturnType<typeof describeProcess>[];
  failure: TermlensError | undefined;
}

function sessionFile(request: RecordRequest, end: SessionEnding): SessionFile {
  const { options, size } = request;
  return {
    schemaVersion: SESSION_SCHEMA_VERSION,
    termlensVersion: VERSION,
    cast: basename(request.castPath),
    command: options.command,
    args: request.args,
    commandLine: request.commandLine,
    cols: size.cols,
    rows: size.rows,
    ...(size.window ? { window: size.window } : {}),
    cwd: request.cwd,
    term: request.term,
    envKeys: Object.keys(options.env ?? {}).sort(),
    startedAt: end.startedAt.toISOString(),
    durationSeconds: Math.round(end.exitedAt * 1000) / 1000,
    timeoutSeconds: request.timeoutMs / 1000,
    outcome: end.outcome,
    exitCode: end.exit.signal ? null : end.exit.exitCode,
    signal: end.exit.signal ?? null,
    timedOut: end.outcome === 'timed-out',
    interrupted: end.outcome === 'interrupted',
    output: { bytes: end.output.bytes, events: end.output.events },
    steps: end.steps,
    ...(end.daemons.length ? { leftRunning: end.daemons } : {}),
    ...(end.failure ? { error: { code: end.failure.code, message: end.failure.message } } : {}),
  };
}
