/**
 * `termlens run CONFIG` when the config has a matrix: loads every scenario,
 * runs this machine's share, prints a line per scenario (or SCENARIO:
 * lines with --automation) and the suite table, and sets the exit code.
 */
import { EXIT, TermlensError, displayPath, quote } from '../../errors/index.js';
import { applyRunFlags, minScoresFromFlags, varsFromFlags, type RunFlags } from '../run-flags.js';
import { CRITERIA } from '../../criteria.js';
import { suiteFile } from '../../run-folder/index.js';
import { worstFirst, type ScenarioResult, type SuiteResult } from '../../suite/model.js';
import { runSuite, type SuiteEvent } from '../../suite/run.js';
import { loadSuite } from '../../suite/scenarios.js';
import { parseShard } from '../../suite/shard.js';
import type { SuiteFlags } from '../suite-flags.js';

/** Durations by scenario id from an earlier suite.json. */
export function readDurations(file: string): Map<string, number> {
  const suite = suiteFile.readSync(file, { stage: 'suite' });
  return new Map(suite.scenarios.filter((s) => s.durationSeconds > 0).map((s) => [s.id, s.durationSeconds]));
}

const scoresText = (s: ScenarioResult) => CRITERIA.map((c) => (s.scores[c] ? s.scores[c]!.score.toFixed(1).padStart(5) : '    —')).join(' ');

/** The table printed at the end: worst first, like the suite page. */
export function suiteSummary(suite: SuiteResult, suiteDir: string): string {
  const width = Math.max(8, ...suite.scenarios.map((s) => s.id.length));
  const lines = ['', `${'scenario'.padEnd(width)} ${'VC'.padStart(5)} ${'IO'.padStart(5)} ${'SI'.padStart(5)} ${'UX'.padStart(5)}  result`];
  for (const s of worstFirst(suite.scenarios)) lines.push(`${s.id.padEnd(width)} ${scoresText(s)}  ${s.state === 'passed' ? 'passed' : `${s.state} (exit ${s.exitCode})`}`);
  lines.push('', `suite:   ${displayPath(suiteDir)}/suite.md (index.html for the page)`, `verdict: ${suite.verdict}`);
  return lines.join('\n') + '\n';
}

function viewFor(automation: boolean): (e: SuiteEvent) => void {
  const line = (key: string, value: string) => process.stdout.write(`${key}: ${value.replace(/\s*\n\s*/g, ' ')}\n`);
  if (automation) {
    return (e) => {
      if (e.kind === 'suite-started') {
        line('SUITE_ID', e.suiteId);
        line('SUITE_DIR', e.suiteDir);
        line('STATUS', e.statusFile);
        line('SCENARIOS', `${e.scenarios.length} of ${e.total}`);
      } else if (e.kind === 'scenario-finished') {
        line('SCENARIO', `${e.scenario.id} ${e.result.verdict}`);
      }
    };
  }
  const say = (text: string) => process.stderr.write(`[${new Date().toTimeString().slice(0, 8)}] ${text}\n`);
  return (e) => {
    if (e.kind === 'suite-started') say(`suite ${e.suiteId}: ${e.scenarios.length} of ${e.total} scenarios, reports in ${displayPath(e.suiteDir)}`);
    else if (e.kind === 'scenario-event' && e.event.kind === 'stage-finished') {
      const r = e.event.record;
      say(`${e.scenario.id} ${r.name} ${r.state}${r.durationSeconds !== undefined ? ` ${r.durationSeconds.toFixed(1)}s` : ''}${r.note ? `: ${r.note}` : ''}`);
    } else if (e.kind === 'scenario-finished') say(`[${e.done}/${e.total}] ${e.scenario.id}: ${e.result.verdict}`);
  };
}

export async function runSuiteCommand(configPath: string, flags: RunFlags & SuiteFlags): Promise<void> {
  if (flags.from || flags.run) {
    throw new TermlensError(`--from and --run continue a single run; ${quote(configPath)} is a suite (it has a matrix)`, {
      code: 'usage',
      stage: 'suite',
      hint: 'Run the suite again (add --only PATTERN for some scenarios), or continue one scenario with termlens run --from on a config without the matrix.',
    });
  }
  const def = loadSuite(configPath, { vars: varsFromFlags(flags.var ?? [], flags.question) });
  def.scenarios = def.scenarios.map((s) => ({ ...s, config: applyRunFlags(s.config, flags) }));
  const shard = flags.shard ? parseShard(flags.shard) : undefined;
  const durations = flags.durations ? readDurations(flags.durations) : undefined;
  const [firstScenario] = def.scenarios;
  if (!firstScenario) throw new TermlensError(`the suite ${quote(configPath)} has no scenarios`, { code: 'config', stage: 'suite', hint: 'Give the suite a matrix with at least one value per axis.' });
  const base = firstScenario.config;

  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      process.stderr.write(`termlens: second ${signal}; exiting now\n`);
      process.exit(EXIT.interrupted);
    }
    process.stderr.write(`\ntermlens: ${signal === 'SIGINT' ? 'Ctrl+C' : signal} received; stopping the suite (again to exit at once)…\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { suite, suiteDir, written } = await runSuite(def, {
      roots: { recordings: flags.recordings ?? base.outputs.recordings, reports: flags.reports ?? base.outputs.reports },
      ...(flags.only ? { only: flags.only } : {}),
      ...(shard ? { shard } : {}),
      ...(durations ? { durations } : {}),
      ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
      minScores: minScoresFromFlags(flags.minScore ?? []),
      signal: controller.signal,
      ...(flags.junit ? { junit: flags.junit } : {}),
      onEvent: viewFor(!!flags.automation),
    });
    for (const s of suite.scenarios) if (s.state === 'interrupted' && s.error) process.stderr.write(`${s.id}: ${s.error.message}\n`);
    if (flags.automation) {
      process.stdout.write(`SUITE: ${written.markdown}\nVERDICT: ${suite.verdict}\n`);
    } else {
      process.stdout.write(suiteSummary(suite, suiteDir));
    }
    process.exitCode = suite.exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
