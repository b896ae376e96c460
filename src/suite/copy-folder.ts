/**
 * Copying a scenario folder into a merged suite. Videos, casts and images are
 * most of its bytes and termlens never edits them after the run that made
 * them, so they are hard-linked when both folders are on one disk (a merge
 * then costs the same per scenario however many there are, instead of
 * rewriting every video); everything else — and everything across disks —
 * is copied, so rewriting a merged page or scorecard never touches a shard.
 */
import { copyFile, link, mkdir, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';

const LINKED = new Set(['.mp4', '.webm', '.gif', '.png', '.jpg', '.jpeg', '.webp', '.cast']);

export async function copyScenarioFolder(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    const dest = join(to, entry.name);
    if (entry.isDirectory()) await copyScenarioFolder(src, dest);
    else if (!entry.isFile()) continue;
    else if (LINKED.has(extname(entry.name).toLowerCase())) await link(src, dest).catch(() => copyFile(src, dest));
    else await copyFile(src, dest);
  }
}
