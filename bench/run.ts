/**
 * `npm run bench`: render throughput of termlens against (a) ffmpeg alone
 * encoding the same frames, (b) xterm.js in headless Chromium taking
 * screenshots (how VHS captures), and (c) peak memory on a 10-minute
 * recording. Ratios are measured in the same run, so machine speed cancels.
 *
 * Environment: BENCH_SECONDS (default 60) shortens the busy recording,
 * BENCH_LONG_SECONDS (default 600) the long one, BENCH_ROUNDS (default 2)
 * repeats (a) and keeps each side's best time (shared machines are noisy),
 * BENCH_SKIP=rss,chromium,startup,record,after-exit,suite skips parts. The suite measures (shard balance,
 * merge scaling) are in suite.ts.
 *
 * Also start-up: `termlens --version`/`--help` from the compiled package
 * against `node -e 0` (bench/startup.ts; `npm run bench` builds dist/ first),
 * recording a 40 MB flood against `asciinema rec` (bench/record-vs-asciinema.ts),
 * and the demo's stages after its program exits ÷ its recording (bench/after-exit.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCast } from '../src/render/index.js';
import { writeBusyCast } from './busy-cast.js';
import { measureChromium } from './chromium-xterm.js';
import { FfmpegBaselineSink } from './ffmpeg-baseline.js';
import { benchAfterExit, describeAfterExit, type AfterExit } from './after-exit.js';
import { median, raceAsciinema, spread, type RecordRace } from './record-vs-asciinema.js';
import { benchStartup, type StartupFigures } from './startup.js';
import { suiteBenchmark } from './suite.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const LONG_SECONDS = Number(process.env.BENCH_LONG_SECONDS ?? 600);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const COLS = 120;
const ROWS = 36;
const FPS = 30;
const WIDTH = 1920;
const HEIGHT = 1080;
const CHROMIUM_FRAMES = 90;

const TARGETS = { ffmpeg: 0.85, chromium: 8, rssMB: 300, startup: 5, asciinema: 0.8, afterExit: 0.1 };

function log(line: string): void {
  process.stderr.write(line + '\n');
}

async function childRender(cast: string, output: string): Promise<{ frames: number; ms: number; maxRssKB: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./render-child.ts', import.meta.url)), cast, output], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`render child exited with ${code}`))));
  });
}

const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

async function main(): Promise<void> {
  let startup: StartupFigures | undefined;
  if (!SKIP.has('startup')) {
    log('start-up: termlens --version and --help against node -e 0…');
    startup = benchStartup();
  }
  let race: RecordRace | undefined;
  if (!SKIP.has('record')) {
    log('recording a 40 MB flood: termlens record against asciinema rec, alternately…');
    race = await raceAsciinema(40);
  }
  let afterExit: AfterExit | undefined;
  if (!SKIP.has('after-exit')) {
    log('the demo at speed 1 (about 22 s), offline, rendered after and during the recording, alternately: the stages after its program exits…');
    afterExit = benchAfterExit();
  }
  const dir = mkdtempSync(join(tmpdir(), 'termlens-bench-'));
  try {
    const cast = join(dir, 'busy.cast');
    const gen = writeBusyCast(cast, { seconds: SECONDS, cols: COLS, rows: ROWS, seed: 7 });
    log(`busy recording: ${SECONDS} s, ${COLS}×${ROWS}, ${gen.events} events, ${(gen.bytes / 1e6).toFixed(1)} MB of output`);

    // Warm-up: one render into a null sink (fonts parsed, code compiled), so no timed run pays start-up costs.
    await renderCast(cast, { sink: { pixelFormat: 'yuv420p', sendFrame: async () => undefined, finish: async () => undefined, abort: async () => undefined }, manifestPath: join(dir, 'warm.json') });

    let oursMs = Infinity;
    let frameCount = 0;
    let fontSize = 0;
    let baselineMs = Infinity;
    let chunks = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      log(`round ${round}/${ROUNDS}: rendering with termlens (MP4, 1920×1080, 30 fps cap)…`);
      const t0 = performance.now();
      const ours = await renderCast(cast, { output: join(dir, 'busy.mp4'), width: WIDTH, height: HEIGHT, fps: FPS });
      oursMs = Math.min(oursMs, performance.now() - t0);
      frameCount = ours.frameCount;
      fontSize = ours.manifest.fontSize;
      log(`round ${round}/${ROUNDS}: the same frames, from memory, through ffmpeg alone (same arguments and pipe)…`);
      const baseline = new FfmpegBaselineSink({ format: 'mp4', output: join(dir, 'baseline.mp4'), fps: FPS }, WIDTH, HEIGHT);
      await renderCast(cast, { sink: baseline, width: WIDTH, height: HEIGHT, fps: FPS, manifestPath: join(dir, 'baseline.json') });
      if (baseline.frames !== frameCount) throw new Error(`baseline saw ${baseline.frames} frames, termlens ${frameCount}`);
      baselineMs = Math.min(baselineMs, baseline.encodeMs);
      chunks = baseline.chunks;
    }
    const oursFps = frameCount / (oursMs / 1000);
    const ffmpegFps = frameCount / (baselineMs / 1000);

    let chromium: { fps?: number; frames?: number; skipped?: string } = { skipped: 'BENCH_SKIP' };
    if (!SKIP.has('chromium')) {
      log(`xterm.js in headless Chromium, screenshot per frame (${CHROMIUM_FRAMES} frames)…`);
      chromium = await measureChromium(cast, COLS, ROWS, fontSize, FPS, CHROMIUM_FRAMES);
    }

    let rss: { frames: number; ms: number; maxRssKB: number } | undefined;
    if (!SKIP.has('rss')) {
      const long = join(dir, 'long.cast');
      // A long session is mostly quieter than the busy minute: a few updates a second.
      const longGen = writeBusyCast(long, { seconds: LONG_SECONDS, cols: COLS, rows: ROWS, seed: 11, eventsPerSecond: 6 });
      log(`peak memory: rendering a ${LONG_SECONDS / 60}-minute recording (${longGen.events} events) in a child process…`);
      rss = await childRender(long, join(dir, 'long.mp4'));
    }

    const rows: Array<[string, string]> = [
      ['frames (distinct, busy recording)', String(frameCount)],
      [`termlens render → MP4 (best of ${ROUNDS})`, `${(oursMs / 1000).toFixed(1)} s, ${oursFps.toFixed(1)} fps`],
      [`ffmpeg alone, same frames (${chunks} chunk${chunks === 1 ? '' : 's'})`, `${(baselineMs / 1000).toFixed(1)} s, ${ffmpegFps.toFixed(1)} fps`],
      ['xterm.js + Chromium screenshots', chromium.fps ? `${chromium.fps.toFixed(2)} fps (${chromium.frames} frames)` : `skipped: ${chromium.skipped}`],
      ['peak RSS, 10-minute render', rss ? `${(rss.maxRssKB / 1024).toFixed(0)} MB (${rss.frames} frames in ${(rss.ms / 1000).toFixed(0)} s)` : 'skipped'],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    const out: string[] = [
      '',
      `termlens render benchmark: ${SECONDS} s busy recording, ${COLS}×${ROWS}, ${WIDTH}×${HEIGHT}, ${FPS} fps cap, x264 defaults (veryfast, CRF 18)`,
      ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
      '',
    ];
    const a = oursFps / ffmpegFps;
    out.push(`  (a) throughput ÷ ffmpeg alone   ${a.toFixed(2)}  (target ≥ ${TARGETS.ffmpeg})  ${pass(a >= TARGETS.ffmpeg)}`);
    if (chromium.fps) {
      const b = oursFps / chromium.fps;
      out.push(`  (b) fps ÷ xterm.js in Chromium  ${b.toFixed(1)}  (target ≥ ${TARGETS.chromium})  ${pass(b >= TARGETS.chromium)}`);
    } else {
      out.push(`  (b) fps ÷ xterm.js in Chromium  skipped (${chromium.skipped})`);
    }
    if (rss) {
      const mb = rss.maxRssKB / 1024;
      out.push(`  (c) peak RSS, 10-minute render  ${mb.toFixed(0)} MB  (target ≤ ${TARGETS.rssMB} MB)  ${pass(mb <= TARGETS.rssMB)}`);
    } else {
      out.push('  (c) peak RSS, 10-minute render  skipped');
    }
    if (startup) {
      const v = startup.versionMs / startup.nodeMs;
      const h = startup.helpMs / startup.nodeMs;
      out.push(`  (d) --version ÷ node -e 0       ${v.toFixed(2)}  (${startup.versionMs.toFixed(0)} vs ${startup.nodeMs.toFixed(0)} ms; target ≤ ${TARGETS.startup})  ${pass(v <= TARGETS.startup)}`);
      out.push(`      --help ÷ node -e 0          ${h.toFixed(2)}  (${startup.helpMs.toFixed(0)} ms)  ${pass(h <= TARGETS.startup)}`);
    } else {
      out.push('  (d) start-up  skipped');
    }
    if (race) {
      const t = race.termlens;
      const kept = t.charsInCast === t.charsExpected ? `every byte kept in all ${race.rounds} casts` : `MISSING ${t.charsExpected - t.charsInCast} characters`;
      const rss = (x?: number) => (x === undefined ? '? MB' : `${x.toFixed(0)} MB`);
      if (race.asciinema) {
        const r = median(race.ratios);
        out.push(
          `  (e) record speed ÷ asciinema    ${r.toFixed(2)}  (median of ${race.rounds} alternating pairs, spread ${spread(race.ratios).toFixed(2)}; ${t.seconds.toFixed(2)} vs ${race.asciinema.seconds.toFixed(2)} s median for 40 MB; target ≥ ${TARGETS.asciinema})  ${pass(r >= TARGETS.asciinema && t.charsInCast === t.charsExpected)}`,
        );
        out.push(`      ${kept}; peak RSS ${rss(t.peakRssMB)} (asciinema ${rss(race.asciinema.peakRssMB)})`);
      } else {
        out.push(`  (e) record speed ÷ asciinema    skipped: ${race.missing}; termlens ${t.seconds.toFixed(2)} s for 40 MB, ${kept}, peak RSS ${rss(t.peakRssMB)}`);
      }
    } else {
      out.push('  (e) record speed  skipped');
    }
    if (afterExit) {
      out.push(...describeAfterExit(afterExit, TARGETS.afterExit, pass));
    } else {
      out.push('  (f) demo after exit  skipped');
    }
    if (!SKIP.has('suite')) {
      out.push('', 'termlens suite benchmark: shard balance and merge scaling (bench/suite.ts)', ...(await suiteBenchmark()));
    }
    process.stdout.write(out.join('\n') + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
