/**
 * `termlens tape FILE.tape`: run a VHS tape with termlens's own recorder and
 * renderer (or, with --backend vhs, with VHS itself). A tape with errors
 * exits 1 before anything runs; warnings name their line and go to stderr.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { displayPath } from '../../errors/index.js';
import { MAX_DURATION_MS, parseEnvAssignments } from '../../record/index.js';
import { prepareTape, readTapeFile, runTape, type TapeProgress } from '../../tape/index.js';
import { recordWithVhs } from '../../vhs/index.js';
import { RECORD_DEFAULTS } from '../../record/defaults.js';
import { choiceFlag, durationFlag } from '../parse.js';

interface TapeFlags {
  outDir?: string;
  cast?: string;
  cwd?: string;
  env?: string[];
  timeout: number;
  backend: 'pty' | 'vhs';
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function progressLine(p: TapeProgress): string | undefined {
  if (p.phase === 'render') return undefined;
  return `${p.phase}: ${p.detail}`;
}

export function register(program: Command): void {
  program
    .command('tape')
    .description('Run a VHS tape: record it through a PTY and write its outputs (video, frames, screenshots, screen text) with the native renderer.')
    .argument('<file>', 'a .tape file')
    .option('--out-dir <dir>', 'where relative Output and Screenshot paths and the cast go (default: the current folder)')
    .option('--cast <file>', 'where the recording goes (default: <out-dir>/<tape name>.cast)')
    .option('--cwd <dir>', "the shell's working directory (default: the current folder)")
    .addOption(new Option('--env <NAME=VALUE>', 'set a variable for the shell (repeatable; the tape\'s Env wins)').argParser(collect))
    .addOption(new Option('--timeout <duration>', 'stop the recording after this long, e.g. 90s or 10m (0 for never)').argParser(durationFlag('--timeout')).default(RECORD_DEFAULTS.timeout * 1000, `${RECORD_DEFAULTS.timeout}s`))
    .addOption(new Option('--backend <name>', 'pty (termlens records and renders) or vhs (run the vhs program on the tape)').argParser(choiceFlag('--backend', ['pty', 'vhs'] as const)).default('pty'))
    .action(async (file: string, flags: TapeFlags) => {
      const controller = new AbortController();
      const onSignal = () => {
        if (controller.signal.aborted) return;
        process.stderr.write('\ntermlens tape: stopping and keeping the recording so far…\n');
        controller.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        // Parse first: a broken tape exits 1 before anything runs, and warnings show up front.
        const loaded = readTapeFile(file);
        for (const w of prepareTape(loaded).warningText) process.stderr.write(`${w}\n`);
        if (flags.backend === 'vhs') {
          const { tape } = loaded;
          const outDir = resolve(flags.outDir ?? process.cwd());
          const mp4 = tape.outputs.find((o) => o.kind === 'mp4')?.path ?? 'out.mp4';
          const result = await recordWithVhs({
            tapeText: readFileSync(file, 'utf8'),
            tapeFile: file,
            outputMp4: resolve(outDir, mp4),
            workDir: outDir,
            cwd: flags.cwd ?? dirname(resolve(file)),
            timeoutMs: flags.timeout || MAX_DURATION_MS,
            signal: controller.signal,
          });
          for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
          process.stdout.write(`wrote ${displayPath(result.video)} (VHS, ${(result.durationMs / 1000).toFixed(1)} s)\n`);
          return;
        }
        const result = await runTape(file, {
          ...(flags.outDir ? { outDir: flags.outDir } : {}),
          ...(flags.cast ? { cast: flags.cast } : {}),
          ...(flags.cwd ? { cwd: flags.cwd } : {}),
          env: parseEnvAssignments(flags.env ?? []),
          timeoutMs: flags.timeout,
          signal: controller.signal,
          onProgress: (p) => {
            const line = progressLine(p);
            if (line) process.stderr.write(`${line}\n`);
          },
        });
        process.stdout.write(`recorded ${displayPath(result.cast)}\n`);
        for (const out of result.outputs) process.stdout.write(`wrote ${displayPath(out)}\n`);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
