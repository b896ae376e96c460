/**
 * The running program during a recording: its output going to the cast and
 * the live screen, what stops it from outside (timeout, abort, a full disk),
 * and the scripted steps. recordSession (record-session.ts) calls these in order.
 */
import type pty from 'node-pty';
import type { CastWriter } from '../cast/index.js';
import { LiveScreen } from './live-screen.js';
import { OutputBuffer } from './output-buffer.js';
import { signalName } from '../processes.js';
import { dropPendingInput, pendingInput, terminateGroup } from './process-group.js';
import type { SlaveHold } from './slave-hold.js';
import type { RecordOutcome } from './session-file.js';
import type { TerminalSize } from './size.js';
import { runSteps, type ProgramExit, type StepHost, type StepsOutcome } from './step-runner.js';
import type { Step } from './steps.js';

/** What is known about the running program; written by its event handlers and by the stops. */
export interface RecordingState {
  exit?: ProgramExit;
  exitedAt: number;
  stopReason?: RecordOutcome;
}

export interface LiveProgram {
  child: pty.IPty;
  output: OutputBuffer;
  screen: LiveScreen;
  exited: Promise<ProgramExit>;
  state: RecordingState;
}

/** Feed the program's output to the cast and the live screen, and note its exit. */
export function watchProgram(child: pty.IPty, writer: CastWriter, clock: () => number, size: TerminalSize, slaveHold: SlaveHold | undefined): LiveProgram {
  const state: RecordingState = { exitedAt: 0 };
  const output = new OutputBuffer(writer, clock);
  let resolveExit!: (exit: ProgramExit) => void;
  const exited = new Promise<ProgramExit>((r) => (resolveExit = r));
  const cast = {
    path: writer.path,
    flush: () => {
      output.flush();
      return writer.bytesWritten;
    },
  };
  const screen = new LiveScreen(size.cols, size.rows, cast, (reply) => {
    if (!state.exit) child.write(reply);
  });
  child.onData((read) => {
    const data = slaveHold ? slaveHold.take(read) : read;
    output.push(data);
    screen.feed(data);
  });
  child.onExit(({ exitCode, signal }) => {
    dropPendingInput(child);
    const name = signalName(signal);
    const exit = name ? { exitCode, signal: name } : { exitCode };
    state.exit = exit;
    state.exitedAt = clock();
    const held = slaveHold?.release() ?? '';
    if (held) {
      output.push(held);
      screen.feed(held);
    }
    output.flush();
    resolveExit(exit);
  });
  return { child, output, screen, exited, state };
}

export interface Stops {
  /** Stop the program for `reason` (once; not after it exited), starting with the signal `first`. */
  stop(reason: RecordOutcome, first: NodeJS.Signals): void;
  /** Aborted when the program is being stopped, so the script stops waiting. */
  cancel: AbortSignal;
  disarm(): void;
}

/** Arm what ends a recording from outside: a full disk, the timeout, the caller's abort. */
export function armStops(live: LiveProgram, limits: { timeoutMs: number; graceMs: number; signal?: AbortSignal | undefined }, writer: CastWriter): Stops {
  const cancel = new AbortController();
  const stop = (reason: RecordOutcome, first: NodeJS.Signals) => {
    if (live.state.stopReason || live.state.exit) return;
    live.state.stopReason = reason;
    cancel.abort();
    dropPendingInput(live.child);
    void terminateGroup(live.child.pid, first, limits.graceMs, live.exited);
  };
  // A cast that cannot take more output ends the recording: what follows would be lost.
  writer.onFailure = () => stop('write-failed', 'SIGTERM');
  const timer = limits.timeoutMs > 0 ? setTimeout(() => stop('timed-out', 'SIGTERM'), limits.timeoutMs) : undefined;
  const onAbort = () => stop('interrupted', 'SIGTERM');
  const signal = limits.signal;
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    stop,
    cancel: cancel.signal,
    disarm() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** Run the scripted steps against the program; when they end, close it as closing the window would. */
export async function runScript(steps: readonly Step[], live: LiveProgram, stops: Stops, writer: CastWriter, clock: () => number): Promise<StepsOutcome> {
  if (steps.length === 0) return { results: [] };
  const { child, output, screen, state } = live;
  const host: StepHost = {
    clock,
    input(data) {
      output.flush();
      writer.write(clock(), 'i', data);
      screen.inputSent();
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
      screen.resize();
      writer.write(clock(), 'r', `${cols}x${rows}`);
    },
    screen,
    exited: live.exited,
    exit: () => state.exit,
    cancel: stops.cancel,
  };
  const outcome = await runSteps(steps, host);
  if (outcome.failure) {
    if (state.exit) state.stopReason ??= 'step-failed';
    // Hang up, as closing the window would: interactive shells ignore TERM but not HUP.
    else stops.stop('step-failed', 'SIGHUP');
  } else if (!state.exit) {
    // The script is over: close the program as closing a terminal window would.
    stops.stop('steps-done', 'SIGHUP');
  }
  return outcome;
}
