/**
 * Runs scripted steps against the recording program. Each kind has a
 * handler in a table keyed by the kind, so a new kind cannot go unhandled.
 * Every step leaves a marker when it ends (`step 3: type`, or a marker
 * step's own label) so later stages can pick frames at steps.
 */
import { TermlensError } from '../errors/index.js';
import { formatDuration } from './duration.js';
import { encodeKey } from './keys.js';
import type { LiveScreen } from './live-screen.js';
import { STEP_DEFAULTS, describeStep, stepMarkerLabel, waitRegExp, type Step, type StepKind } from './steps.js';

export interface ProgramExit {
  exitCode: number;
  signal?: string;
}

/** What the runner may do to the recording. */
export interface StepHost {
  /** Seconds since the recording started. */
  clock(): number;
  /** Send input to the program and store it as an `i` event. */
  input(data: string): void;
  /** Bytes of input the program has not read yet. */
  inputPending(): number;
  marker(label: string): void;
  resize(cols: number, rows: number): void;
  screen: LiveScreen;
  /** Resolves when the program exits. */
  exited: Promise<ProgramExit>;
  exit(): ProgramExit | undefined;
  /** Aborted when the recording stops for another reason (timeout, Ctrl+C). */
  cancel: AbortSignal;
}

export type StepStatus = 'ok' | 'failed' | 'cancelled' | 'not-run';

export interface StepResult {
  /** 1-based, as in messages and markers. */
  index: number;
  kind: StepKind;
  description: string;
  status: StepStatus;
  /** Seconds since the start of the recording. */
  startTime?: number;
  endTime?: number;
  error?: string;
}

export interface StepsOutcome {
  results: StepResult[];
  /** The step error that ended the script, if one did. */
  failure?: TermlensError;
}

class Cancelled extends Error {}

/** Resolves after `ms`; rejects with Cancelled when the recording stops; resolves early on exit if asked. */
function pause(ms: number, host: StepHost, endOnExit: boolean): Promise<void> {
  if (host.cancel.aborted) return Promise.reject(new Cancelled());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      host.cancel.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => done(() => reject(new Cancelled()));
    const timer = setTimeout(() => done(resolve), ms);
    host.cancel.addEventListener('abort', onAbort, { once: true });
    if (endOnExit) void host.exited.then(() => done(resolve));
  });
}

/**
 * How long a wait gives the program to start answering the input just sent.
 * Without it, `Type "clear" Enter` then a wait for the prompt can match the
 * prompt still on screen from before, before the program has even read the
 * Enter. A program that answers nothing costs the wait this much, once.
 */
const ANSWER_GRACE_MS = 500;

/** Resolves once the program has written something since its last input, it exits, or `ms` pass. */
async function answerToInput(host: StepHost, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!host.screen.answeredInput && !host.exit()) {
    if (host.cancel.aborted) throw new Cancelled();
    const left = until - Date.now();
    if (left <= 0) return;
    await Promise.race([host.screen.changed(left), host.exited]);
  }
}

type Handler<K extends StepKind> = (step: Extract<Step, { kind: K }>, host: StepHost, index: number) => Promise<void>;

