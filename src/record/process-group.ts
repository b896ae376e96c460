/**
 * Stopping the recorded program, and keeping its PTY readable to the end.
 * node-pty starts it as the leader of a new session and process group, so
 * signalling the group (a negative pid) reaches everything it started in
 * the foreground: `sh -c 'a | b'` stops whole, not just the shell.
 */
import type { IPty } from 'node-pty';
import { signalGroup } from '../processes.js';

/**
 * Ask politely, then insist: `first` (SIGTERM, or SIGHUP as when a terminal
 * window closes), and SIGKILL to the group if it has not exited after
 * `graceMs`. Resolves once `exited` resolves.
 */
export async function terminateGroup(pid: number, first: NodeJS.Signals, graceMs: number, exited: Promise<unknown>): Promise<void> {
  signalGroup(pid, first);
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'grace'>((resolve) => {
    timer = setTimeout(() => resolve('grace'), graceMs);
  });
  const which = await Promise.race([exited.then(() => 'exited' as const), grace]);
  clearTimeout(timer);
  if (which === 'grace') {
    signalGroup(pid, 'SIGKILL');
    await exited;
  }
}

/** node-pty's queue of input not yet taken by the terminal (an internal, read defensively). */
function writeQueue(child: IPty): Array<{ buffer: Buffer; offset: number }> | undefined {
  const queue = (child as unknown as { _writeStream?: { _writeQueue?: unknown } })._writeStream?._writeQueue;
  return Array.isArray(queue) ? queue : undefined;
}

/**
 * Bytes of input written to the PTY that the program has not read yet.
 * node-pty queues what the kernel's buffer cannot take; a megabyte typed at
 * once waits there while the program reads.
 */
export function pendingInput(child: IPty): number {
  return (writeQueue(child) ?? []).reduce((n, t) => n + t.buffer.byteLength - t.offset, 0);
}

/**
 * Forget input the program will never read, before the PTY closes: node-pty
 * would otherwise keep writing to the closed terminal and print its own
 * "Unhandled pty write error EBADF".
 */
export function dropPendingInput(child: IPty): void {
  const queue = writeQueue(child);
  if (queue) queue.length = 0;
}
