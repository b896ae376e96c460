/** From a loaded config to the pre-test's options, and from a verdict to the error the CLI exits with. */
import { expandCommand, type TermlensConfig } from '../config/index.js';
import { TermlensError, type ErrorCode } from '../errors/index.js';
import { stripAnsi } from './automation.js';
import type { PretestOptions, PretestResult, PretestVerdict } from './types.js';

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

const CODES: Record<Exclude<PretestVerdict, 'passed'>, ErrorCode> = {
  failed: 'pretest-failed',
  timeout: 'timeout',
  interrupted: 'interrupted',
};

/** The error for a verdict other than `passed` (exit 2, 3 or 4), or undefined when it passed. */
export function pretestError(result: PretestResult, savedTo?: string): TermlensError | undefined {
  if (result.verdict === 'passed') return undefined;
  const head = result.verdict === 'interrupted' ? 'pre-test interrupted' : result.verdict === 'timeout' ? 'pre-test timed out' : 'pre-test failed';
  // Colour codes stripped: a loguru line's escapes would otherwise show as debris in a log file or CI output.
  const tail = result.output.stderr.slice(-5).map(stripAnsi).join('\n');
  return new TermlensError(`${head}: ${result.reason}`, {
    code: CODES[result.verdict],
    stage: 'pretest',
    hint: `${savedTo ? `Details in ${savedTo}. ` : ''}Run the pre-test command by hand to see the whole output: ${result.command}`,
    ...(tail && result.verdict === 'failed'
      ? { subprocess: { command: result.command, exitCode: result.exitCode, signal: result.signal, stderrTail: tail, durationMs: Math.round(result.durationSeconds * 1000) } }
      : {}),
  });
}

/** The one line the CLI prints: "PRETEST: passed: run completed: winner agent_a after 3.2s". */
export function verdictLine(result: PretestResult): string {
  return `PRETEST: ${result.verdict}: ${result.reason} (${result.durationSeconds.toFixed(1)}s)`;
}
