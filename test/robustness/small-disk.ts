/**
 * A small disk for the fault tests: a real tmpfs of the given size when this
 * process may mount one (root, as in CI), else a file size limit (`ulimit -f`)
 * on the termlens process, which fails writes with EFBIG the same way. The
 * test skips, saying why, only when neither is possible.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { runCli, type CliOptions, type CliRun } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';

export interface SmallDisk {
  /** A folder on the small disk (or under the size limit). */
  dir: string;
  how: 'tmpfs' | 'ulimit -f';
  /** Run termlens with the limit in force. */
  cli(args: string[], options?: CliOptions): Promise<CliRun>;
}

function tryMount(dir: string, bytes: number): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'pipe' });
    return undefined;
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim();
  }
}

export async function smallDisk(t: TestContext, bytes: number): Promise<SmallDisk | undefined> {
  const base = await tempDir('termlens-small-disk-');
  const dir = join(base, 'small');
  mkdirSync(dir);
  const mountError = tryMount(dir, bytes);
  if (mountError === undefined) {
    t.after(() => {
      spawnSync('umount', ['-l', dir]);
    });
    return { dir, how: 'tmpfs', cli: (args, options) => runCli(args, options) };
  }
  // `ulimit -f` counts 512-byte blocks in sh.
  const blocks = String(Math.floor(bytes / 512));
  const probe = spawnSync('sh', ['-c', `ulimit -f ${blocks} && ulimit -f`], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === blocks) {
    const prefix = ['sh', '-c', `ulimit -f ${blocks} && exec "$@"`, 'sh'];
    return { dir, how: 'ulimit -f', cli: (args, options) => runCli(args, { ...options, prefix }) };
  }
  t.skip(`no small disk: cannot mount a tmpfs (${mountError}) nor set ulimit -f`);
  return undefined;
}
