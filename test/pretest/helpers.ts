/** Shared by the pre-test tests: temp folders, whether a process still runs, the demo target's command line. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPretest, type PretestOptions, type PretestResult } from '../../src/pretest/index.js';
import { ROOT, tempDir } from '../helpers/paths.js';

export { ROOT, tempDir };
export const FAKE = join(ROOT, 'test', 'fixtures', 'pretest', 'fake-automation.mjs');

/** Running (a zombie, which only waits to be reaped, counts as gone). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/** tsx's loader by URL, so the demo target runs from any working folder. */
const TSX = import.meta.resolve('tsx');

/** The demo target in automation mode, fast, run by node directly (no npx start-up), from any working folder. */
export function demoCommand(args: string): string {
  return `exec node --import ${TSX} ${join(ROOT, 'examples', 'demo-target', 'main.ts')} --automation --speed 10 --status-interval 0.2 ${args}`;
}

/** A pre-test with quick polling and short graces, as tests want. */
export function pretest(options: PretestOptions, control: Parameters<typeof runPretest>[1] = {}): Promise<PretestResult> {
  return runPretest({ pollIntervalMs: 100, killGraceMs: 1000, cwd: ROOT, ...options }, control);
}
