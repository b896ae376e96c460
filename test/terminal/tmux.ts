/**
 * Drives tmux as an independent terminal for parity tests: runs a shell
 * script in a detached pane of a fixed size on a private server, waits until
 * it is done (or its screen settles on an expected pattern), and captures
 * the pane as text and as ANSI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export function tmuxAvailable(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

let servers = 0;

export interface TmuxRun {
  cols: number;
  rows: number;
  /** A folder for the config and the exit-status file. */
  dir: string;
  cwd: string;
  /** The shell script to run (by sh). */
  script: string;
  env: Record<string, string>;
  /** Capture once this matches the screen text (full-screen programs); otherwise once the script has exited. */
  ready?: RegExp;
  /** @default 20000 */
  timeoutMs?: number;
}

export interface TmuxCapture {
  text: string;
  ansi: string;
}

/** Text as `capture-pane -p` prints it, with trailing blanks and blank rows trimmed. */
export function normaliseScreen(text: string): string {
  const lines = text.split('\n').map((l) => l.replace(/\s+$/u, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/**
 * Run the script in tmux and capture the pane. The pane's shell keeps the
 * pane open after the script ends (`exec sleep`), which prints nothing, so
 * the screen is exactly what the script left.
 */
export async function captureInTmux(run: TmuxRun): Promise<TmuxCapture> {
  const socket = `termlens-test-${process.pid}-${++servers}`;
  const config = join(run.dir, `tmux-${servers}.conf`);
  const scriptFile = join(run.dir, `tmux-${servers}.sh`);
  const doneFile = join(run.dir, `tmux-${servers}.done`);
  // Status line off before the session exists, so the pane is exactly cols × rows.
  writeFileSync(config, 'set -g status off\nset -g default-terminal xterm-256color\nset -g history-limit 0\n');
  writeFileSync(scriptFile, run.script);
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const envArgs = Object.entries(run.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  try {
    execFileSync('tmux', ['-L', socket, '-f', config, 'new-session', '-d', '-s', 'main', '-x', String(run.cols), '-y', String(run.rows), '-c', run.cwd, ...envArgs, `sh ${scriptFile}; echo $? > ${doneFile}; exec sleep 100000`], {
      stdio: 'ignore',
      env: { ...process.env, ...run.env, TMUX: '' },
    });
    const deadline = Date.now() + (run.timeoutMs ?? 20_000);
    let last = '';
    let stableSince = Date.now();
    for (;;) {
      const text = tmux('capture-pane', '-p', '-t', 'main');
      if (text !== last) {
        last = text;
        stableSince = Date.now();
      }
      const reached = run.ready ? run.ready.test(normaliseScreen(text)) : existsSync(doneFile);
      // Settled: the condition holds and nothing changed for 400 ms.
      if (reached && Date.now() - stableSince >= 400) break;
      if (Date.now() > deadline) throw new Error(`tmux: the program did not ${run.ready ? `show ${run.ready}` : 'finish'} in time; the pane showed:\n${text}`);
      await delay(100);
    }
    return { text: normaliseScreen(last), ansi: tmux('capture-pane', '-p', '-e', '-t', 'main') };
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
  }
}
