import { test } from 'node:test';
import assert from 'node:assert/strict';
import pty from 'node-pty';
import { VirtualTerminal } from '../../src/terminal/index.js';
import { COLOR_ENV, MAIN, ROOT } from './demo-target-run.js';

interface TtyRun {
  exitCode: number;
  /** Output, split where the terminal was resized. */
  parts: string[];
}

/** Runs the demo target in a real pseudo-terminal. `act` may resize it or type into it. */
function runInTerminal(args: string[], cols: number, rows: number, act?: (p: pty.IPty, output: () => string, cut: () => void) => void): Promise<TtyRun> {
  return new Promise((resolve) => {
    const p = pty.spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: ROOT,
      env: { ...process.env, ...COLOR_ENV } as Record<string, string>,
    });
    const parts = [''];
    p.onData((d) => {
      parts[parts.length - 1] += d;
      act?.(p, () => parts.join(''), () => parts.push(''));
    });
    p.onExit(({ exitCode }) => setTimeout(() => resolve({ exitCode, parts }), 50));
  });
}

async function screen(parts: string[], sizes: Array<[number, number]>): Promise<VirtualTerminal> {
  const vt = new VirtualTerminal({ cols: sizes[0]![0], rows: sizes[0]![1], scrollback: 0 });
  for (const [i, part] of parts.entries()) {
    if (i > 0) vt.resize(...sizes[i]!);
    await vt.write(part);
  }
  return vt;
}

test('in a real terminal it takes the terminal size, redraws in place and leaves the summary under the final screen', async () => {
  const run = await runInTerminal(['--speed', '20'], 100, 30);
  assert.equal(run.exitCode, 0);
  const out = run.parts.join('');
  assert.ok(out.includes('\x1b[?25l') && out.includes('\x1b[?25h'));
  const vt = await screen(run.parts, [[100, 30]]);
  const lines = vt.text().split('\n');
  assert.match(lines[0]!, /^╭─{98}╮$/, 'the header is still on the top row: nothing scrolled');
  assert.match(lines[28]!, /^✅ Coordination complete/);
  assert.equal(vt.snapshot().cursor.y, 29, 'the cursor waits on the last row for the shell prompt');
  vt.dispose();
});

test('it reflows to the new size when the terminal is resized', async () => {
  let resized = false;
  const run = await runInTerminal(['--speed', '8'], 120, 36, (p, output, cut) => {
    if (!resized && output().includes('Phase 1/3')) {
      resized = true;
      cut();
      p.resize(84, 26);
    }
  });
  assert.equal(run.exitCode, 0);
  assert.equal(run.parts.length, 2);
  const vt = await screen(run.parts, [[120, 36], [84, 26]]);
  const lines = vt.text().split('\n');
  assert.match(lines[0]!, /^╭─{82}╮$/);
  assert.match(lines[24]!, /^✅ Coordination complete/);
  vt.dispose();
});

test('Ctrl+C restores the terminal and exits 4', async () => {
  let sent = false;
  const run = await runInTerminal(['--speed', '1'], 100, 30, (p, output) => {
    if (!sent && output().includes('agent_a')) {
      sent = true;
      p.write('\x03');
    }
  });
  assert.equal(run.exitCode, 4);
  const out = run.parts.join('');
  assert.ok(out.lastIndexOf('\x1b[?25h') > out.lastIndexOf('\x1b[?25l'), 'cursor shown again');
  assert.ok(out.includes('\x1b[?7h'), 'autowrap restored');
});

test('with --alt-screen it draws on the alternate screen and leaves only the summary behind', async () => {
  const run = await runInTerminal(['--speed', '20', '--alt-screen'], 100, 30);
  assert.equal(run.exitCode, 0);
  const vt = await screen(run.parts, [[100, 30]]);
  const snap = vt.snapshot();
  assert.equal(snap.altScreen, false);
  assert.match(vt.text(), /^✅ Coordination complete/);
  assert.doesNotMatch(vt.text(), /VOTING RESULTS/);
  vt.dispose();
});
