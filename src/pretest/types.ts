/** Options, progress events and the artifact (pretest.json, schemaVersion 1) of the pre-test. */
import type { AutomationLines, StatusView } from './automation.js';
import type { StatusFoundBy } from './status-locate.js';

/** How the pre-test decides that a run is healthy (README, "Pre-test"). */
export const PRETEST_PROTOCOLS = ['exit-code', 'smoke', 'massgen'] as const;
export type PretestProtocol = (typeof PRETEST_PROTOCOLS)[number];

export const PRETEST_VERDICTS = ['passed', 'failed', 'timeout', 'interrupted'] as const;
export type PretestVerdict = (typeof PRETEST_VERDICTS)[number];

export interface PretestOptions {
  /** Run through `/bin/sh -c`, template variables already filled in. */
  command: string;
  protocol: PretestProtocol;
  /** Seconds the program must stay healthy; for `massgen`, 0 waits for the run to finish. @default PRETEST_DEFAULTS.smokeSeconds (pretest/defaults.ts, with the limits) */
  smokeSeconds?: number;
  /** Seconds before giving up with verdict `timeout`. @default PRETEST_DEFAULTS.timeout */
  timeout?: number;
  /** @default process.cwd() */
  cwd?: string;
  /** Variables set on top of `baseEnv`. @default {} */
  env?: Record<string, string>;
  /** @default process.env */
  baseEnv?: NodeJS.ProcessEnv;
  /** The command as written to pretest.json and shown (e.g. with {{env.NAME}} left as $NAME). @default `command` */
  displayCommand?: string;
  /** Between SIGTERM and SIGKILL when stopping the program, ms. @default 2000 */
  killGraceMs?: number;
  /** How often status.json is read (massgen), ms. @default 500 */
  pollIntervalMs?: number;
  /** Output lines kept per stream. @default 40 */
  tailLines?: number;
  /** After a failure shows (a backend ERROR line, an agent in error, a stalled agent), how long the program may take to exit by itself (its exit code says more) before it is stopped, ms. @default 1000 */
  failureGraceMs?: number;
  /** massgen: seconds an agent may go without progress while other agents progress before the pre-test fails; 0 turns the check off. @default PRETEST_DEFAULTS.stallSeconds */
  stallSeconds?: number;
}

export interface PretestControl {
  /** Abort to stop the pre-test: the program's whole process group is killed and the verdict is `interrupted`. */
  signal?: AbortSignal;
  onProgress?: (event: PretestEvent) => void;
}

export type PretestEvent =
  | { kind: 'started'; elapsed: number; pid: number; command: string }
  | { kind: 'line'; elapsed: number; stream: 'stdout' | 'stderr'; line: string }
  | { kind: 'protocol'; elapsed: number; key: string; value: string }
  | { kind: 'status'; elapsed: number; phase: string | null; completion: number | null; agents: Record<string, string | null> }
  /** massgen: status.json found, or moved (a restart's new attempt folder). */
  | { kind: 'status-file'; elapsed: number; path: string; foundBy: StatusFoundBy }
  | { kind: 'stopping'; elapsed: number; why: NonNullable<PretestResult['stoppedBy']> };

export interface ProgressPoint {
  /** Seconds since the pre-test started. */
  t: number;
  phase: string | null;
  completion: number | null;
}

export interface PretestResult {
  schemaVersion: 1;
  verdict: PretestVerdict;
  /** One line: why. */
  reason: string;
  protocol: PretestProtocol;
  /** As shown (environment references not expanded). */
  command: string;
  cwd: string;
  startedAt: string;
  durationSeconds: number;
  smokeSeconds: number;
  timeoutSeconds: number;
  pid: number | null;
  exitCode: number | null;
  signal: string | null;
  /** Who ended the program; null when it exited by itself. */
  stoppedBy: 'smoke-window' | 'failure' | 'timeout' | 'interrupt' | null;
  /** What the automation protocol's lines said (any protocol: the lines are recognised wherever they appear). */
  parsed: AutomationLines;
  /** Phases seen in status.json, in order. */
  phases: string[];
  /** Each change of phase or completion percentage seen. */
  progress: ProgressPoint[];
  /** Each agent's last status. */
  agents: Record<string, string | null>;
  /** The last status.json read, as it was. */
  lastStatus: unknown;
  statusReads: { ok: number; missing: number; invalid: number };
  /** The last lines of each stream, secrets masked. */
  output: { stdout: string[]; stderr: string[] };
  /** massgen: what the program was seen to do, so a verdict can be understood; null under other protocols. */
  contract: MassgenContract | null;
}

/** What a `massgen` pre-test saw of the automation contract. */
export interface MassgenContract {
  /** The status.json followed (the last one, after a restart). */
  statusFile: string | null;
  /** How it was found: a `STATUS:` line, under the `LOG_DIR:` line's folder, or under .massgen/massgen_logs/ in the working folder. */
  statusFoundBy: StatusFoundBy | null;
  /** The automation lines printed, first appearance order (e.g. QUESTION, WINNER, DURATION, ANSWER_PREVIEW, COMPLETED). */
  linesSeen: string[];
  /** The final answer file found when the program exited 0. */
  answerFile: string | null;
  /** The `COMPLETED:` line's text. */
  completedLine: string | null;
  /** The "Orchestrator Timeout" line of massgen.log, when the run ended that way. */
  orchestratorTimeout: string | null;
  /** ERROR lines about an agent's backend seen on stderr (colour stripped, secrets masked; the first 10). */
  backendErrors: string[];
  /** PYTHONUNBUFFERED=1 was set for the program, so its lines arrived as printed. */
  pythonUnbuffered: boolean;
}

export type { StatusView };
