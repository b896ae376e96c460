/** Shared by the record tests: temp folders, reading casts back, running the CLI, live processes. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readCast, type CastEvent } from '../../src/cast/index.js';
import { screenAt, snapshotText, type ScreenMoment } from '../../src/terminal/index.js';
import { ROOT, tempDir } from '../helpers/paths.js';

export { ROOT, tempDir };
export const RECORD_FIXTURES = join(ROOT, 'test', 'fixtures', 'record');

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

export { runCli, type CliRun } from '../helpers/cli.js';

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
