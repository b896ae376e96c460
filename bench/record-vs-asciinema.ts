/**
 * Recording speed against asciinema: both record the same program (`cat` of
 * a 40 MB file of coloured text) in a fresh process, alternately, BENCH_FLOOD_ROUNDS
 * times (default 3), best time of each kept (shared machines are noisy).
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
  termlens: { seconds: number; peakRssMB?: number; charsInCast: number; charsExpected: number };
  asciinema?: { seconds: number; peakRssMB?: number };
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

export async function raceAsciinema(megabytes = 40, rounds = Number(process.env.BENCH_FLOOD_ROUNDS ?? 3)): Promise<RecordRace> {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  const dir = mkdtempSync(join(tmpdir(), 'termlens-race-'));
  try {
    const flood = join(dir, 'flood.txt');
    const { lines } = writeFlood(flood, megabytes * 1_000_000);
    const ours = join(dir, 'termlens.cast');
    const theirs = join(dir, 'asciinema.cast');
    const missing = hasAsciinema() ? undefined : 'asciinema is not installed (Debian: apt-get install asciinema)';
    let best: RecordRace['termlens'] | undefined;
    let bestTheirs: RecordRace['asciinema'];
    for (let round = 0; round < rounds; round++) {
      const t = timed(process.execPath, [BIN, 'record', '--cols', '80', '--rows', '24', '-o', ours, '--', 'cat', flood]);
      if (!best || t.seconds < best.seconds) best = { ...t, charsInCast: 0, charsExpected: 0 };
      if (!missing) {
        rmSync(theirs, { force: true });
        const a = timed('asciinema', ['rec', '-q', '-c', `cat ${flood}`, theirs]);
        if (!bestTheirs || a.seconds < bestTheirs.seconds) bestTheirs = a;
      }
    }
    // The terminal turns each "\n" into "\r\n": that is what a cast with every byte holds.
    let chars = 0;
    for await (const e of (await openCast(ours)).events) if (e.code === 'o') chars += e.data.length;
    best!.charsInCast = chars;
    best!.charsExpected = megabytes * 1_000_000 + lines;
    return { megabytes, termlens: best!, ...(bestTheirs ? { asciinema: bestTheirs } : {}), ...(missing ? { missing } : {}), rounds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && /record-vs-asciinema\.ts$/.test(process.argv[1]);
if (isMain) {
  const r = await raceAsciinema(Number(process.argv[2] ?? 40));
  const mb = (x?: number) => (x === undefined ? '?' : x.toFixed(0));
  console.log(`termlens record: ${r.termlens.seconds.toFixed(2)} s, peak RSS ${mb(r.termlens.peakRssMB)} MB, ${r.termlens.charsInCast === r.termlens.charsExpected ? 'every byte in the cast' : `MISSING ${r.termlens.charsExpected - r.termlens.charsInCast} characters`}`);
  if (r.asciinema) console.log(`asciinema rec:   ${r.asciinema.seconds.toFixed(2)} s, peak RSS ${mb(r.asciinema.peakRssMB)} MB; speed ratio ${(r.asciinema.seconds / r.termlens.seconds).toFixed(2)}× (best of ${r.rounds})`);
  else console.log(`asciinema: skipped, ${r.missing}`);
}
