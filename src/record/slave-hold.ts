/**
 * Reading the program's output to its very end, and no longer than that.
 *
 * We keep our own handle on the PTY's terminal side while the program runs:
 * when a program writes its last bytes and exits at once, the end-of-file
 * that follows its exit may cost those bytes (a flood's last kilobytes went
 * missing in about one run in ten), and with the terminal side still open
 * there is no end-of-file. node-pty then stops reading 200 ms after the exit,
 * a fixed wait that is also only a guess on a busy machine.
 *
 * Instead, once the program has ended (looked for every few ms) and nothing
 * else in its session holds the terminal, we write an end marker (a random
 * word) into the terminal ourselves. It reaches us through the same queue
 * as the program's output, after all of it: when the marker is read, every
 * byte the program wrote has been read, the marker is taken out, and reading
 * stops there. Where the marker cannot be written (the program left output
 * stopped with Ctrl+S), other processes still hold the terminal, or there is
 * no /proc to see the program end, node-pty's 200 ms wait ends the reading
 * as before.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants as fsConstants, existsSync, openSync, writeSync } from 'node:fs';
import type { IPty } from 'node-pty';
import { readProc, sessionMembers } from '../processes.js';

/** How often to look whether the program has ended. */
const ENDED_POLL_MS = 5;

export interface SlaveHold {
  /** The program's output as read from the PTY with the end marker taken out: every read goes through this. */
  take(data: string): string;
  /** Close our handle (once; later calls do nothing); returns output held back as a possible start of the marker that never came. */
  release(): string;
}

/** Whether processes can be looked at in /proc (Linux): elsewhere the end is left to node-pty's wait. */
const HAS_PROC = existsSync('/proc/self/stat');

/** True once `pid` has exited: gone from /proc, or a zombie waiting to be collected. */
function hasEnded(pid: number): boolean {
  const state = readProc(pid)?.state;
  return state === undefined || state === 'Z' || state === 'X';
}

/** Write what the terminal takes of `bytes` now, never blocking; returns how many it took (0 when it is full or stopped). */
function writeSome(ptsName: string, bytes: Buffer): number {
  let fd: number | undefined;
  try {
    fd = openSync(ptsName, fsConstants.O_WRONLY | fsConstants.O_NOCTTY | fsConstants.O_NONBLOCK);
    return writeSync(fd, bytes);
  } catch {
    return 0;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** End node-pty's reading of the PTY, as its timer does 200 ms after the exit (an internal, reached defensively). */
function stopReading(child: IPty): void {
  (child as unknown as { _socket?: { destroy?: () => void } })._socket?.destroy?.();
}

/** The longest end of `text` that begins `marker` (it may be the first part of a marker split across two reads). */
function markerStartAtEnd(text: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, text.length); n > 0; n--) if (text.endsWith(marker.slice(0, n))) return n;
  return 0;
}

export function holdSlaveOpen(child: IPty): SlaveHold | undefined {
  const ptsName = (child as unknown as { ptsName?: string }).ptsName;
  if (!ptsName) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(ptsName, fsConstants.O_RDWR | fsConstants.O_NOCTTY);
  } catch {
    // The program may already be gone; then there is nothing in flight to lose.
    return undefined;
  }
  // Upper-case letters, digits and hyphens: no terminal output setting (OLCUC, ONLCR, tabs) changes them.
  const marker = `TERMLENS-END-${randomBytes(12).toString('hex').toUpperCase()}`;
  let markerSent = false;
  let held = '';
  const release = () => {
    clearInterval(poll);
    const rest = held;
    held = '';
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    return rest;
  };
  let ended = false;
  let unwritten = Buffer.from(marker);
  const poll = HAS_PROC
    ? setInterval(() => {
        if (!ended) {
          if (!hasEnded(child.pid)) return;
          ended = true;
          // Others in the session may still write: node-pty's wait ends the reading then.
          if (sessionMembers(child.pid).length > 0) return clearInterval(poll);
        }
        // A terminal whose buffer is full takes the marker (or its rest) at a later look.
        const taken = writeSome(ptsName, unwritten);
        if (taken > 0) markerSent = true;
        unwritten = unwritten.subarray(taken);
        if (unwritten.length === 0) clearInterval(poll);
      }, ENDED_POLL_MS).unref()
    : undefined;

  return {
    take(data) {
      if (!markerSent) return data;
      const text = held + data;
      const at = text.indexOf(marker);
      if (at >= 0) {
        held = '';
        markerSent = false;
        // Everything before the marker is the program's; reading stops once this read is handled.
        setImmediate(() => {
          stopReading(child);
          release();
        });
        return text.slice(0, at) + text.slice(at + marker.length);
      }
      const keep = markerStartAtEnd(text, marker);
      held = text.slice(text.length - keep);
      return text.slice(0, text.length - keep);
    },
    release,
  };
}
