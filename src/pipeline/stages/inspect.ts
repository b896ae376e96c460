/** Inspect: the offline measures, under the theme the video is drawn with, so what is measured is what is shown. */
import { inspectCast, writeInspectResult, type InspectResult } from '../../inspect/index.js';
import { loadTheme } from '../../render/index.js';
import type { Stage, StageContext } from '../context.js';
import { stageFingerprint, themeFiles } from '../fingerprint.js';
import { isVhs } from './record.js';

export const inspectStage: Stage = {
  name: 'inspect',
  skipReason: (ctx) => (isVhs(ctx) ? 'no cast to measure: VHS recorded the video (use record.backend: pty for offline scores)' : undefined),
  fingerprint: (ctx) => stageFingerprint('inspect', { theme: ctx.config.render.theme }, [ctx.layout.cast, ...themeFiles(ctx.config.render.theme)]),
  requiredOutputs: (ctx) => (isVhs(ctx) ? [] : [ctx.layout.metrics]),
  async run(ctx) {
    const result = await (ctx.earlyInspect ?? measure(ctx));
    delete ctx.earlyInspect;
    await writeInspectResult(result, ctx.layout.metrics);
    const scores = Object.entries(result.criteria).map(([k, c]) => `${k} ${c.score}`).join(', ');
    return { note: scores, outputs: [ctx.layout.metrics] };
  },
};

async function measure(ctx: StageContext): Promise<InspectResult> {
  const theme = await loadTheme(ctx.config.render.theme);
  return inspectCast(ctx.layout.cast, { scheme: theme, schemeName: theme.name });
}

/**
 * Starts the offline measures the moment a fresh recording ends: they read only
 * the cast, so they run while the render finishes and the frames are taken,
 * and the scorecard is ready sooner after the program exits. Undefined when the
 * inspect stage will not run on this cast.
 */
export function startEarlyInspect(ctx: StageContext): Promise<InspectResult> | undefined {
  if (inspectStage.skipReason?.(ctx)) return undefined;
  const early = measure(ctx);
  // Collected (and its error raised) by the inspect stage; a run that stops before it must not see an unhandled rejection.
  early.catch(() => undefined);
  return early;
}
