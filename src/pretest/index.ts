/**
 * pretest: run the target headless before recording it, judged by one of
 * three protocols (exit-code, smoke, massgen), and say in one line whether
 * recording is worth it. Writes pretest.json (schemaVersion 1). The massgen
 * protocol is described in docs/massgen-protocol.md.
 */
export { runPretest } from './run.js';
export { writePretest } from './write.js';
export { pretestError, verdictLine } from './verdict.js';
export {
  parseAutomationLine,
  emptyAutomationLines,
  readStatusFile,
  viewStatus,
  agentFailures,
  describeFailures,
  EXIT_MEANINGS,
  SHELL_EXIT_MEANINGS,
  type AutomationLines,
  type StatusView,
  type AgentView,
  type AgentFailure,
  type StatusRead,
} from './automation.js';
export { exitReason } from './reasons.js';
export { sessionPids, stopSession } from './process.js';
export { StatusWatcher } from './status-watch.js';
export { locateStatus, sessionStatusFiles, LOGS_FOLDER, type StatusLocation, type StatusFoundBy } from './status-locate.js';
export { backendErrorLine, crossLine } from './massgen-lines.js';
export { StallWatch, type Stall } from './stall-watch.js';
export { PRETEST_DEFAULTS, PRETEST_LIMITS } from './defaults.js';
export {
  PRETEST_PROTOCOLS,
  PRETEST_VERDICTS,
  type MassgenContract,
  type PretestProtocol,
  type PretestOptions,
  type PretestControl,
  type PretestEvent,
  type PretestResult,
  type PretestVerdict,
  type ProgressPoint,
} from './types.js';
