/**
 * `termlens run CONFIG.yaml` and `termlens demo`: every stage, with a live
 * view, status.json, and the exit code of the first thing that went wrong.
 * Ctrl+C (or SIGTERM) stops the target's process group and keeps what was
 * written; a second one exits at once.
 */
import type { Command } from 'commander';
import { loadConfig, type TermlensConfig } from '../../config/index.js';
import { EXIT, displayPath, formatError } from '../../errors/index.js';
import { demoConfig, DEMO_LIMITS, runPipeline, type RunLayout, type RunOutcome } from '../../pipeline/index.js';
import { VERDICT_LABELS } from '../../criteria.js';
import { statusFile } from '../../run-folder/index.js';
import { addRunOptions, applyRunFlags, collect, minScoresFromFlags, varsFromFlags, type RunFlags } from '../run-flags.js';
import { chooseView } from '../run-view.js';
import { ciOutputs } from '../ci-outputs.js';
import { rangeFlag, withRange } from '../parse.js';
import { addSuiteOptions, rejectSuiteFlags, type SuiteFlags } from '../suite-flags.js';
import { isSuiteConfig } from '../../suite/detect.js';

/** After a second Ctrl+C the pipeline cannot finish its own status file: say so in it before leaving. */
function markInterrupted(layout: RunLayout | undefined): void {
  if (!layout) return;
  try {
    const status = statusFile.readSync(layout.status, { stage: 'pipeline' });
    Object.assign(status, { state: 'interrupted', exitCode: EXIT.interrupted, verdict: `interrupted (exit ${EXIT.interrupted}): second interrupt, exited at once`, updatedAt: new Date().toISOString() });
    statusFile.writeSync(layout.status, status);
  } catch {
    // Nothing more can be done on the way out.
  }
}

function summary(outcome: RunOutcome): string {
  const lines: string[] = [];
  const s = outcome.scorecard;
  if (s) {
    lines.push('', `${'criterion'.padEnd(26)} ${'model'.padStart(6)} ${'offline'.padStart(8)}  verdict`);
    for (const c of s.criteria) {
      const model = c.model ? c.model.median.toFixed(1) : '—';
      lines.push(`${c.title.padEnd(26)} ${model.padStart(6)} ${(c.offline ? c.offline.score.toFixed(1) : '—').padStart(8)}  ${VERDICT_LABELS[c.verdict]}`);
    }
    if (s.judge === 'offline') lines.push('', `judge: offline${s.run.judgeSkipped ? ` (${s.run.judgeSkipped})` : ''}`);
    lines.push('', `scorecard: ${displayPath(outcome.layout.scorecardMd)}`);
  }
  lines.push(`report:    ${displayPath(outcome.layout.reportDir)}`, `verdict:   ${outcome.verdict}`);
  return lines.join('\n') + '\n';
}

export async function executeRun(config: TermlensConfig, flags: RunFlags): Promise<void> {
  const controller = new AbortController();
  let layout: RunLayout | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      process.stderr.write(`termlens: second ${signal}; exiting now\n`);
      markInterrupted(layout);
      process.exit(EXIT.interrupted);
    }
    process.stderr.write(`\ntermlens: ${signal === 'SIGINT' ? 'Ctrl+C' : signal} received; stopping (again to exit at once)…\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const view = chooseView(!!flags.automation);
  try {
    // A single run records alone, whatever record.parallel says (it only matters in a suite with --jobs).
    const outcome = await runPipeline({ ...config, record: { ...config.record, parallel: false } }, {
      ...(flags.recordings || flags.reports
        ? { roots: { recordings: flags.recordings ?? config.outputs.recordings, reports: flags.reports ?? config.outputs.reports } }
        : {}),
      ...(flags.from ? { from: flags.from } : {}),
      ...(flags.run ? { runDir: flags.run } : {}),
      force: !!flags.force,
      liveRender: flags.liveRender !== false,
      minScores: minScoresFromFlags(flags.minScore ?? []),
      vars: varsFromFlags(flags.var ?? [], flags.question),
      signal: controller.signal,
      onEvent: (e) => {
        if (e.kind === 'run-started') layout = e.layout;
        view.onEvent(e);
      },
    });
    await ciOutputs(outcome, flags.junit);
    view.end(outcome);
    if (outcome.error) process.stderr.write(formatError(outcome.error) + '\n');
    if (outcome.exitCode === EXIT.interrupted) {
      process.stderr.write(`kept ${outcome.artifacts.length} files:\n${outcome.artifacts.map((a) => `  ${displayPath(a)}`).join('\n')}\n`);
    }
    if (!flags.automation) process.stdout.write(summary(outcome));
    process.exitCode = outcome.exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // The run is over, but the process may take a moment to wind down (a renderer child exiting):
    // a Ctrl+C meanwhile exits at once with the run's code rather than letting the signal kill it.
    const exitNow = (signal: NodeJS.Signals) => {
      process.stderr.write(`termlens: ${controller.signal.aborted ? `second ${signal}` : signal}; exiting now\n`);
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT.interrupted);
    };
    process.once('SIGINT', exitNow);
    process.once('SIGTERM', exitNow);
  }
}

export function register(program: Command): void {
  addSuiteOptions(
    addRunOptions(
      program
        .command('run')
        .description('Take a target through every stage: pretest → record → render → frames → inspect → judge → report. A config with a matrix runs each scenario as a suite (docs/suites.md).')
        .argument('<config>', 'a termlens config file (YAML); see docs/config.md'),
    ),
  ).action(async (configPath: string, flags: RunFlags & SuiteFlags) => {
    if (isSuiteConfig(configPath)) return (await import('./suite-run.js')).runSuiteCommand(configPath, flags);
    rejectSuiteFlags(flags);
    const config = loadConfig(configPath, { vars: varsFromFlags(flags.var ?? [], flags.question) });
    await executeRun(applyRunFlags(config, flags), flags);
  });

  addRunOptions(
    program
      .command('demo')
      .description('Run every stage on the bundled demo target (examples/demo.yaml); no API key needed.')
      .option('--defect <name>', 'make the demo display worse on purpose (repeatable): low-contrast, escape-debris, flicker, no-status-icons, overflow, silent', collect)
      .option('--fault <name>', 'make the demo run fail on purpose (repeatable): config-error, crash-after=N, hang, agent-error, restart', collect)
      .option('--speed <x>', withRange('demo speed: 1 takes about 25 s, 10 about 3 s', DEMO_LIMITS.speed), rangeFlag('--speed', DEMO_LIMITS.speed))
      .option('--seed <n>', withRange('demo seed: same seed, same run', DEMO_LIMITS.seed), rangeFlag('--seed', DEMO_LIMITS.seed)),
  ).action(async (flags: RunFlags & { defect?: string[]; fault?: string[]; speed?: number; seed?: number }) => {
    const vars = varsFromFlags(flags.var ?? [], flags.question);
    if (flags.speed !== undefined) vars.speed = String(flags.speed);
    if (flags.seed !== undefined) vars.seed = String(flags.seed);
    const config = demoConfig({ vars, defects: flags.defect ?? [], faults: flags.fault ?? [] });
    await executeRun(applyRunFlags(config, flags), flags);
  });
}
