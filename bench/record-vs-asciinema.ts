/**
 * Recording speed against asciinema: both record the same program (`cat` of
 * a 40 MB file of coloured text) in a fresh process, alternately, BENCH_FLOOD_ROUNDS
 * times (default 5). The speed ratio (asciinema's time ÷ termlens's) is taken
 * pair by pair, so a machine whose speed drifts still compares like with
 * like; the median of the pairs is the figure, the spread its noise.
 * termlens runs compiled (bin/termlens.js). Also checks that every byte
 * reached termlens's cast and reports each side's peak RSS (with /usr/bin/time).
 *
 *   npx tsx bench/record-vs-asciinema.ts [MEGABYTES]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCast } from '../src/cast/index.js';
import { mulberry32 } from '../test/helpers/seeded-random.js';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'termlens.js');
const TIME = '/usr/bin/time';

export interface RecordRace {
  megabytes: number;
  /** termlens's median time and largest peak RSS over the rounds. */
  termlens: { seconds: number; peakRssMB?: number; charsInCast: number; charsExpected: number };
  /** asciinema's median time and largest peak RSS. */
  asciinema?: { seconds: number; peakRssMB?: number };
  /** asciinema's time ÷ termlens's, one per alternating pair. */
  ratios: number[];
  /** Why asciinema was not measured. */
  missing?: string;
  rounds: number;
}

/** Lines of words, some coloured or bold, as a busy program's log would be. */
function writeFlood(path: string, bytes: number): { lines: number } {
  const rand = mulberry32(40);
  const words = ['alpha', 'beta', '\x1b[32mgreen\x1b[0m', 'gamma', '\x1b[1mbold\x1b[0m', 'delta', 'epsilon', '\x1b[38;5;208morange\x1b[0m', 'zeta', 'eta'];
  const parts: string[] = [];
  let size = 0;
  let lines = 0;
  while (size < bytes) {
    let line = '';
    for (let i = 0; i < 14; i++) line += (i ? ' ' : '') + words[Math.floor(rand() * words.length)];
    line += '\n';
    if (size + line.length > bytes) line = line.slice(0, bytes - size - 1) + '\n';
    parts.push(line);
    size += line.length;
    lines++;
  }
  writeFileSync(path, parts.join(''));
  return { lines };
}

/** Runs a command, returning its wall time and (when /usr/bin/time exists) its peak RSS. */
function timed(command: string, args: string[]): { seconds: number; peakRssMB?: number } {
  const useTime = existsSync(TIME);
  const t0 = performance.now();
  const r = useTime
    ? spawnSync(TIME, ['-f', '%M', command, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const kb = useTime ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  return { seconds, ...(Number.isFinite(kb) ? { peakRssMB: kb / 1024 } : {}) };
}

function hasAsciinema(): boolean {
  return spawnSync('asciinema', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** The middle value (the lower middle of an even count). */
export function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
}

/** Largest minus smallest: the run-to-run noise of a figure. */
export function spread(values: number[]): number {
  return values.length > 1 ? Math.max(...values) - Math.min(...values) : 0;
}

export async function raceAsciinema(megabytes = 40, rounds = Number(process.env.BENCH_FLOOD_ROUNDS ?? 5)): Promise<RecordRace> {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  const dir = mkdtempSync(join(tmpdir(), 'termlens-race-'));
  try {
    const flood = join(dir, 'flood.txt');
    const { lines } = writeFlood(flood, megabytes * 1_000_000);
    const ours = join(dir, 'termlens.cast');
    const theirs = join(dir, 'asciinema.cast');
    const missing = hasAsciinema() ? undefined : 'asciinema is not installed (Debian: apt-get install asciinema)';
    const ourRuns: Array<{ seconds: number; peakRssMB?: number }> = [];
    const theirRuns: Array<{ seconds: number; peakRssMB?: number }> = [];
    const ratios: number[] = [];
    // The terminal turns each "\n" into "\r\n": that is what a cast with every byte holds.
    const charsExpected = megabytes * 1_000_000 + lines;
    let charsInCast = charsExpected;
    for (let round = 0; round < rounds; round++) {
      const t = timed(process.execPath, [BIN, 'record', '--cols', '80', '--rows', '24', '-o', ours, '--', 'cat', flood]);
      ourRuns.push(t);
      // Every round's cast is checked: one that lost bytes fails the row.
      let chars = 0;
      for await (const e of (await openCast(ours)).events) if (e.code === 'o') chars += e.data.length;
      if (chars !== charsExpected) charsInCast = chars;
      if (!missing) {
        rmSync(theirs, { force: true });
        const a = timed('asciinema', ['rec', '-q', '-c', `cat ${flood}`, theirs]);
        theirRuns.push(a);
        ratios.push(a.seconds / t.seconds);
      }
    }
    const summary = (runs: Array<{ seconds: number; peakRssMB?: number }>) => {
      const rss = runs.flatMap((r) => (r.peakRssMB === undefined ? [] : [r.peakRssMB]));
      return { seconds: median(runs.map((r) => r.seconds)), ...(rss.length ? { peakRssMB: Math.max(...rss) } : {}) };
    };
    return {
      megabytes,
      termlens: { ...summary(ourRuns), charsInCast, charsExpected },
      ...(theirRuns.length ? { asciinema: summary(theirRuns) } : {}),
      ratios,
      ...(missing ? { missing } : {}),
      rounds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && /record-vs-asciinema\.ts$/.test(process.argv[1]);
if (isMain) {
  const r = await raceAsciinema(Number(process.argv[2] ?? 40));
  const mb = (x?: number) => (x === undefined ? '?' : x.toFixed(0));
  console.log(`termlens record: ${r.termlens.seconds.toFixed(2)} s (median), peak RSS ${mb(r.termlens.peakRssMB)} MB, ${r.termlens.charsInCast === r.termlens.charsExpected ? 'every byte in the cast' : `MISSING ${r.termlens.charsExpected - r.termlens.charsInCast} characters`}`);
  if (r.asciinema) console.log(`asciinema rec:   ${r.asciinema.seconds.toFixed(2)} s, peak RSS ${mb(r.asciinema.peakRssMB)} MB; speed ratio ${median(r.ratios).toFixed(2)}× (median of ${r.rounds} pairs, spread ${spread(r.ratios).toFixed(2)})`);
  else console.log(`asciinema: skipped, ${r.missing}`);
}
