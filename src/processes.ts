/**
 * Processes as /proc shows them, and stopping them: the recorder empties the
 * recorded program's session at the end of a recording, and the pre-test
 * stops its program's session the same way. Both start their program as the
 * leader of a new session (node-pty; spawn with `detached`), so everything
 * it starts stays in that session, background jobs in their own process
 * groups included, unless it leaves with setsid() as daemons do.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { constants } from 'node:os';

export interface ProcInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  session: number;
  /** Clock ticks after boot: with the pid, it tells a process from a later one that reused its pid. */
  startTime: string;
  state: string;
  comm: string;
}

/** A process for messages: its pid and command line. */
export interface LeftProcess {
  pid: number;
  command: string;
}

/** One process's line of /proc, or undefined once it is gone. */
export function readProc(pid: string | number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid pgrp session … starttime is the 22nd field; comm may hold spaces and ')'.
    const close = stat.lastIndexOf(')');
    const f = stat.slice(close + 2).split(' ');
    return { pid: Number(pid), comm: stat.slice(stat.indexOf('(') + 1, close), state: f[0]!, ppid: Number(f[1]), pgrp: Number(f[2]), session: Number(f[3]), startTime: f[19]! };
  } catch {
    return undefined; // it ended while we looked
  }
}

/** Every live process (zombies excluded); empty where there is no /proc. */
export function allProcesses(): ProcInfo[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const out: ProcInfo[] = [];
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const p = readProc(e);
    if (p && p.state !== 'Z' && p.state !== 'X') out.push(p);
  }
  return out;
}

/** Live members of the session led by `sid` (the recorded program's pid). */
export function sessionMembers(sid: number): ProcInfo[] {
  return allProcesses().filter((p) => p.session === sid);
}

/** Send a signal to the process group led by `pid` (or to `pid` alone once it has no group); false when nothing was there. */
export function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

const SIGNAL_NAMES = new Map<number, string>(Object.entries(constants.signals).map(([name, num]) => [num, name]));

/** "SIGTERM" for 15 (or for "SIGTERM"); undefined for none, 0 or unknown numbers. */
export function signalName(signal: NodeJS.Signals | number | null | undefined): string | undefined {
  if (!signal) return undefined;
  return typeof signal === 'string' ? signal : (SIGNAL_NAMES.get(signal) ?? `signal ${signal}`);
}

/** True where /proc can be read (Linux); elsewhere only process groups can be signalled. */
export function hasProcFs(): boolean {
  return existsSync('/proc/self/stat');
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stop processes: the `first` signals to each (by default SIGHUP, as a
 * closed terminal would, then SIGTERM), then SIGKILL to whatever is still
 * there after `graceMs`. `members` is asked again at each step, so children
 * started meanwhile are caught too; a negative pid stands for a whole
 * process group. Resolves when none is left (or soon after the SIGKILL).
 */
export async function stopAll(members: () => Array<{ pid: number }>, graceMs: number, first: readonly NodeJS.Signals[] = ['SIGHUP', 'SIGTERM']): Promise<void> {
  let left = members();
  if (left.length === 0) return;
  for (const name of first) for (const p of left) signal(p.pid, name);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(25);
    left = members();
    if (left.length === 0) return;
  }
  for (let i = 0; i < 40; i++) {
    left = members();
    if (left.length === 0) return;
    for (const p of left) signal(p.pid, 'SIGKILL');
    await sleep(25);
  }
}

/** A daemon's command line for messages: /proc's cmdline, else its name. */
export function describeProcess(p: ProcInfo): LeftProcess {
  let command = p.comm;
  try {
    const cmdline = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    if (cmdline) command = cmdline.length > 200 ? `${cmdline.slice(0, 200)}…` : cmdline;
  } catch {
    // it ended meanwhile; its name will do
  }
  return { pid: p.pid, command };
}
