/**
 * The bundled ffmpeg and ffprobe, and the one runner every stage uses to call
 * them: a non-zero exit is a TermlensError carrying the command and the tail of
 * stderr, never something dropped on the floor.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { TermlensError, type Stage } from '../errors/index.js';

const require = createRequire(import.meta.url);

/** Path of the ffmpeg binary shipped by @ffmpeg-installer/ffmpeg; TERMLENS_FFMPEG overrides. */
export function ffmpegPath(): string {
  return process.env.TERMLENS_FFMPEG || (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

/** Path of the ffprobe binary shipped by @ffprobe-installer/ffprobe; TERMLENS_FFPROBE overrides. */
export function ffprobePath(): string {
  return process.env.TERMLENS_FFPROBE || (require('@ffprobe-installer/ffprobe') as { path: string }).path;
}

const STDERR_TAIL_CHARS = 4000;

export interface RunResult {
  stdout: Buffer;
  stderr: string;
  durationMs: number;
}

export interface RunOptions {
  stage: Stage;
  /** Bytes written to the child's stdin, then closed. */
  input?: Buffer;
  /** Called with each stdout chunk instead of collecting it. */
  onStdout?: (chunk: Buffer) => void;
  hint?: string;
}

/** Run a binary to completion; reject with a TermlensError on a non-zero exit or a spawn failure. */
export function runTool(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (options.onStdout ? options.onStdout(chunk) : out.push(chunk)));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
    });
    child.on('error', (cause) =>
      reject(
        new TermlensError(`could not start ${command}: ${cause.message}`, {
          code: 'missing-tool',
          stage: options.stage,
          hint: 'Reinstall the dependencies with `npm install` so the bundled ffmpeg is present.',
          cause,
        }),
      ),
    );
    child.on('close', (exitCode, signal) => {
      const durationMs = Date.now() - started;
      if (exitCode === 0) return resolve({ stdout: Buffer.concat(out), stderr, durationMs });
      reject(
        new TermlensError(`${command.split('/').pop()} failed`, {
          code: 'execution',
          stage: options.stage,
          hint: options.hint,
          subprocess: { command, args, exitCode, signal, stderrTail: stderr.slice(-1500), durationMs },
        }),
      );
    });
    child.stdin.on('error', () => {
      /* the child may exit before reading all input; its exit status tells the story */
    });
    child.stdin.end(options.input);
  });
}

export interface VideoProbe {
  width: number;
  height: number;
  codec: string;
  pixFmt: string;
  duration: number;
  /** Presentation time of every frame, seconds. */
  frameTimes: number[];
}

/**
 * Stream facts and every frame's time, from ffprobe. The times are read from
 * the packets, which ffprobe lists without decoding the video (asking for
 * frames decodes all of it, as long again as the frames stage's own work);
 * sorted, packet times are presentation times, B-frames or not.
 */
export async function probeVideo(path: string, stage: Stage = 'frames'): Promise<VideoProbe> {
  const args = [
    '-v', 'error', '-select_streams', 'v:0',
    '-show_entries', 'stream=width,height,codec_name,pix_fmt:format=duration:packet=pts_time',
    '-of', 'json', path,
  ];
  const { stdout } = await runTool(ffprobePath(), args, { stage, hint: `Check that ${path} is a video file.` });
  const json = JSON.parse(stdout.toString('utf8')) as {
    streams?: Array<{ width: number; height: number; codec_name: string; pix_fmt: string }>;
    format?: { duration?: string };
    packets?: Array<{ pts_time?: string }>;
  };
  const stream = json.streams?.[0];
  if (!stream) {
    throw new TermlensError(`${path} has no video stream`, { code: 'bad-input', stage, hint: 'Give an MP4, WebM or GIF made by termlens render or VHS.' });
  }
  const frameTimes = (json.packets ?? [])
    .map((p) => Number(p.pts_time))
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b);
  return {
    width: stream.width,
    height: stream.height,
    codec: stream.codec_name,
    pixFmt: stream.pix_fmt,
    duration: Number(json.format?.duration ?? 0),
    frameTimes,
  };
}
