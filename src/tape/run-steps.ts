/**
 * From a tape's plan to the recorder's steps, and a map saying what each
 * step means to the tape. The recorder leaves exactly one marker per step,
 * in order, so the k-th marker of the cast is the end of step k: that is how
 * the runner later finds where `Hide`, `Show`, `Screenshot` and every
 * command ended, without any clock of its own.
 */
import type { Step } from '../record/index.js';
import type { PlanStep, TapePlan } from './plan.js';
import type { SourcePos, Tape, TapeDiagnostic } from './types.js';

/** What one recorder step means to the tape. */
export interface StepRole {
  /** A step termlens adds before the tape's own: wait for the shell's first prompt. */
  setup?: boolean;
  /** `hide`/`show` start and end a span left out of the video; `screenshot` writes a PNG. */
  tape?: 'hide' | 'show' | 'screenshot';
  /** The screenshot's path as written in the tape. */
  path?: string;
  /**
   * Indexes (into tape.commands) of the commands whose screen is saved for
   * text outputs when this step ends: the command the step finishes, and any
   * command without steps of its own that follows it (Copy, a late
   * `Set TypingSpeed`), as VHS saves the screen after every command it runs.
   */
  saves: number[];
}

export interface TapeSteps {
  steps: Step[];
  /** One per step, same order. */
  roles: StepRole[];
  warnings: TapeDiagnostic[];
}

/** The marker label a tape-only step leaves in the cast. */
function tapeMarker(step: PlanStep): string {
  switch (step.kind) {
    case 'hide':
      return 'Hide';
    case 'show':
      return 'Show';
    case 'screenshot':
      return `Screenshot ${step.path}`;
    case 'scroll':
      return `Scroll${step.lines < 0 ? 'Up' : 'Down'} ${Math.abs(step.lines)}`;
    default:
      return step.kind;
  }
}

/** The shell has drawn its prompt: anything on the screen. */
const SHELL_READY_PATTERN = '\\S';
/** How long a shell may take to show its first prompt. */
const SHELL_READY_TIMEOUT_MS = 10_000;

const posKey = (p: SourcePos) => `${p.file}:${p.line}:${p.column}`;

function toStep(p: PlanStep): Step {
  const source = { file: p.source.file, line: p.source.line, column: p.source.column };
  switch (p.kind) {
    case 'type':
      return { kind: 'type', text: p.text, speedMs: p.speedMs, source };
    case 'key':
      return { kind: 'key', key: p.key, count: p.count, speedMs: p.speedMs, source };
    case 'sleep':
      return { kind: 'sleep', ms: p.ms, source };
    case 'wait':
      return { kind: 'wait', pattern: p.pattern, flags: p.flags, scope: p.scope, timeoutMs: p.timeoutMs, source };
    case 'hide':
    case 'show':
    case 'screenshot':
    case 'scroll':
      return { kind: 'marker', label: tapeMarker(p), source };
  }
}

/**
 * The recorder steps for a tape. `hidden` says whether the screen is saved
 * after each command (VHS saves only while it records, i.e. outside Hide).
 */
export function tapeSteps(tape: Tape, plan: TapePlan): TapeSteps {
  const steps: Step[] = [];
  const roles: StepRole[] = [];
  const warnings: TapeDiagnostic[] = [];
  const lastStepOf = new Map<string, number>();

  // VHS types only once its terminal is up; typing before the shell's first prompt would echo out of place.
  steps.push({ kind: 'wait', pattern: SHELL_READY_PATTERN, scope: 'screen', timeoutMs: SHELL_READY_TIMEOUT_MS });
  roles.push({ setup: true, saves: [] });

  for (const p of plan.steps) {
    steps.push(toStep(p));
    const role: StepRole = { saves: [] };
    if (p.kind === 'hide' || p.kind === 'show') role.tape = p.kind;
    if (p.kind === 'screenshot') {
      role.tape = 'screenshot';
      role.path = p.path;
    }
    if (p.kind === 'scroll') {
      warnings.push({
        severity: 'warning',
        message: `${tapeMarker(p)} is not shown: the video draws the live screen, not the scrollback; the step only leaves a marker`,
        pos: p.source,
      });
    }
    roles.push(role);
    lastStepOf.set(posKey(p.source), steps.length - 1);
  }

  // Which step's end each command's screen is saved at; VHS saves nothing while hidden.
  let hidden = false;
  let previous = -1;
  const pendingBeforeFirst: number[] = [];
  tape.commands.forEach((c, index) => {
    if (c.kind === 'hide') hidden = true;
    if (c.kind === 'show') hidden = false;
    const own = lastStepOf.get(posKey(c.pos));
    const at = own ?? previous;
    if (own !== undefined) previous = own;
    if (hidden) return;
    if (at < 0) pendingBeforeFirst.push(index);
    else roles[at]!.saves.push(index);
  });
  // Commands with nothing to do before the tape's first step: saved with the shell's first screen.
  roles[0]!.saves.unshift(...pendingBeforeFirst);
  return { steps, roles, warnings };
}
