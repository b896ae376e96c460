/** Runs the real termlens command line in a child process, as a user or an agent would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './paths.js';

export { ROOT };

/**
 * How tests start termlens: the TypeScript sources through tsx, so a test always
 * runs the code as it is now, never a stale dist/ (bin/termlens.js runs dist/;
 * test/package/ builds and installs the package to test that path). tsx is named
 * by its full address because the child may start in a folder without node_modules.
 */
export const CLI = ['--import', import.meta.resolve('tsx'), join(ROOT, 'src', 'cli', 'main.ts')];

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Sees the output so far as it grows, and may act on the child (e.g. send it a signal). */
  onOutput?: (out: { stdout: string; stderr: string }, child: ChildProcess) => void;
  /** A command line run before termlens, which runs termlens as its arguments (e.g. a shell setting a limit). */
  prefix?: string[];
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const argv = [...(options.prefix ?? []), process.execPath, ...CLI, ...args];
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = { stdout: '', stderr: '' };
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out.stdout += d;
      options.onOutput?.(out, child);
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      out.stderr += d;
      options.onOutput?.(out, child);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, ...out }));
  });
}
