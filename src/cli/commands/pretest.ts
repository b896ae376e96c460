/**
 * `termlens pretest CONFIG.yaml`: run the config's pre-test headless and
 * print one verdict line. Exit 0 passed, 2 failed, 3 timeout, 4 interrupted;
 * with -o the full result goes to pretest.json first. Ctrl+C (or SIGTERM)
 * stops the program's whole process group; a second Ctrl+C exits at once.
 */
import { Option, type Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { EXIT } from '../../errors/index.js';
// The stage module itself, not the pipeline's index: the index loads every stage (sharp, the renderer).
import { pretestOptionsFromConfig } from '../../pipeline/stages/pretest.js';
import { pretestError, runPretest, verdictLine, writePretest, type PretestEvent } from '../../pretest/index.js';
import { PRETEST_DEFAULTS, PRETEST_LIMITS } from '../../pretest/defaults.js';
import { durationFlag } from '../parse.js';
import { collect, varsFromFlags } from '../run-flags.js';

interface PretestFlags {
  output?: string;
  question?: string;
  var?: string[];
  timeout?: number;
  smoke?: number;
  quiet?: boolean;
}

/** A plain line on stderr for the events a person wants to see go by. */
function describeEvent(e: PretestEvent): string | undefined {
  const at = `[${e.elapsed.toFixed(1).padStart(5)}s]`;
  switch (e.kind) {
    case 'started':
      return `${at} started (pid ${e.pid}): ${e.command}`;
    case 'protocol':
      return ['logDir', 'statusFile', 'winner', 'restart'].includes(e.key) ? `${at} ${e.key === 'statusFile' ? 'status' : e.key}: ${e.value}` : undefined;
    case 'status': {
      const agents = Object.entries(e.agents).map(([id, s]) => `${id} ${s ?? '?'}`).join(', ');
      return `${at} ${e.phase ?? 'phase ?'}${e.completion !== null ? ` ${e.completion}%` : ''}${agents ? ` (${agents})` : ''}`;
    }
    case 'status-file':
      return `${at} following ${e.path} (found by ${e.foundBy})`;
    case 'stopping':
      return `${at} stopping the program (${e.why})`;
    case 'line':
      return undefined;
  }
}

export function register(program: Command): void {
  program
    .command('pretest')
    .description("Run a config's pre-test headless (protocol exit-code, smoke or massgen) and print whether it passed.")
    .argument('<config>', 'a termlens config file (YAML)')
    .option('-o, --output <file>', 'write the full result as JSON (pretest.json)')
    .option('--question <text>', 'set the {{question}} template variable')
    .addOption(new Option('--var <name=value>', 'set a template variable (repeatable)').argParser(collect))
    .addOption(new Option('--timeout <duration>', `override pretest.timeout, e.g. 90s (default: the config's, else ${PRETEST_DEFAULTS.timeout}s)`).argParser(durationFlag('--timeout', PRETEST_LIMITS.timeout)))
    .addOption(new Option('--smoke <duration>', `override pretest.smokeSeconds, e.g. 30s (default: the config's, else ${PRETEST_DEFAULTS.smokeSeconds}s)`).argParser(durationFlag('--smoke', PRETEST_LIMITS.smokeSeconds)))
    .option('-q, --quiet', 'print only the verdict line')
    .action(async (configPath: string, flags: PretestFlags) => {
      const vars = varsFromFlags(flags.var ?? [], flags.question);
      const config = loadConfig(configPath, { vars });
      const options = pretestOptionsFromConfig(config);
      if (flags.timeout !== undefined) options.timeout = flags.timeout / 1000;
      if (flags.smoke !== undefined) options.smokeSeconds = flags.smoke / 1000;

      const controller = new AbortController();
      const onSignal = (signal: NodeJS.Signals) => {
        if (controller.signal.aborted) {
          process.stderr.write(`termlens pretest: second ${signal}; exiting now\n`);
          process.exit(EXIT.interrupted);
        }
        process.stderr.write(`\ntermlens pretest: ${signal === 'SIGINT' ? 'Ctrl+C' : signal} received; stopping the program (again to exit at once)…\n`);
        controller.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        if (!flags.quiet) {
          const window = options.protocol === 'exit-code' ? '' : `, smoke window ${options.smokeSeconds}s`;
          process.stderr.write(`pretest ${config.name}: protocol ${options.protocol}${window}, timeout ${options.timeout}s\n`);
        }
        const result = await runPretest(options, {
          signal: controller.signal,
          onProgress: (e) => {
            const line = flags.quiet ? undefined : describeEvent(e);
            if (line) process.stderr.write(line + '\n');
          },
        });
        if (flags.output) await writePretest(flags.output, result);
        process.stdout.write(verdictLine(result) + '\n');
        const error = pretestError(result, flags.output);
        if (error) throw error;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
