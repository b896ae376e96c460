/**
 * The live renderer's process: renders the cast named in the first message
 * while the recorder writes it, and finishes once told the recording ended.
 * It runs niced (see live-render.ts), so the recorded program keeps its CPU.
 */
import type { RenderOptions, RenderResult } from './types.js';
import { renderCast } from './render-cast.js';

export type ToLiveChild = { kind: 'start'; castPath: string; options: RenderOptions } | { kind: 'ended' } | { kind: 'cancel' };
export type FromLiveChild = { kind: 'done'; result: RenderResult } | { kind: 'failed'; message: string };

let ended = false;
const controller = new AbortController();

async function render(castPath: string, options: RenderOptions): Promise<void> {
  let reply: FromLiveChild;
  try {
    const result = await renderCast(castPath, { ...options, signal: controller.signal, follow: { ended: () => ended } });
    reply = { kind: 'done', result };
  } catch (e) {
    reply = { kind: 'failed', message: (e as Error)?.message ?? String(e) };
  }
  // process.send exists only in a child started with an IPC channel, as live-render starts this one; `connected` says it still does.
  if (process.connected && process.send) process.send(reply, () => process.disconnect());
}

process.on('message', (message: ToLiveChild) => {
  if (message.kind === 'start') void render(message.castPath, message.options);
  else if (message.kind === 'ended') ended = true;
  else controller.abort();
});
// The parent went away (interrupted, crashed): stop, and let renderCast delete the partial video.
process.on('disconnect', () => controller.abort());
// Ctrl+C reaches the whole process group: the parent decides (it cancels this render, or goes away).
process.on('SIGINT', () => undefined);
