/** Helpers for the demo target's tests: run it as a real child process and replay what it drew. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VirtualTerminal } from '../../src/terminal/index.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MAIN = 'examples/demo-target/main.ts';

/** The same colour setup on every run, so output bytes compare across runs. */
export const COLOR_ENV = { TERM: 'xterm-256color', COLORTERM: 'truecolor', NO_COLOR: '' };

export interface Chunk {
  /** Milliseconds since the process was spawned. */
  ms: number;
  data: string;
}

export interface DemoRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  chunks: Chunk[];
  /** Milliseconds from spawn to exit. */
  ms: number;
}

export interface RunOptions {
  env?: Record<string, string>;
  /** The working folder. @default the repository */
  cwd?: string;
  /** Kill with SIGKILL after this long; a test that hits it fails on the exit code. @default 60000 */
  killAfterMs?: number;
  /** Called with the child and its output so far whenever output arrives. */
  onOutput?: (child: ReturnType<typeof spawn>, run: DemoRun) => void;
}

/** Runs the demo target with `args` through tsx, stdout a pipe (not a terminal). */
export function runDemo(args: string[], o: RunOptions = {}): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    // tsx by URL and the program by absolute path, so any working folder will do.
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, MAIN), ...args], {
      cwd: o.cwd ?? ROOT,
      env: { ...process.env, ...COLOR_ENV, ...o.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: DemoRun = { code: null, signal: null, stdout: '', stderr: '', chunks: [], ms: 0 };
    const killer = setTimeout(() => child.kill('SIGKILL'), o.killAfterMs ?? 60_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (data: string) => {
      run.stdout += data;
      run.chunks.push({ ms: performance.now() - t0, data });
      o.onOutput?.(child, run);
    });
    child.stderr.on('data', (data: string) => (run.stderr += data));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      Object.assign(run, { code, signal, ms: performance.now() - t0 });
      resolve(run);
    });
  });
}

/** A headless terminal of the given size that has been fed `output`. */
export async function replay(output: string, cols: number, rows: number): Promise<VirtualTerminal> {
  const vt = new VirtualTerminal({ cols, rows, scrollback: 0 });
  await vt.write(output);
  return vt;
}

/** Waits until `check` returns a value (polling), or fails after `ms`. */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, ms = 20_000, what = 'condition'): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
