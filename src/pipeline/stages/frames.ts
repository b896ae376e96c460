/** Frames: the frames a person and the model look at, extracted into the report folder with the grid. */
import { selectFrames } from '../../frames/index.js';
import type { Stage } from '../context.js';
import { stageFingerprint } from '../fingerprint.js';
import { primaryVideo } from './render.js';

export const framesStage: Stage = {
  name: 'frames',
  fingerprint: (ctx) => stageFingerprint('frames', ctx.config.frames, [primaryVideo(ctx), ctx.layout.videoJson]),
  requiredOutputs: (ctx) => [ctx.layout.framesJson],
  async run(ctx) {
    const f = ctx.config.frames;
    ctx.progress({ percent: 0 });
    const result = await selectFrames(primaryVideo(ctx), {
      outDir: ctx.layout.framesDir,
      count: f.count,
      strategy: f.strategy,
      ...(f.times.length ? { times: f.times } : {}),
      format: f.format,
      maxShortSide: f.maxShortSide,
      maxLongSide: f.maxLongSide,
      ...(f.grid ? { gridFile: ctx.layout.grid } : {}),
    });
    const outputs = [ctx.layout.framesJson, ...result.frames.map((fr) => `${ctx.layout.reportDir}/${fr.file}`), ...(f.grid ? [ctx.layout.grid] : [])];
    return { note: `${result.frames.length} frames (${result.strategy})`, outputs };
  },
};
