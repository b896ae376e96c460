/**
 * The recorder's terminal emulator, in a worker thread: it parses the
 * program's output on the other core while the main thread reads the PTY and
 * writes the cast, so a flood is recorded at the speed the disk takes it
 * rather than the speed xterm.js parses it. It answers the program's queries
 * (cursor position, device attributes) through the main thread, reports how
 * much it has parsed (for flow control), and sends the screen when asked.
 * Messages are described in live-screen.ts, its only user.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { VirtualTerminal } from '../terminal/index.js';
import type { ScreenSnapshot, ToScreen } from './live-screen.js';

const port = parentPort!;
const { cols, rows } = workerData as { cols: number; rows: number };
// No scrollback: only the visible screen matters here, and floods scroll a lot.
const terminal = new VirtualTerminal({ cols, rows, scrollback: 0 });
terminal.onReply((data) => port.postMessage({ kind: 'reply', data }));

function snapshot(): ScreenSnapshot {
  return {
    text: terminal.text({ trimEnd: false }),
    cursorLine: terminal.cursorLine({ trimEnd: false }),
    applicationCursorKeys: terminal.applicationCursorKeys,
  };
}

port.on('message', (message: ToScreen) => {
  switch (message.kind) {
    case 'feed':
      terminal.feed(message.data, () => port.postMessage({ kind: 'parsed', chars: message.data.length }));
      break;
    case 'resize':
      // After what was fed before it, as the PTY saw them.
      terminal.feed('', () => terminal.resize(message.cols, message.rows));
      break;
    case 'settle':
      terminal.feed('', () => port.postMessage({ kind: 'snapshot', id: message.id, screen: snapshot() }));
      break;
  }
});
