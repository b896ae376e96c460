/**
 * startLiveRender: renders a cast while it is being recorded, in a child
 * process started through `nice`, so the renderer only takes CPU time the
 * recorded program leaves over and the program's timing is not disturbed.
 * The video is the one renderCast makes of the finished cast.
 *
 * The child is not started at once: a program's start-up is when its timing
 * is measured most closely (time to first output) and when a renderer
 * starting beside it (node, fonts, ffmpeg) would cost it most on a machine
 * with few cores. It starts once the program has shown its first output and
 * had a moment to settle, or after a second at the latest. A recording that
 * ends (or is cancelled) before then has no live render: `result` resolves
 * to undefined and the finished cast is rendered as usual.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { FromLiveChild, ToLiveChild } from './live-child.js';
import type { RenderOptions, RenderResult } from './types.js';

/** Niceness of the renderer: the recorded program (niceness 0) always comes first. */
export const LIVE_RENDER_NICENESS = 10;

/** When the renderer starts, in ms: `settleMs` after the first output, `latestMs` after the call at the latest. */
export interface LiveRenderStart {
  settleMs: number;
  latestMs: number;
}

export const LIVE_RENDER_START: LiveRenderStart = { settleMs: 300, latestMs: 1000 };

/** How often the cast is looked at for its first output before the renderer starts. */
const WATCH_MS = 25;

export interface LiveRender {
  /** Tell the renderer the recorder has closed the cast: it renders what is left and finishes. */
  recordingEnded(): void;
  /** Stop it; the partial video is deleted. */
  cancel(): void;
  /** True once the renderer's process has been started. */
  readonly started: boolean;
  /**
   * The render's result, or its failure (including a child that could not
   * start or died); undefined when the recording ended or was cancelled
   * before the renderer started, so the finished cast is rendered instead.
   */
  result: Promise<RenderResult | undefined>;
}

/** Options that cross the process boundary: no callbacks, signals or sinks. */
export type LiveRenderOptions = Omit<RenderOptions, 'onProgress' | 'sink' | 'signal' | 'follow'>;

/** The compiled child beside this file; from the sources, the .ts file through tsx's loader. */
function childCommand(): string[] {
  if (!import.meta.url.endsWith('.ts')) return [new URL('./live-child.js', import.meta.url).pathname];
  return ['--import', import.meta.resolve('tsx'), new URL('./live-child.ts', import.meta.url).pathname];
}

/** True once the cast holds more than its header line: the program has written something. */
function hasFirstEvent(castPath: string): boolean {
  let fd: number | undefined;
  try {
    if (statSync(castPath).size === 0) return false;
    fd = openSync(castPath, 'r');
    const buffer = Buffer.alloc(64 * 1024);
    const bytes = readSync(fd, buffer, 0, buffer.length, 0);
    const headerEnd = buffer.subarray(0, bytes).indexOf(0x0a);
    // A header longer than the buffer: the size alone says there is more than a header.
    return headerEnd === -1 ? bytes === buffer.length : statSync(castPath).size > headerEnd + 1;
  } catch {
    return false; // not written yet
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The niced child rendering `castPath` as it grows; resolves with its result. */
function spawnRenderer(castPath: string, options: LiveRenderOptions): { child: ChildProcess; send: (m: ToLiveChild) => void; result: Promise<RenderResult> } {
  const child = spawn('nice', ['-n', String(LIVE_RENDER_NICENESS), process.execPath, ...childCommand()], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-2000);
  });
  const send = (message: ToLiveChild) => {
    // With a callback, a child that has already hung up (it failed and said so) is not an 'error' of the child:
    // its own reply, read at 'close', says what happened.
    if (child.connected) child.send(message, () => undefined);
  };
  const result = new Promise<RenderResult>((resolve, reject) => {
    let reply: FromLiveChild | undefined;
    child.on('message', (m: FromLiveChild) => {
      reply = m;
    });
    child.on('error', (e) => reject(new Error(`could not start the live renderer: ${e.message}`)));
    child.on('close', (code, signal) => {
      if (reply?.kind === 'done') resolve(reply.result);
      else if (reply?.kind === 'failed') reject(new Error(reply.message));
      else reject(new Error(`the live renderer exited ${signal ?? code} without a result${stderr.trim() ? `: ${stderr.trim().split('\n').pop()}` : ''}`));
    });
  });
  send({ kind: 'start', castPath, options });
  return { child, send, result };
}

export function startLiveRender(castPath: string, options: LiveRenderOptions, start: LiveRenderStart = LIVE_RENDER_START): LiveRender {
  let state: 'waiting' | 'started' | 'not-started' = 'waiting';
  let send: (m: ToLiveChild) => void = () => undefined;
  let settle: NodeJS.Timeout | undefined;
  let resolveResult!: (r: Promise<RenderResult | undefined>) => void;
  const result = new Promise<RenderResult | undefined>((resolve) => (resolveResult = resolve));
  // A failure is the caller's to report when it asks for the result; never an unhandled rejection.
  result.catch(() => undefined);

  const stopWaiting = () => {
    clearTimeout(latest);
    clearTimeout(settle);
    clearInterval(watch);
  };
  const begin = () => {
    if (state !== 'waiting') return;
    stopWaiting();
    state = 'started';
    const renderer = spawnRenderer(castPath, options);
    send = renderer.send;
    resolveResult(renderer.result);
  };
  const noRender = () => {
    if (state !== 'waiting') return false;
    stopWaiting();
    state = 'not-started';
    resolveResult(Promise.resolve(undefined));
    return true;
  };
  // Unreferenced: waiting to start never keeps the process alive by itself (the recording does).
  const latest = setTimeout(begin, start.latestMs).unref();
  const watch = setInterval(() => {
    if (settle || !hasFirstEvent(castPath)) return;
    clearInterval(watch);
    settle = setTimeout(begin, start.settleMs).unref();
  }, WATCH_MS).unref();

  return {
    recordingEnded: () => {
      if (!noRender()) send({ kind: 'ended' });
    },
    cancel: () => {
      if (!noRender()) send({ kind: 'cancel' });
    },
    get started() {
      return state === 'started';
    },
    result,
  };
}
