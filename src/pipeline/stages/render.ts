/** Render: the cast drawn natively into the configured videos; the first format is the one frames are taken from. */
import { dirname, join } from 'node:path';
import { renderCast, startLiveRender, type LiveRender, type RenderOptions, type RenderResult } from '../../render/index.js';
import { prepareTape, readTapeFile } from '../../tape/index.js';
import { TermlensError } from '../../errors/index.js';
import type { Stage, StageContext } from '../context.js';
import { stageFingerprint, tapeFiles, themeFiles } from '../fingerprint.js';
import { isVhs } from './record.js';

/** session.mp4 for the first format (layout.video), session.<ext> beside it for the others. */
export function videoFiles(ctx: StageContext): string[] {
  return ctx.config.render.formats.map((f, i) => (i === 0 && f === 'mp4' ? ctx.layout.video : join(ctx.layout.recordingDir, `session.${f}`)));
}

/** The video the later stages read: the one of the first format in `render.formats`. */
export function primaryVideo(ctx: StageContext): string {
  const [first] = videoFiles(ctx);
  if (first === undefined) {
    throw new TermlensError('render.formats is empty, so no video is rendered for the frames and the report', { code: 'config', stage: 'render', hint: 'List at least one format, e.g. render.formats: [mp4].' });
  }
  return first;
}

/** With a tape, its Set lines decide the look, as VHS would; otherwise the config's render section. */
function renderOptions(ctx: StageContext): RenderOptions {
  const r = ctx.config.render;
  if (ctx.config.record.tape) return { ...prepareTape(readTapeFile(ctx.config.record.tape)).render };
  return {
    width: r.width,
    height: r.height,
    ...(r.fontSize !== null ? { fontSize: r.fontSize } : {}),
    padding: r.padding,
    fps: r.fps,
    speed: r.speed,
    ...(r.idleTimeLimit !== null ? { idleTimeLimit: r.idleTimeLimit } : {}),
    theme: r.theme,
    ...(r.windowBar !== 'none' ? { windowBar: r.windowBar } : {}),
  };
}

/** The manifest of the first video: frames and markers are read from video.json. */
function manifestPathOf(ctx: StageContext, index: number): string {
  return index === 0 ? ctx.layout.videoJson : join(ctx.layout.recordingDir, `video.${index}.json`);
}

/**
 * Start rendering the first video while the record stage writes the cast
 * (see render/live-render.ts); undefined where the render must wait for the
 * whole cast: VHS makes the video itself.
 */
export function startLiveRenderStage(ctx: StageContext): LiveRender | undefined {
  if (isVhs(ctx)) return undefined;
  // Thumbnails cost the live renderer CPU time the program leaves over, and spare the frames stage a decode of the whole video after the program ends.
  return startLiveRender(ctx.layout.cast, { ...renderOptions(ctx), output: primaryVideo(ctx), manifestPath: manifestPathOf(ctx, 0), thumbnails: true });
}

/** The live render's result, or undefined when the finished cast must be rendered: it failed (said in the log) or never started (the recording ended first). */
async function finishLive(ctx: StageContext, live: LiveRender): Promise<RenderResult | undefined> {
  ctx.progress({ detail: 'finishing the render made during the recording' });
  try {
    return await live.result;
  } catch (e) {
    if (ctx.signal.aborted) throw e;
    ctx.log(`the live render failed (${(e as Error).message}); rendering the finished cast instead`);
    return undefined;
  }
}

export const renderStage: Stage = {
  name: 'render',
  skipReason: (ctx) => (isVhs(ctx) ? 'VHS made the video (record.backend: vhs)' : undefined),
  fingerprint: (ctx) =>
    stageFingerprint('render', ctx.config.render, [ctx.layout.cast, ...themeFiles(ctx.config.render.theme), ...tapeFiles(ctx.config.record.tape)]),
  requiredOutputs: (ctx) => (isVhs(ctx) ? [] : [...videoFiles(ctx), ctx.layout.videoJson]),
  async run(ctx) {
    const files = videoFiles(ctx);
    const outputs: string[] = [];
    let note = '';
    const live = ctx.liveRender ? await finishLive(ctx, ctx.liveRender) : undefined;
    for (const [i, output] of files.entries()) {
      const result =
        i === 0 && live
          ? live
          : await renderCast(ctx.layout.cast, {
              ...renderOptions(ctx),
              output,
              // Only the first video's manifest is video.json: frames and markers are read from it.
              manifestPath: manifestPathOf(ctx, i),
              signal: ctx.signal,
              onProgress: (p) =>
                ctx.progress({
                  percent: Math.round(((i + (p.duration > 0 ? Math.min(1, p.time / p.duration) : 0)) / files.length) * 100),
                  framesRendered: p.framesDone,
                  framesTotal: p.framesEstimated,
                }),
            });
      const { thumbnails } = result.manifest;
      outputs.push(output, result.manifestPath, ...(thumbnails ? [join(dirname(output), thumbnails.file)] : []));
      if (i === 0) note = `${result.frameCount} frames, ${result.manifest.duration.toFixed(1)} s, ${result.manifest.width}×${result.manifest.height}, theme ${result.manifest.theme}${live ? '; rendered during the recording' : ''}`;
    }
    return { note, outputs };
  },
};
