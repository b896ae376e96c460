/**
 * The recorder's terminal emulator, in a worker thread: it reads the cast the
 * main thread writes, from where it stopped up to where it is asked to,
 * feeds the output (and resizes) to the emulator, and sends the screen back.
 * It answers the program's queries (cursor position, device attributes)
 * through the main thread. Reading the cast rather than taking the output
 * in messages lets it lag behind a flood at no cost in memory, and lets the
 * main thread skip parsing altogether while nothing needs the screen.
 * Messages are described in live-screen.ts, its only user.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseEventLine } from '../cast/reader.js';
import { VirtualTerminal, parseResize } from '../terminal/index.js';
import type { ScreenSnapshot, ScreenWorkerData, ToScreen } from './live-screen.js';

const port = parentPort!;
const { castPath, start, cols, rows } = workerData as ScreenWorkerData;
// No scrollback: only the visible screen matters here, and floods scroll a lot.
const terminal = new VirtualTerminal({ cols, rows, scrollback: 0 });
terminal.onReply((data) => port.postMessage({ kind: 'reply', data }));

/** Bytes read at a time: enough for any one event (256K characters of output, at most 6 bytes each as JSON). */
const CHUNK = 2 << 20;
const fd = openSync(castPath, 'r');
const buffer = Buffer.alloc(CHUNK);
/** Bytes of the cast read so far, whole lines only. */
let position = start;
let lineNo = 1;

/** The next whole lines from `position`, ending at or before `upTo`; empty once there. */
function readLines(upTo: number): string[] {
  if (position >= upTo) return [];
  let bytes = readSync(fd, buffer, 0, Math.min(CHUNK, upTo - position), position);
  // Decode whole lines only: a line cut by the chunk (or still being written) is read again next time.
  let end = buffer.lastIndexOf(0x0a, bytes - 1) + 1;
  if (end === 0 && bytes === CHUNK) {
    // A line longer than the chunk: read it whole.
    const big = Buffer.alloc(upTo - position);
    bytes = readSync(fd, big, 0, big.length, position);
    end = big.lastIndexOf(0x0a, bytes - 1) + 1;
    position += end;
    return big.toString('utf8', 0, end).split('\n').slice(0, -1);
  }
  position += end;
  return buffer.toString('utf8', 0, end).split('\n').slice(0, -1);
}

function snapshot(): ScreenSnapshot {
  return {
    text: terminal.text({ trimEnd: false }),
    cursorLine: terminal.cursorLine({ trimEnd: false }),
    applicationCursorKeys: terminal.applicationCursorKeys,
  };
}

/** Read and apply the cast up to byte `upTo`, one chunk parsed before the next is read, so memory stays small. */
async function catchUp(upTo: number): Promise<void> {
  for (;;) {
    const lines = readLines(upTo);
    if (lines.length === 0) return;
    for (const line of lines) {
      lineNo++;
      const event = parseEventLine(line, castPath, lineNo);
      if (event.code === 'o') void terminal.write(event.data);
      else if (event.code === 'r') {
        const size = parseResize(event.data);
        // After the output before it, as the PTY saw them.
        if (size) await terminal.write('').then(() => terminal.resize(size.cols, size.rows));
      }
    }
    await terminal.write('');
  }
}

// One request at a time, in the order they came.
let queue = Promise.resolve();
port.on('message', (message: ToScreen) => {
  queue = queue
    .then(async () => {
      await catchUp(message.upTo);
      port.postMessage({ kind: 'caught-up', id: message.id, screen: snapshot() });
    })
    .catch((error: unknown) => {
      // A cast that cannot be read ends the worker; the main thread reports why.
      closeSync(fd);
      setImmediate(() => {
        throw error;
      });
    });
});
