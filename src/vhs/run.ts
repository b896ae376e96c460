/**
 * recordWithVhs: hand a tape to the `vhs` program and get its MP4 back. The
 * tape is written into the work folder first and stays there; when VHS
 * fails, times out or is interrupted, its stdout and stderr are kept beside
 * it (vhs.stdout.log, vhs.stderr.log) and the error carries the tail.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TermlensError, quote } from '../errors/index.js';
import { vhsArgs, vhsTapeForCommand, vhsTapeFromText, type VhsTape, type VhsTapeSource } from './tape-text.js';
import { findVhsTools } from './tools.js';

/** @default for VHS runs with no timeout given: ten minutes. */
export const DEFAULT_VHS_TIMEOUT_MS = 600_000;
const GRACE_MS = 3_000;
const TAIL_CHARS = 4000;

export interface RecordWithVhsOptions {
  /** A whole tape to run; its Output lines are replaced by `outputMp4`. Give this or `config`. */
  tapeText?: string;
  /** The tape's file name, for messages. @default "<tape>" */
  tapeFile?: string;
  /** Or: what to record, written as the reference tape. */
  config?: VhsTapeSource;
  /** The MP4 VHS writes (absolute or relative to `workDir`). */
  outputMp4: string;
  /** Where the tape and logs go, and VHS's working directory unless `cwd` is given. Created if missing. */
  workDir: string;
  /** VHS's working directory (relative paths in the tape). @default workDir */
  cwd?: string;
  /** Stop VHS after this long. @default 600000 */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The environment VHS inherits. @default process.env */
  env?: NodeJS.ProcessEnv;
}

export interface VhsRecording {
  /** The MP4, absolute. */
  video: string;
  /** The tape VHS ran, absolute. */
  tape: string;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** What the tape could not carry over (a theme file, replaced outputs). */
  warnings: string[];
}

interface ProcessOutcome {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  ended: 'exited' | 'timed-out' | 'interrupted';
}

/** The one runner for VHS: its own process group, so a timeout also stops the ttyd and browser it started. */
function runVhs(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number, signal?: AbortSignal): Promise<ProcessOutcome> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let ended: ProcessOutcome['ended'] = 'exited';
    child.stdout.on('data', (c: Buffer) => (stdout = (stdout + c.toString('utf8')).slice(-1_000_000)));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-1_000_000)));
    const kill = (why: ProcessOutcome['ended']) => {
      if (ended !== 'exited' || child.exitCode !== null) return;
      ended = why;
      const group = (sig: NodeJS.Signals) => {
        // No pid: the spawn itself failed, and its error event ends the run.
        if (child.pid === undefined) return;
        try {
          process.kill(-child.pid, sig);
        } catch {
          // Already gone.
        }
      };
      group('SIGTERM');
      setTimeout(() => group('SIGKILL'), GRACE_MS).unref();
    };
    const timer = setTimeout(() => kill('timed-out'), timeoutMs);
    const onAbort = () => kill('interrupted');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (cause) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(new TermlensError(`could not start ${quote(command)}: ${cause.message}`, { code: 'missing-tool', stage: 'record', cause }));
    });
    child.on('close', (exitCode, sig) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolvePromise({ exitCode, signal: sig, stdout, stderr, durationMs: Date.now() - started, ended });
    });
  });
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Record with VHS. Throws `missing-tool` (exit 2) before anything runs when
 * vhs or ttyd is missing, a TapeSyntaxError (exit 1) for a broken tape,
 * `timeout` (3), `interrupted` (4) or `execution` (2) when VHS does not
 * produce the video.
 */
export async function recordWithVhs(options: RecordWithVhsOptions): Promise<VhsRecording> {
  const workDir = resolve(options.workDir);
  const video = resolve(workDir, options.outputMp4);
  let tape: VhsTape;
  if (options.tapeText !== undefined) tape = vhsTapeFromText(options.tapeText, video, options.tapeFile);
  else if (options.config) tape = vhsTapeForCommand(options.config, video);
  else throw new TermlensError('recordWithVhs needs a tape or a command to record', { code: 'usage', stage: 'record', hint: 'Pass tapeText or config.' });
  if (options.signal?.aborted) throw new TermlensError('interrupted before VHS started', { code: 'interrupted', stage: 'record' });

  const env = options.env ?? process.env;
  const tools = findVhsTools(env.PATH);
  mkdirSync(workDir, { recursive: true });
  const tapePath = join(workDir, 'vhs.tape');
  writeFileSync(tapePath, tape.text);
  rmSync(video, { force: true });

  const args = vhsArgs(tapePath);
  const timeoutMs = options.timeoutMs ?? DEFAULT_VHS_TIMEOUT_MS;
  const run = await runVhs(tools.vhs, args, resolve(options.cwd ?? workDir), { ...env, PATH: tools.path }, timeoutMs, options.signal);
  const ok = run.ended === 'exited' && run.exitCode === 0 && sizeOf(video) > 0;
  if (ok) return { video, tape: tapePath, stdout: run.stdout, stderr: run.stderr, durationMs: run.durationMs, warnings: tape.warnings };

  writeFileSync(join(workDir, 'vhs.stdout.log'), run.stdout);
  writeFileSync(join(workDir, 'vhs.stderr.log'), run.stderr);
  const kept = `The tape and VHS's output were kept: ${tapePath}, ${join(workDir, 'vhs.stdout.log')}, ${join(workDir, 'vhs.stderr.log')}.`;
  const subprocess = { command: tools.vhs, args, exitCode: run.exitCode, signal: run.signal, stderrTail: (run.stderr || run.stdout).slice(-TAIL_CHARS), durationMs: run.durationMs };
  if (run.ended === 'timed-out') {
    throw new TermlensError(`VHS was still running after ${Math.round(timeoutMs / 1000)} s, so it was stopped`, {
      code: 'timeout',
      stage: 'record',
      hint: `${kept} Raise the timeout, or use the default backend (--backend pty), which records faster.`,
      subprocess,
    });
  }
  if (run.ended === 'interrupted') {
    throw new TermlensError('interrupted; VHS was stopped', { code: 'interrupted', stage: 'record', hint: kept, subprocess });
  }
  const why = run.exitCode === 0 ? `exited 0 but wrote no video at ${quote(video)}` : 'failed';
  throw new TermlensError(`vhs ${why}`, {
    code: 'execution',
    stage: 'record',
    hint: `${kept} VHS's common failures: the browser failing to start (sandbox as root, missing libraries), ttyd or ffmpeg too old. Or use the default backend (--backend pty).`,
    subprocess,
  });
}
