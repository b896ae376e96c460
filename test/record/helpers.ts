/** Shared by the record tests: temp folders, reading casts back, running the CLI. */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCast, type CastEvent } from '../../src/cast/index.js';
import { screenAt, snapshotText, type ScreenMoment } from '../../src/terminal/index.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RECORD_FIXTURES = join(ROOT, 'test', 'fixtures', 'record');

export function tempDir(prefix = 'termlens-record-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Read a whole cast; throws (failing the test) if it is not a valid cast. */
export async function castEvents(path: string): Promise<CastEvent[]> {
  return (await readCast(path)).events;
}

export async function markersOf(path: string): Promise<string[]> {
  return (await castEvents(path)).filter((e) => e.code === 'm').map((e) => e.data);
}

export async function screenText(path: string, moment: ScreenMoment = { end: true }): Promise<string> {
  return snapshotText((await screenAt(path, moment)).snapshot);
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the termlens CLI in a child process. `onStderr` sees stderr as it
 * arrives, with the child, so a test can signal it at the right moment.
 */
export function runCli(args: string[], options: { onStderr?: (text: string, child: ReturnType<typeof spawn>) => void; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      options.onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * Processes of a process group that are still alive (zombies, which only
 * wait for their parent to collect them, do not count). Reads /proc, so Linux only.
 */
export function liveProcessesInGroup(pgid: number): number[] {
  const live: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses, so split after the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') live.push(Number(name));
  }
  return live;
}
