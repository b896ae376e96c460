/**
 * The pre-test's program runs as the leader of its own session (spawn with
 * `detached: true` calls setsid), so everything it starts can be stopped
 * together: background jobs in their own process groups included. A program
 * that is done leaves nothing behind either: stragglers in its session are
 * stopped too.
 */
import { hasProcFs, sessionMembers, signalGroup, stopAll } from '../processes.js';

/**
 * Pids of the live members of the session `sid` leads (zombies excluded: a
 * container whose init does not reap would otherwise keep them "alive"
 * forever). Where there is no /proc, its process group stands for it, as
 * the pid -sid.
 */
export function sessionPids(sid: number): number[] {
  if (hasProcFs()) return sessionMembers(sid).map((p) => p.pid);
  return signalGroup(sid, 0) ? [-sid] : [];
}

/**
 * Stop every live member of the session: SIGTERM, then SIGKILL to whatever
 * is left after `graceMs`. Resolves when the session is empty (or soon
 * after the SIGKILL, which cannot be refused).
 */
export async function stopSession(sid: number, graceMs: number): Promise<void> {
  await stopAll(() => sessionPids(sid).map((pid) => ({ pid })), graceMs, ['SIGTERM']);
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
