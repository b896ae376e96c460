/**
 * runTape: what `termlens tape FILE.tape` does. Record the tape with the
 * node-pty recorder, then write every output it names — videos and PNG
 * frames through the native renderer, screenshots, and the screen text
 * after each command — the way VHS would have.
 */
import { mkdir } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { TermlensError } from '../errors/index.js';
import { recordFailure } from '../record/index.js';
import { renderCast } from '../render/index.js';
import { readTapeFile, recordTape, type TapeRecording } from './run-record.js';
import { screenTexts, writeScreenshots, writeTextOutputs } from './run-render.js';
import type { TapeDiagnostic } from './types.js';

export type TapeProgress =
  | { phase: 'record'; detail: string }
  | { phase: 'render'; output: string; framesDone: number; time: number; duration: number }
  | { phase: 'screenshot' | 'text'; detail: string };

export interface RunTapeOptions {
  /** Where relative Output and Screenshot paths, and the cast, are written. @default process.cwd() */
  outDir?: string;
  /** The shell's working directory. @default process.cwd() */
  cwd?: string;
  /** Where the recording's cast goes. @default <outDir>/<tape name>.cast */
  cast?: string;
  /** Variables for the shell (under the tape's `Env`). @default {} */
  env?: Record<string, string>;
  /** Stop the recording after this many ms; 0 for never. @default 300000 */
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: TapeProgress) => void;
}

export interface RunTapeResult {
  /** The cast, absolute. */
  cast: string;
  /** session.json beside it. */
  session: string;
  /** Every file written for the tape's Output and Screenshot lines, absolute, in tape order. */
  outputs: string[];
  /** Every warning, formatted with file:line:column and the source line. */
  warnings: string[];
  diagnostics: TapeDiagnostic[];
  recording: TapeRecording;
}

/** VHS writes out.gif when a tape names no output. */
const DEFAULT_OUTPUT = 'out.gif';

/**
 * Run a tape. A tape with errors throws a TapeSyntaxError (exit 1) before
 * anything runs; a failed recording (a Wait that timed out, the shell gone)
 * throws its error after the cast is kept, and renders nothing.
 */
export async function runTape(file: string, options: RunTapeOptions = {}): Promise<RunTapeResult> {
  const loaded = readTapeFile(file);
  const outDir = resolve(options.outDir ?? process.cwd());
  const place = (p: string) => (isAbsolute(p) ? p : join(outDir, p));
  const cast = resolve(options.cast ?? join(outDir, `${basename(file, extname(file)) || 'tape'}.cast`));
  await mkdir(outDir, { recursive: true });

  options.onProgress?.({ phase: 'record', detail: `recording ${file}` });
  const recording = await recordTape(loaded, {
    cast,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const failure = recordFailure(recording);
  if (failure) throw failure;

  const outputs: string[] = [];
  const declared = recording.tape.outputs.length > 0 ? recording.tape.outputs : [{ path: DEFAULT_OUTPUT, kind: 'gif' as const }];
  const texts: string[] = [];
  for (const out of declared) {
    const target = place(out.path);
    if (out.kind === 'text') {
      texts.push(target);
      continue;
    }
    throwIfAborted(options.signal);
    const progress = (p: { framesDone: number; time: number; duration: number }) =>
      options.onProgress?.({ phase: 'render', output: target, framesDone: p.framesDone, time: p.time, duration: p.duration });
    if (out.kind === 'frames') {
      await renderCast(cast, { ...recording.render, framesDir: target, onProgress: progress, ...(options.signal ? { signal: options.signal } : {}) });
    } else {
      await mkdir(resolve(target, '..'), { recursive: true });
      await renderCast(cast, {
        ...recording.render,
        output: target,
        // Several videos may share a folder; each keeps its own manifest.
        manifestPath: `${target}.json`,
        onProgress: progress,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    }
    outputs.push(target);
  }

  if (texts.length > 0) {
    options.onProgress?.({ phase: 'text', detail: texts.join(', ') });
    await writeTextOutputs(await screenTexts(cast, recording.roles), texts);
    outputs.push(...texts);
  }
  if (recording.roles.some((r) => r.tape === 'screenshot')) {
    options.onProgress?.({ phase: 'screenshot', detail: 'screenshots' });
    outputs.push(...(await writeScreenshots(cast, recording.roles, recording.render, place, options.signal)));
  }
  return { cast: recording.castPath, session: recording.sessionPath, outputs, warnings: recording.warningText, diagnostics: recording.warnings, recording };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TermlensError('interrupted', { code: 'interrupted', stage: 'tape', hint: 'The recording was kept; run the tape again for its outputs.' });
}
