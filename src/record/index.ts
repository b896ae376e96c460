/**
 * record: run a terminal program through a PTY, optionally drive it with
 * scripted steps, and write what it showed as an asciicast v2 file plus a
 * session.json.
 */
export { recordSession, DEFAULT_RECORD_TIMEOUT_MS, DEFAULT_KILL_GRACE_MS, type RecordOptions, type RecordResult } from './record-session.js';
export { recordFailure, keptFiles, leftRunningNote } from './outcome.js';
export { sessionPathFor, SESSION_SCHEMA_VERSION, type SessionFile, type RecordOutcome } from './session-file.js';
export {
  STEP_KINDS,
  STEP_DEFAULTS,
  describeStep,
  stepMarkerLabel,
  waitRegExp,
  type Step,
  type StepKind,
  type StepSource,
  type TypeStep,
  type KeyStep,
  type SleepStep,
  type WaitStep,
  type WaitScope,
  type ResizeStep,
  type MarkerStep,
  type WaitExitStep,
} from './steps.js';
export { parseSteps } from './step-parser.js';
export type { StepResult, StepStatus } from './step-runner.js';
export { parseKey, encodeKey, KEY_NAMES, type ParsedKey, type KeyEncodingContext } from './keys.js';
export { parseDuration, formatDuration, durationTooLong, DURATION_EXAMPLES, MAX_DURATION_MS } from './duration.js';
export { terminalSize, VHS_WINDOW_DEFAULTS, DEFAULT_TERMINAL_SIZE, CELL_WIDTH_EM, LINE_HEIGHT_EM, type SizeOptions, type TerminalSize } from './size.js';
export { RECORD_DEFAULTS, RECORD_LIMITS } from './defaults.js';
export { parseEnvAssignments, buildEnv, resolveCommand, formatCommandLine, TERM_ENV } from './command.js';