function exitText(exit: ProgramExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.exitCode}`;
}

function where(step: Step): string {
  return step.source ? ` (${step.source.file ? `${step.source.file}:` : ''}${step.source.line}:${step.source.column})` : '';
}

function ensureRunning(step: Step, host: StepHost, index: number): void {
  const exit = host.exit();
  if (!exit) return;
  throw new TermlensError(`the program had already exited (${exitText(exit)}) before step ${index} (${describeStep(step)})${where(step)}`, {
    code: 'execution',
    stage: 'record',
    hint: 'The recording so far was kept; look at it with `termlens screen` to see why the program ended, or drop the steps after its end.',
  });
}

function screenBlock(text: string): string {
  const lines = text.split('\n');
  if (text.trim() === '') return '  (the screen was empty)';
  return lines.map((l) => `  │ ${l}`).join('\n');
}

const HANDLERS: { [K in StepKind]: Handler<K> } = {
  async type(step, host, index) {
    const speed = step.speedMs ?? STEP_DEFAULTS.typingSpeedMs;
    if (speed <= 0) {
      ensureRunning(step, host, index);
      host.input(step.text);
      // A long text waits in the PTY while the program reads it; the next step starts once it has all been read.
      while (host.inputPending() > 0) {
        if (host.cancel.aborted) throw new Cancelled();
        ensureRunning(step, host, index);
        await Promise.race([host.screen.changed(50), host.exited]);
      }
      return;
    }
    for (const ch of step.text) {
      ensureRunning(step, host, index);
      host.input(ch);
      await pause(speed, host, false);
    }
  },

  async key(step, host, index) {
    const speed = step.speedMs ?? STEP_DEFAULTS.keySpeedMs;
    for (let i = 0; i < (step.count ?? 1); i++) {
      ensureRunning(step, host, index);
      // Cursor keys depend on the mode the program set; let the screen catch up first.
      await host.screen.settled();
      host.input(encodeKey(step.key, { applicationCursorKeys: host.screen.applicationCursorKeys }));
      await pause(speed, host, false);
    }
  },

  async sleep(step, host) {
    await pause(step.ms, host, true);
  },

  async wait(step, host, index) {
    const regex = waitRegExp(step);
    const scope = step.scope ?? STEP_DEFAULTS.waitScope;
    const timeoutMs = step.timeoutMs ?? STEP_DEFAULTS.waitTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    const test = () => host.screen.matches(regex, scope);
    await answerToInput(host, Math.min(ANSWER_GRACE_MS, timeoutMs));
    for (;;) {
      if (host.cancel.aborted) throw new Cancelled();
      await host.screen.settled();
      if (test()) return;
      const exit = host.exit();
      const left = deadline - Date.now();
      if (exit || left <= 0) {
        const why = exit
          ? `the program exited (${exitText(exit)}) before /${regex.source}/ appeared`
          : `/${regex.source}/ did not appear within ${formatDuration(timeoutMs)}`;
        const line = scope === 'line' ? `\n  the cursor's line was: ${JSON.stringify(host.screen.cursorLine())}` : '';
        throw new TermlensError(`step ${index} (${describeStep(step)}) failed${where(step)}: ${why}.${line}\n  The screen showed:\n${screenBlock(host.screen.text())}`, {
          code: exit ? 'execution' : 'timeout',
          stage: 'record',
          hint: exit
            ? 'Check the pattern against the screen above; the recording so far was kept.'
            : `Check the pattern against the screen above${scope === 'line' ? ' (scope: line matches only the line the cursor is on)' : ''}; if the program is just slow, raise the step's timeout (e.g. timeout: ${formatDuration(timeoutMs * 2)}). The recording so far was kept.`,
        });
      }
      // Re-test on the next output, at most every 10 ms so a flood does not spend its time in regex tests.
      await Promise.race([host.screen.changed(Math.min(left, 100)), host.exited]);
      await pause(10, host, true);
    }
  },

  async resize(step, host, index) {
    ensureRunning(step, host, index);
    host.resize(step.cols, step.rows);
  },

  async marker() {
    // The runner writes every step's marker; a marker step is nothing else.
  },

  async 'wait-exit'(step, host, index) {
    if (host.exit()) return;
    const timeout = step.timeoutMs;
    const result = await Promise.race([
      host.exited.then(() => 'exited' as const),
      timeout === undefined ? new Promise<never>(() => {}) : pause(timeout, host, true).then(() => 'timeout' as const),
      new Promise<'cancelled'>((resolve) => host.cancel.addEventListener('abort', () => resolve('cancelled'), { once: true })),
    ]);
    if (result === 'cancelled') throw new Cancelled();
    if (result === 'timeout' && !host.exit()) {
      throw new TermlensError(`step ${index} (${describeStep(step)}) failed${where(step)}: the program was still running after ${formatDuration(timeout!)}`, {
        code: 'timeout',
        stage: 'record',
        hint: 'Give the program a key that makes it quit before this step (e.g. - key: q), or raise the step\'s timeout.',
      });
    }
  },
};

/** Run every step in order; stops at the first failure or when the recording is cancelled. */
export async function runSteps(steps: readonly Step[], host: StepHost): Promise<StepsOutcome> {
  const results: StepResult[] = steps.map((step, i) => ({ index: i + 1, kind: step.kind, description: describeStep(step), status: 'not-run' }));
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const result = results[i]!;
    result.startTime = roundMs(host.clock());
    try {
      if (host.cancel.aborted) throw new Cancelled();
      await (HANDLERS[step.kind] as Handler<StepKind>)(step, host, i + 1);
      result.status = 'ok';
      result.endTime = roundMs(host.clock());
      host.marker(stepMarkerLabel(step, i + 1));
    } catch (error) {
      result.endTime = roundMs(host.clock());
      if (error instanceof Cancelled) {
        result.status = 'cancelled';
        return { results };
      }
      const failure =
        error instanceof TermlensError
          ? error
          : new TermlensError(`step ${i + 1} (${describeStep(step)}) failed: ${(error as Error).message}`, { code: 'execution', stage: 'record', cause: error });
      result.status = 'failed';
      result.error = failure.message;
      host.marker(`${stepMarkerLabel(step, i + 1)} (failed)`);
      return { results, failure };
    }
  }
  return { results };
}

function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
