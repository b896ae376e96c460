/** Inspect: the offline measures, under the theme the video is drawn with, so what is measured is what is shown. */
import { inspectCast, writeInspectResult } from '../../inspect/index.js';
import { loadTheme } from '../../render/index.js';
import type { Stage } from '../context.js';
import { stageFingerprint, themeFiles } from '../fingerprint.js';
import { isVhs } from './record.js';

export const inspectStage: Stage = {
  name: 'inspect',
  skipReason: (ctx) => (isVhs(ctx) ? 'no cast to measure: VHS recorded the video (use record.backend: pty for offline scores)' : undefined),
  fingerprint: (ctx) => stageFingerprint('inspect', { theme: ctx.config.render.theme }, [ctx.layout.cast, ...themeFiles(ctx.config.render.theme)]),
  requiredOutputs: (ctx) => (isVhs(ctx) ? [] : [ctx.layout.metrics]),
  async run(ctx) {
    const theme = await loadTheme(ctx.config.render.theme);
    const result = await inspectCast(ctx.layout.cast, { scheme: theme, schemeName: theme.name });
    await writeInspectResult(result, ctx.layout.metrics);
    const scores = Object.entries(result.criteria).map(([k, c]) => `${k} ${c.score}`).join(', ');
    return { note: scores, outputs: [ctx.layout.metrics] };
  },
};
