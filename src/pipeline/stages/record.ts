/**
 * Record: the program's rich display through a real PTY into session.cast.
 * The command runs through /bin/sh with {{env.NAME}} left as $NAME for the
 * shell to fill in, so a secret passed that way never lands in the cast
 * header or session.json.
 */
import { expandCommand } from '../../config/index.js';
import { recordFailure, recordSession } from '../../record/index.js';
import type { Stage } from '../context.js';

export const recordStage: Stage = {
  name: 'record',
  requiredOutputs: (ctx) => [ctx.layout.cast, ctx.layout.session],
  async run(ctx) {
    const { config, layout } = ctx;
    const env = { ...ctx.env, ...config.record.env };
    // Expanding once with the values proves every {{env.NAME}} is set before anything starts.
    expandCommand(config, { vars: ctx.vars, env });
    const command = expandCommand(config, { vars: ctx.vars, env, redactEnv: true });
    const timeoutMs = config.record.timeout * 1000;
    const started = Date.now();
    const ticker = setInterval(() => {
      const s = (Date.now() - started) / 1000;
      // No percent: a recording ends when the program does, which nothing here can foresee.
      ctx.progress({ detail: `${s.toFixed(0)} s recorded` });
    }, 1000);
    ticker.unref();
    try {
      const result = await recordSession({
        command: '/bin/sh',
        args: ['-c', command],
        output: layout.cast,
        sessionPath: layout.session,
        cwd: config.record.cwd,
        env: config.record.env,
        baseEnv: ctx.env,
        cols: config.record.cols,
        rows: config.record.rows,
        timeoutMs,
        steps: config.record.steps,
        signal: ctx.signal,
        title: config.name,
        onStart: (info) => ctx.log(`recording ${info.cols}×${info.rows}: ${command}`),
      });
      const failure = recordFailure(result);
      if (failure) throw failure;
      return { note: `${result.durationSeconds.toFixed(1)} s at ${result.cols}×${result.rows}`, outputs: [layout.cast, layout.session] };
    } finally {
      clearInterval(ticker);
    }
  },
};
