/** Pre-test: the program headless, before anything is recorded; a failure stops the run (exit 2, 3 for a timeout). */
import { pretestError, pretestOptionsFromConfig, runPretest, writePretest } from '../../pretest/index.js';
import type { Stage } from '../context.js';

export const pretestStage: Stage = {
  name: 'pretest',
  skipReason: (ctx) => (ctx.config.pretest ? undefined : 'no pretest section in the config'),
  requiredOutputs: () => [],
  async run(ctx) {
    const options = pretestOptionsFromConfig(ctx.config, { vars: ctx.vars, baseEnv: ctx.env });
    const started = Date.now();
    const window = (options.protocol === 'exit-code' ? options.timeout : options.smokeSeconds || options.timeout) ?? 120;
    const result = await runPretest(options, {
      signal: ctx.signal,
      onProgress: (e) => {
        if (e.kind === 'status') {
          const agents = Object.entries(e.agents).map(([id, s]) => `${id} ${s ?? '?'}`).join(', ');
          ctx.progress({
            // The program's own completion when it reports one, else the share of the window passed.
            percent: e.completion ?? Math.min(99, Math.round(((Date.now() - started) / 1000 / window) * 100)),
            detail: `${e.phase ?? 'running'}${agents ? ` (${agents})` : ''}`,
          });
        } else if (e.kind === 'started') {
          ctx.log(`started: ${e.command}`);
        }
      },
    });
    await writePretest(ctx.layout.pretest, result);
    const error = pretestError(result, ctx.layout.pretest);
    if (error) throw error;
    return { note: result.reason, outputs: [ctx.layout.pretest] };
  },
};
