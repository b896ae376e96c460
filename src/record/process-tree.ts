/**
 * The recorded program's whole process tree, from /proc. node-pty starts the
 * program as the leader of a new session, so everything it starts stays in
 * that session — background jobs of an interactive shell (each in its own
 * process group), `nohup` children, programs that ignore SIGHUP and SIGTERM
 * — unless it leaves on purpose with setsid(), as daemons do. At the end of
 * a recording the session is emptied (HUP, TERM, a grace period, KILL); the
 * daemons, found by watching the program's descendants while it ran, are
 * listed as left running, or stopped too when asked.
 */
import { readFileSync, readdirSync } from 'node:fs';

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

/** A process that left the recording's session and was still running at its end. */
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

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Remembers every descendant of the program seen while it runs, so a daemon
 * that was reparented to init after setsid() can still be found at the end.
 * A daemon that starts and detaches between two looks is still found by the
 * marker variable every descendant inherits (unless it clears its environment).
 */
export class DescendantWatch {
  private readonly seen = new Map<number, ProcInfo>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly root: number,
    /** `NAME=value` set in the program's environment, or undefined. */
    private readonly marker?: string,
    intervalMs = 200,
  ) {
    this.look();
    this.timer = setInterval(() => this.look(), intervalMs);
    this.timer.unref();
  }

  look(): void {
    const procs = allProcesses();
    const children = new Map<number, ProcInfo[]>();
    for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
    const queue = [this.root];
    while (queue.length) {
      for (const c of children.get(queue.pop()!) ?? []) {
        if (this.seen.has(c.pid) && this.seen.get(c.pid)!.startTime === c.startTime) continue;
        this.seen.set(c.pid, c);
        queue.push(c.pid);
      }
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Descendants (seen while it ran, or carrying the marker) that are still alive and no longer in the program's session. */
  leftRunning(): ProcInfo[] {
    const out = new Map<number, ProcInfo>();
    for (const p of allProcesses()) {
      if (p.session === this.root || p.pid === process.pid) continue;
      const seen = this.seen.get(p.pid);
      if ((seen && seen.startTime === p.startTime) || this.carriesMarker(p.pid)) out.set(p.pid, p);
    }
    return [...out.values()];
  }

  private carriesMarker(pid: number): boolean {
    if (!this.marker) return false;
    try {
      return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(this.marker);
    } catch {
      return false; // gone, or not ours to read
    }
  }
}

/** Live members of the session led by `sid` (the recorded program's pid). */
export function sessionMembers(sid: number): ProcInfo[] {
  return allProcesses().filter((p) => p.session === sid);
}

/**
 * Stop processes: `first` to each (SIGHUP, as a closed terminal would),
 * SIGTERM, then SIGKILL to whatever is still there after `graceMs`.
 * `members` is asked again at each step, so children started meanwhile are
 * caught too. Resolves when none is left (or soon after the SIGKILL).
 */
export async function stopAll(members: () => ProcInfo[], graceMs: number): Promise<void> {
  let left = members();
  if (left.length === 0) return;
  for (const p of left) signal(p.pid, 'SIGHUP');
  for (const p of left) signal(p.pid, 'SIGTERM');
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
