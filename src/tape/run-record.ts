/**
 * recordTape: run a tape's commands against its shell with the node-pty
 * recorder, into a cast whose hidden spans are already collapsed, and hand
 * back the renderer options its settings ask for. Nothing runs when the tape
 * has errors or a `Require`d program is missing.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { TermlensError, quote } from '../errors/index.js';
import { recordSession, sessionPathFor, type RecordResult } from '../record/index.js';
import { findExecutable } from '../find-executable.js';
import { TapeSyntaxError, formatDiagnostic, type SourceLines } from './diagnostics.js';
import { checkTape, readTapeText } from './load.js';
import { tapeToPlan, type TapePlan } from './plan.js';
import { collapseHiddenSpans, type CollapseResult } from './run-cast.js';
import { tapeRenderOptions, type TapeRenderOptions } from './run-render.js';
import { tapeSteps, type StepRole } from './run-steps.js';
import type { Tape, TapeDiagnostic } from './types.js';

export interface RecordTapeOptions {
  /** Where to write the cast. */
  cast: string;
  /** Where session.json goes. @default the cast's path with .json for .cast */
  sessionPath?: string;
  /** The shell's working directory. @default process.cwd() */
  cwd?: string;
  /** Variables for the shell, under the shell's own prompt variables and the tape's `Env`. @default {} */
  env?: Record<string, string>;
  /** The environment inherited. @default process.env */
  baseEnv?: NodeJS.ProcessEnv;
  /** Stop the recording after this many ms; 0 for never. @default 300000 */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Also stop processes that left the shell's session (setsid daemons). @default false */
  killDaemons?: boolean;
  /** Called once the shell has started. */
  onStart?: (info: { pid: number; cols: number; rows: number; commandLine: string; castPath: string }) => void;
}

/** A loaded tape with its source lines, for warnings with carets. */
export interface LoadedTape {
  tape: Tape;
  sources: SourceLines;
}

export interface TapeRecording extends RecordResult {
  tape: Tape;
  plan: TapePlan;
  /** What each recorder step means to the tape (the k-th marker of the cast ends step k). */
  roles: StepRole[];
  /** Renderer options from the tape's settings (theme, size, padding, margin, bar, fps, speed…); merge an output in. */
  render: TapeRenderOptions;
  /** Every warning: the parser's and the runner's, in tape order. */
  warnings: TapeDiagnostic[];
  /** The same, formatted with file:line:column and the source line. */
  warningText: string[];
  /** Spans between Hide and Show, taken out of the cast's timeline. */
  hidden: CollapseResult;
  sources: SourceLines;
}

/** Read and parse a tape; errors throw a TapeSyntaxError (exit 1) listing every one. */
export function readTapeFile(file: string): LoadedTape {
  const text = readTapeText(file);
  const check = checkTape(text, { file });
  if (!check.tape) throw new TapeSyntaxError(file, check.errors, check.sources);
  return { tape: check.tape, sources: check.sources };
}

/** Fail before anything runs when a `Require`d program or the shell is not on the PATH. */
export function checkRequirements(tape: Tape, plan: TapePlan, pathValue: string | undefined): void {
  for (const program of tape.requires) {
    if (!findExecutable(program, pathValue)) {
      throw new TermlensError(`the tape requires ${quote(program)}, which is not on the PATH`, {
        code: 'missing-tool',
        stage: 'tape',
        hint: `Install ${program} (or add its folder to PATH), or remove the line "Require ${program}" from ${tape.file}. Nothing was run.`,
      });
    }
  }
  const shell = plan.record.shell.argv[0];
  if (shell === undefined) throw new TermlensError(`the tape's shell has no program to run`, { code: 'config', stage: 'tape', hint: `Set Shell to a program, e.g. Set Shell "bash", in ${tape.file}.` });
  if (!findExecutable(shell, pathValue)) {
    throw new TermlensError(`the tape's shell ${quote(shell)} is not on the PATH`, {
      code: 'missing-tool',
      stage: 'tape',
      hint: `Install ${shell}, or choose another with "Set Shell bash" at the top of ${tape.file}. Nothing was run.`,
    });
  }
}

/** Everything recordTape prepares before it starts the shell; no side effects. */
export function prepareTape(loaded: LoadedTape) {
  const { tape, sources } = loaded;
  const plan = tapeToPlan(tape);
  const { steps, roles, warnings: stepWarnings } = tapeSteps(tape, plan);
  const render = tapeRenderOptions(tape, sources);
  const order = [...sources.keys()];
  const warnings = [...tape.warnings, ...stepWarnings, ...render.warnings].sort(
    (a, b) => order.indexOf(a.pos.file) - order.indexOf(b.pos.file) || a.pos.line - b.pos.line || a.pos.column - b.pos.column,
  );
  return { tape, plan, steps, roles, render: render.options, warnings, warningText: warnings.map((w) => formatDiagnostic(w, sources)) };
}

/**
 * Record a tape with the node-pty recorder. Throws before starting (a
 * TapeSyntaxError, or `missing-tool` for a `Require`); afterwards resolves
 * whatever happened, like recordSession: check `recordFailure(result)`.
 */
export async function recordTape(tapeFile: string | LoadedTape, options: RecordTapeOptions): Promise<TapeRecording> {
  const loaded = typeof tapeFile === 'string' ? readTapeFile(tapeFile) : tapeFile;
  const prepared = prepareTape(loaded);
  const { tape, plan, steps, roles } = prepared;
  const baseEnv = options.baseEnv ?? process.env;
  const env = { ...(options.env ?? {}), ...plan.record.shell.env, ...plan.record.env };
  checkRequirements(tape, plan, env.PATH ?? baseEnv.PATH);

  const [command, ...args] = plan.record.shell.argv as [string, ...string[]];
  const castPath = resolve(options.cast);
  const result = await recordSession({
    command,
    args,
    output: castPath,
    sessionPath: options.sessionPath ?? sessionPathFor(castPath),
    width: plan.record.window.width,
    height: plan.record.window.height,
    fontSize: plan.record.window.fontSize,
    padding: plan.record.window.padding,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env,
    baseEnv,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    steps,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.killDaemons ? { killDaemons: true } : {}),
    title: basename(tape.file),
    ...(options.onStart ? { onStart: options.onStart } : {}),
  });
  // Collapse even after a failure: the cast that is kept should show what the video would.
  const hidden = await collapseHiddenSpans(result.castPath, roles);
  const { steps: _steps, ...rest } = prepared;
  return { ...result, ...rest, hidden, sources: loaded.sources };
}
