/**
 * Stopping the recorded program, and keeping its PTY readable to the end.
 * node-pty starts it as the leader of a new session and process group, so
 * signalling the group (a negative pid) reaches everything it started in
 * the foreground: `sh -c 'a | b'` stops whole, not just the shell.
 */
import { closeSync, constants as fsConstants, openSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import type { IPty } from 'node-pty';

/** Send a signal to the process group led by `pid`; false when nothing was there. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
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

const SIGNAL_NAMES = new Map<number, string>(Object.entries(constants.signals).map(([name, num]) => [num, name]));

/** "SIGTERM" for 15; undefined for 0 or unknown numbers. */
export function signalName(signal: number | undefined): string | undefined {
  if (!signal) return undefined;
  return SIGNAL_NAMES.get(signal) ?? `signal ${signal}`;
}

/** Our own handle on the PTY's terminal side, let go once the program has ended. */
export interface SlaveHold {
  /** Close the handle now (once; later calls do nothing). */
  release(): void;
}

/** How often to look whether the program has ended, then whether its output has all been read. */
const ENDED_POLL_MS = 5;

/** True once `pid` has exited: gone from /proc, or a zombie waiting to be collected. */
function hasEnded(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const close = stat.lastIndexOf(')');
    const state = stat.slice(close + 2, close + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return true;
  }
}

/**
 * Keep our own handle on the PTY's terminal side while the program runs.
 * When the program writes its last bytes and exits at once, the end-of-file
 * that follows may cost those bytes (a flood's last few kilobytes went
 * missing in about one run in ten): with the terminal side still open there
 * is no end-of-file.
 *
 * node-pty then stops reading 200 ms after the exit, a fixed wait. Instead,
 * once the program has ended (looked for every few ms), its output is all in
 * the PTY: when a whole turn of the event loop, its reads included, brings
 * no more of it (nothing received from one look to the next), it has
 * all been read, and reading stops there, as node-pty's own timer would stop
 * it. A program that left children writing to the terminal keeps the output
 * coming, and node-pty's timer ends it as before.
 */
export function holdSlaveOpen(child: IPty): SlaveHold | undefined {
  const name = (child as unknown as { ptsName?: string }).ptsName;
  if (!name) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(name, fsConstants.O_RDWR | fsConstants.O_NOCTTY);
  } catch {
    // The program may already be gone; then there is nothing in flight to lose.
    return undefined;
  }
  let received = 0;
  const reads = child.onData(() => received++);
  const release = () => {
    clearInterval(poll);
    reads.dispose();
    if (fd === undefined) return;
    closeSync(fd);
    fd = undefined;
  };
  let receivedAtEnd: number | undefined;
  const poll = setInterval(() => {
    if (receivedAtEnd === undefined) {
      if (hasEnded(child.pid)) receivedAtEnd = received;
    } else if (received === receivedAtEnd) {
      stopReading(child);
      release();
    } else {
      receivedAtEnd = received;
    }
  }, ENDED_POLL_MS);
  poll.unref();
  return { release };
}

/** End node-pty's reading of the PTY, as its timer does 200 ms after the exit (an internal, reached defensively). */
function stopReading(child: IPty): void {
  (child as unknown as { _socket?: { destroy?: () => void } })._socket?.destroy?.();
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
