/**
 * Where the multi-agent CLI's status.json is. The released program (v0.1.12)
 * prints no path: it writes
 * `.massgen/massgen_logs/log_<timestamp>/turn_<n>/status.json` under its
 * working folder, in `turn_<n>/attempt_<m>/` once restarts are on
 * (massgen/logger_config.py:78-104). A later version prints
 * `LOG_DIR: <session root>` and `STATUS: <session root>/turn_1/status.json`;
 * older descriptions put status.json directly in LOG_DIR. All three are
 * looked for, in that order of trust.
 */
import { readdirSync, readlinkSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { sessionPids } from './process.js';

export type StatusFoundBy = 'status-line' | 'log-dir' | 'working-folder';

export interface StatusLocation {
  path: string;
  foundBy: StatusFoundBy;
  /** The session folder it belongs to (the log_<timestamp> folder, or LOG_DIR). */
  root: string;
  /** Found in the working folder and known to be this program's (it holds a file open there): safe to keep following. */
  confirmed?: boolean;
}

/** Where the program keeps its sessions, relative to its working folder. */
export const LOGS_FOLDER = join('.massgen', 'massgen_logs');

const list = (dir: string): string[] => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

const mtimeMs = (path: string): number | undefined => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

const numbered = (names: string[], prefix: string): { name: string; n: number }[] =>
  names
    .map((name) => ({ name, n: name.startsWith(prefix) ? Number(name.slice(prefix.length)) : NaN }))
    .filter((e) => Number.isInteger(e.n))
    .sort((a, b) => b.n - a.n);

/**
 * The status.json files of one session, the newest turn and attempt first:
 * turn_N/attempt_M/status.json, turn_N/status.json, then root/status.json.
 */
export function sessionStatusFiles(root: string): string[] {
  const found: string[] = [];
  for (const turn of numbered(list(root), 'turn_')) {
    const turnDir = join(root, turn.name);
    for (const attempt of numbered(list(turnDir), 'attempt_')) {
      const path = join(turnDir, attempt.name, 'status.json');
      if (mtimeMs(path) !== undefined) found.push(path);
    }
    const path = join(turnDir, 'status.json');
    if (mtimeMs(path) !== undefined) found.push(path);
  }
  const flat = join(root, 'status.json');
  if (mtimeMs(flat) !== undefined) found.push(flat);
  return found;
}

/**
 * The log_<timestamp> folders some process of the session holds a file open in
 * (loguru keeps massgen.log open for the run); null when that cannot be known
 * (no /proc, or the session has ended).
 */
function heldOpen(sid: number, logsDir: string): Set<string> | null {
  const held = new Set<string>();
  const prefix = logsDir + sep;
  const members = sessionPids(sid);
  if (members.length === 0 || list('/proc/self/fd').length === 0) return null;
  for (const pid of members) {
    for (const fd of list(`/proc/${pid}/fd`)) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target.startsWith(prefix)) held.add(join(logsDir, target.slice(prefix.length).split(sep)[0]!));
    }
  }
  return held;
}

export interface LocateInput {
  /** Resolved path of the `STATUS:` line, if printed. */
  statusLine: string | null;
  /** Resolved path of the `LOG_DIR:` line, if printed. */
  logDir: string | null;
  /** The program's working folder. */
  cwd: string;
  /** When the program started (ms since the epoch): older sessions are someone else's. */
  startedAtMs: number;
  /** The program's session (its pid), to tell its log folder from another run's in the same folder. */
  sid: number | null;
  /** A session folder chosen earlier: keep following it (a restart adds attempt folders to it). */
  lockedRoot: string | null;
}

/** Allowance for file systems whose timestamps are coarser than the clock. */
const CLOCK_SLACK_MS = 1000;

export function locateStatus(input: LocateInput): StatusLocation | null {
  const { statusLine, logDir } = input;
  if (statusLine && mtimeMs(statusLine) !== undefined) return { path: statusLine, foundBy: 'status-line', root: logDir ?? statusLine };
  if (logDir) {
    const newest = sessionStatusFiles(logDir)[0];
    if (newest) return { path: newest, foundBy: 'log-dir', root: logDir };
  }
  const logsDir = join(input.cwd, LOGS_FOLDER);
  if (input.lockedRoot) {
    const newest = sessionStatusFiles(input.lockedRoot)[0];
    return newest ? { path: newest, foundBy: 'working-folder', root: input.lockedRoot } : null;
  }
  // Sessions written since the start, newest first (their names are timestamps).
  const fresh = list(logsDir)
    .filter((name) => name.startsWith('log_'))
    .sort()
    .reverse()
    .map((name) => ({ root: join(logsDir, name), path: sessionStatusFiles(join(logsDir, name))[0] }))
    .filter((s): s is { root: string; path: string } => s.path !== undefined && (mtimeMs(s.path) ?? 0) >= input.startedAtMs - CLOCK_SLACK_MS);
  const [newest] = fresh;
  if (!newest) return null;
  // Another run may share the folder: while the program runs, its own session is the one it holds files open in.
  const held = input.sid === null ? null : heldOpen(input.sid, logsDir);
  if (held === null) return { ...newest, foundBy: 'working-folder' };
  const own = fresh.find((s) => held.has(s.root));
  if (own) return { ...own, foundBy: 'working-folder', confirmed: true };
  // It holds files in a session that has no status.json yet: wait for it rather than take another run's.
  if (held.size > 0) return null;
  // A program that holds nothing open there cannot be told apart: take the newest session.
  return { ...newest, foundBy: 'working-folder' };
}
