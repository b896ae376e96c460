/** Pre-test: the program headless, before anything is recorded; a failure stops the run (exit 2, 3 for a timeout). */
import { expandCommand, type TermlensConfig } from '../../config/index.js';
import { TermlensError } from '../../errors/index.js';
import { PRETEST_DEFAULTS, pretestError, runPretest, writePretest, type PretestOptions } from '../../pretest/index.js';
import type { Stage } from '../context.js';

export interface FromConfigOptions {
  /** Overrides of config.vars, e.g. { question } from a flag. */
  vars?: Record<string, string>;
  /** The environment inherited. @default process.env */
  baseEnv?: NodeJS.ProcessEnv;
}

/**
 * The pre-test of a config: its command with template variables filled in,
 * run in record.cwd with record.env, as the recording will be. Throws a
 * config error when the config has no pre-test.
 */
export function pretestOptionsFromConfig(config: TermlensConfig, options: FromConfigOptions = {}): PretestOptions {
  const p = config.pretest;
  if (!p) {
    throw new TermlensError(`the config${config.source.file ? ` ${config.source.file}` : ''} has no pretest section`, {
      code: 'config',
      stage: 'pretest',
      hint: 'Add e.g. "pretest: { protocol: smoke }" (runs the main command headless for 45s) or a pretest.command.',
    });
  }
  const baseEnv = options.baseEnv ?? process.env;
  const env = { ...baseEnv, ...config.record.env };
  const expand = (redactEnv: boolean) => expandCommand(config, { which: 'pretest', env, redactEnv, ...(options.vars ? { vars: options.vars } : {}) });
  return {
    command: expand(false),
    displayCommand: expand(true),
    protocol: p.protocol,
    smokeSeconds: p.smokeSeconds,
    timeout: p.timeout,
    stallSeconds: p.stallSeconds,
    cwd: config.record.cwd,
    env: config.record.env,
    baseEnv,
  };
}

export const pretestStage: Stage = {
  name: 'pretest',
  skipReason: (ctx) => (ctx.config.pretest ? undefined : 'no pretest section in the config'),
  requiredOutputs: () => [],
  async run(ctx) {
    const options = pretestOptionsFromConfig(ctx.config, { vars: ctx.vars, baseEnv: ctx.env });
    const started = Date.now();
    const window = (options.protocol === 'exit-code' ? options.timeout : options.smokeSeconds || options.timeout) ?? PRETEST_DEFAULTS.timeout;
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
