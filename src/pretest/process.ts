/**
 * The pre-test's program runs as the leader of its own process group
 * (spawn with `detached: true`), so everything it starts can be stopped
 * together: SIGTERM to the group, SIGKILL after a grace. A program that is
 * done leaves nothing behind either: stragglers in its group are stopped too.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { constants } from 'node:os';

/** Signal the group led by `pgid`; false when it no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Pids of the group's live members (zombies excluded: a container whose
 * init does not reap would otherwise keep them "alive" forever). Falls back
 * to kill(-pgid, 0) where /proc is missing.
 */
export function groupMembers(pgid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return signalGroup(pgid, 0 as unknown as NodeJS.Signals) ? [pgid] : [];
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp … — comm may hold spaces and parentheses, so split after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = fields[0];
      if (Number(fields[2]) === pgid && state !== 'Z' && state !== 'X') members.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return members;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stop every live member of the group: SIGTERM, then SIGKILL to whatever is
 * left after `graceMs`. Resolves when the group is empty (or after the
 * SIGKILL, which cannot be refused).
 */
export async function stopGroup(pgid: number, graceMs: number): Promise<void> {
  if (groupMembers(pgid).length === 0) return;
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(25);
    if (groupMembers(pgid).length === 0) return;
  }
  signalGroup(pgid, 'SIGKILL');
  for (let i = 0; i < 40 && groupMembers(pgid).length > 0; i++) await sleep(25);
}

const SIGNAL_NAMES = new Map<number, string>(Object.entries(constants.signals).map(([name, num]) => [num, name]));

export function signalNameOf(signal: NodeJS.Signals | number | null): string | null {
  if (signal === null) return null;
  return typeof signal === 'number' ? (SIGNAL_NAMES.get(signal) ?? `signal ${signal}`) : signal;
}

/** Splits a stream into lines and keeps the last `limit`, each passed through `clean` (secrets masked) first. */
export class LineTail {
  readonly lines: string[] = [];
  private partial = '';

  constructor(
    private readonly limit: number,
    private readonly clean: (line: string) => string,
    private readonly onLine: (line: string) => void,
  ) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    // split always gives at least one piece: the unfinished line after the last newline.
    this.partial = parts.pop() ?? '';
    for (const part of parts) this.add(part);
  }

  /** The unterminated last line, once the stream has ended. */
  flush(): void {
    if (this.partial !== '') this.add(this.partial);
    this.partial = '';
  }

  private add(raw: string): void {
    const line = this.clean(raw.replace(/\r$/, ''));
    this.lines.push(line);
    if (this.lines.length > this.limit) this.lines.shift();
    this.onLine(line);
  }
}
