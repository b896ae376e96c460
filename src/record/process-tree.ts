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
import { readFileSync } from 'node:fs';
import { allProcesses, type ProcInfo } from '../processes.js';

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
