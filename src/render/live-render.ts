/**
 * startLiveRender: renders a cast while it is being recorded, in a child
 * process started through `nice`, so the renderer only takes CPU time the
 * recorded program leaves over and the program's timing is not disturbed.
 * The video is the one renderCast makes of the finished cast.
 */
import { spawn } from 'node:child_process';
import type { FromLiveChild, ToLiveChild } from './live-child.js';
import type { RenderOptions, RenderResult } from './types.js';

/** Niceness of the renderer: the recorded program (niceness 0) always comes first. */
export const LIVE_RENDER_NICENESS = 10;

export interface LiveRender {
  /** Tell the renderer the recorder has closed the cast: it renders what is left and finishes. */
  recordingEnded(): void;
  /** Stop it; the partial video is deleted. */
  cancel(): void;
  /** The render's result, or its failure (including a child that could not start or died). */
  result: Promise<RenderResult>;
}

/** Options that cross the process boundary: no callbacks, signals or sinks. */
export type LiveRenderOptions = Omit<RenderOptions, 'onProgress' | 'sink' | 'signal' | 'follow'>;

/** The compiled child beside this file; from the sources, the .ts file through tsx's loader. */
function childCommand(): string[] {
  if (!import.meta.url.endsWith('.ts')) return [new URL('./live-child.js', import.meta.url).pathname];
  return ['--import', import.meta.resolve('tsx'), new URL('./live-child.ts', import.meta.url).pathname];
}

export function startLiveRender(castPath: string, options: LiveRenderOptions): LiveRender {
  const child = spawn('nice', ['-n', String(LIVE_RENDER_NICENESS), process.execPath, ...childCommand()], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-2000);
  });
  const send = (message: ToLiveChild) => {
    if (child.connected) child.send(message);
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
  // A failure is the caller's to report when it asks for the result; never an unhandled rejection.
  result.catch(() => undefined);
  send({ kind: 'start', castPath, options });
  return {
    recordingEnded: () => send({ kind: 'ended' }),
    cancel: () => send({ kind: 'cancel' }),
    result,
  };
}
