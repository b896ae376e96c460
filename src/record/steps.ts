/**
 * Scripted steps: what the recorder does to the program while it records.
 * A discriminated union on `kind`, so the step file parser, the VHS tape
 * parser and the step runner all speak the same small language, and the
 * compiler checks that the runner handles every kind.
 */
import { formatDuration } from './duration.js';

/** Where a step was written, for error messages. */
export interface StepSource {
  file?: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

interface StepBase {
  source?: StepSource;
}

/** Type text into the program, one character at a time. Stored as `i` events. */
export interface TypeStep extends StepBase {
  kind: 'type';
  text: string;
  /** Delay after each character, in ms; 0 sends the text at once. @default 50 */
  speedMs?: number;
}

/** Press a key or chord (`Enter`, `Ctrl+C`, `Shift+Tab`, `q`), `count` times. */
export interface KeyStep extends StepBase {
  kind: 'key';
  /** A name `parseKey` accepts. */
  key: string;
  /** @default 1 */
  count?: number;
  /** Delay after each press, in ms. @default 50 */
  speedMs?: number;
}

export interface SleepStep extends StepBase {
  kind: 'sleep';
  ms: number;
}

/** Wait until a regular expression matches the emulated screen or the cursor's line. */
export interface WaitStep extends StepBase {
  kind: 'wait';
  /** JavaScript regular expression source. */
  pattern: string;
  /** RegExp flags; `m` is always added for the screen scope so ^ and $ match at each row. @default "" */
  flags?: string;
  /** `screen`: the whole visible screen; `line`: the line the cursor is on (VHS's Wait+Line). @default "screen" */
  scope?: WaitScope;
  /** @default 15000 (VHS's WaitTimeout) */
  timeoutMs?: number;
}

export type WaitScope = 'screen' | 'line';

/** Resize the terminal; the program gets SIGWINCH and the cast an `r` event. */
export interface ResizeStep extends StepBase {
  kind: 'resize';
  cols: number;
  rows: number;
}

/** Leave a marker with this label in the cast. */
export interface MarkerStep extends StepBase {
  kind: 'marker';
  label: string;
}

/** Wait for the program to exit by itself. */
export interface WaitExitStep extends StepBase {
  kind: 'wait-exit';
  /** Without one, the recording's own timeout applies. */
  timeoutMs?: number;
}

export type Step = TypeStep | KeyStep | SleepStep | WaitStep | ResizeStep | MarkerStep | WaitExitStep;
export type StepKind = Step['kind'];

export const STEP_KINDS: readonly StepKind[] = ['type', 'key', 'sleep', 'wait', 'resize', 'marker', 'wait-exit'];

/** Defaults, in one place; VHS's where VHS has one. */
export const STEP_DEFAULTS = {
  typingSpeedMs: 50,
  keySpeedMs: 50,
  waitTimeoutMs: 15_000,
  waitScope: 'screen' as WaitScope,
} as const;

/** One line for a person: `type "ls -la"`, `key Down ×3`, `wait /Ready/ on the screen`. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'type':
      return `type ${JSON.stringify(step.text.length > 40 ? step.text.slice(0, 39) + '…' : step.text)}`;
    case 'key':
      return `key ${step.key}${(step.count ?? 1) > 1 ? ` ×${step.count}` : ''}`;
    case 'sleep':
      return `sleep ${formatDuration(step.ms)}`;
    case 'wait':
      return `wait for /${step.pattern}/${step.flags ?? ''} on the ${(step.scope ?? STEP_DEFAULTS.waitScope) === 'line' ? "cursor's line" : 'screen'}`;
    case 'resize':
      return `resize to ${step.cols}x${step.rows}`;
    case 'marker':
      return `marker ${JSON.stringify(step.label)}`;
    case 'wait-exit':
      return 'wait for the program to exit';
  }
}

/** The marker a step leaves in the cast when it finishes: `step 3: type`, or a marker step's own label. */
export function stepMarkerLabel(step: Step, index: number): string {
  return step.kind === 'marker' ? step.label : `step ${index}: ${step.kind}`;
}

/** The RegExp a wait step tests with. */
export function waitRegExp(step: WaitStep): RegExp {
  const scope = step.scope ?? STEP_DEFAULTS.waitScope;
  let flags = (step.flags ?? '').replace(/[gy]/g, '');
  if (scope === 'screen' && !flags.includes('m')) flags += 'm';
  return new RegExp(step.pattern, flags);
}
