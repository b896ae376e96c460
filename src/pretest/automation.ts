/**
 * The multi-agent CLI's automation protocol (the `massgen` pre-test): the
 * parseable lines it prints, the status.json it rewrites every two seconds,
 * and what its exit codes mean. Pure functions, tested on text. What the
 * released program really does, with file and line, is in
 * docs/massgen-protocol.md.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';

/** What the lines printed in automation mode said. */
export interface AutomationLines {
  logDir: string | null;
  statusFile: string | null;
  question: string | null;
  winner: string | null;
  answerFile: string | null;
  /** As printed, e.g. "45.3s". */
  duration: string | null;
  answerPreview: string | null;
  /** As printed, e.g. "2 agents, 47.1s total". */
  completed: string | null;
  /** Each RESTART line's text, e.g. "Attempt 2/3". */
  restarts: string[];
}

export function emptyAutomationLines(): AutomationLines {
  return { logDir: null, statusFile: null, question: null, winner: null, answerFile: null, duration: null, answerPreview: null, completed: null, restarts: [] };
}

const LINE = /^(LOG_DIR|STATUS|QUESTION|WINNER|ANSWER_FILE|DURATION|ANSWER_PREVIEW|COMPLETED|RESTART):[ \t]*(.*?)\s*$/;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** The line without colour and other escape sequences, as a reason quotes it. */
export function stripAnsi(line: string): string {
  return line.replace(ANSI, '');
}

type LineKey = 'logDir' | 'statusFile' | 'question' | 'winner' | 'answerFile' | 'duration' | 'answerPreview' | 'completed' | 'restart';
const KEYS: Record<string, LineKey> = {
  LOG_DIR: 'logDir',
  STATUS: 'statusFile',
  QUESTION: 'question',
  WINNER: 'winner',
  ANSWER_FILE: 'answerFile',
  DURATION: 'duration',
  ANSWER_PREVIEW: 'answerPreview',
  COMPLETED: 'completed',
  RESTART: 'restart',
};

/**
 * Record one output line in `into` when it is a protocol line; returns which
 * field it set. Paths are resolved against `cwd`, as the program meant them.
 */
export function parseAutomationLine(line: string, into: AutomationLines, cwd: string): LineKey | undefined {
  const m = LINE.exec(stripAnsi(line));
  if (!m) return undefined;
  const key = KEYS[m[1]!]!;
  const value = m[2]!;
  if (key === 'restart') into.restarts.push(value);
  else if (key === 'logDir' || key === 'statusFile' || key === 'answerFile') into[key] = value === '' ? null : isAbsolute(value) ? value : resolve(cwd, value);
  else into[key] = value;
  return key;
}

/**
 * What the program's exit codes really mean (massgen/cli.py:103-108 and
 * 3183-3194): 0 also after an orchestrator timeout and after Ctrl+C, so 0
 * alone is not success; 3 only when a TimeoutError escapes the run.
 */
export const EXIT_MEANINGS: Record<number, string> = {
  0: 'success',
  1: 'configuration error',
  2: 'execution error',
  3: 'a timeout error escaped the run',
  4: 'interrupted',
};

/** What /bin/sh's own exit codes mean, for any protocol. */
export const SHELL_EXIT_MEANINGS: Record<number, string> = {
  126: 'the command is not executable',
  127: 'command not found',
};

/** Statuses that mean an agent failed. The released program never writes them (nothing kills an agent), but its status code knows them. */
export const AGENT_FAILURE_STATUSES = ['error', 'timeout'] as const;

export interface AgentView {
  status: string | null;
  error: { type: string | null; message: string | null } | null;
  timesRestarted: number;
  answerCount: number;
  voted: boolean;
}

/** The parts of status.json the pre-test looks at, read defensively: a field of an odd type is treated as absent. */
export interface StatusView {
  phase: string | null;
  completion: number | null;
  activeAgent: string | null;
  elapsedSeconds: number | null;
  winner: string | null;
  agents: Record<string, AgentView>;
}

const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function viewStatus(json: unknown): StatusView {
  const root = obj(json) ?? {};
  const coordination = obj(root.coordination) ?? {};
  const meta = obj(root.meta) ?? {};
  const results = obj(root.results) ?? {};
  const agents: Record<string, AgentView> = {};
  for (const [id, raw] of Object.entries(obj(root.agents) ?? {})) {
    const a = obj(raw) ?? {};
    const e = obj(a.error);
    agents[id] = {
      status: str(a.status),
      error: e ? { type: str(e.type), message: str(e.message) } : null,
      timesRestarted: numOrNull(a.times_restarted) ?? 0,
      answerCount: numOrNull(a.answer_count) ?? 0,
      voted: obj(a.vote_cast) !== undefined || a.status === 'voted',
    };
  }
  return {
    phase: str(coordination.phase),
    completion: numOrNull(coordination.completion_percentage),
    activeAgent: str(coordination.active_agent),
    elapsedSeconds: numOrNull(meta.elapsed_seconds),
    winner: str(results.winner),
    agents,
  };
}

export interface AgentFailure {
  agent: string;
  status: string;
  message: string | null;
}

/** Agents in `error` or `timeout`, in id order. */
export function agentFailures(view: StatusView): AgentFailure[] {
  return Object.entries(view.agents)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([agent, a]) =>
      a.status !== null && (AGENT_FAILURE_STATUSES as readonly string[]).includes(a.status)
        ? [{ agent, status: a.status, message: a.error?.message ?? a.error?.type ?? null }]
        : [],
    );
}

/** "agent_b is in error: Connection reset by peer" (several joined with "; "). */
export function describeFailures(failures: readonly AgentFailure[]): string {
  return failures.map((f) => `agent ${f.agent} is in ${f.status}${f.message ? `: ${f.message}` : ''}`).join('; ');
}

/** "agent_a streaming, agent_b answered". */
export function describeAgents(view: StatusView): string {
  const parts = Object.entries(view.agents).map(([id, a]) => `${id} ${a.status ?? 'unknown'}`);
  return parts.length ? parts.join(', ') : 'no agents listed';
}

export type StatusRead = { state: 'ok'; json: unknown } | { state: 'missing' } | { state: 'invalid'; error: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Read status.json. Absent is normal at first; a parse error means the file
 * was caught mid-write (a writer without temp-file-and-rename), so it is
 * read again a few times before giving up until the next poll.
 */
export async function readStatusFile(path: string, attempts = 3, retryMs = 40): Promise<StatusRead> {
  let last = '';
  for (let i = 0; i < attempts; i++) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
      last = (e as Error).message;
      await sleep(retryMs);
      continue;
    }
    try {
      return { state: 'ok', json: JSON.parse(text) };
    } catch (e) {
      last = (e as Error).message;
      await sleep(retryMs);
    }
  }
  return { state: 'invalid', error: last };
}
