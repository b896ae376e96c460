/**
 * `termlens report RUN_DIR`: build the scorecard again from what a run's
 * report folder holds (metrics.json, judgments.json, frames.json), e.g. after
 * judging by hand or to apply another quality gate. Exit 5 when a gate fails.
 */
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { readCalibrationCitation } from '../../calibrate/citation.js';
import { TermlensError, displayPath, quote } from '../../errors/index.js';
import { gateFailure, readReportInputs, writeHtmlReport, writeReport, type RunFacts } from '../../report/index.js';
import { VERDICT_LABELS } from '../../criteria.js';
import { scorecardFile, sessionFile } from '../../run-folder/index.js';
import { VERSION } from '../../version.js';
import { collect, minScoresFromFlags } from '../run-flags.js';

/** The run facts: kept from the scorecard a run wrote, else from session.json, else the folder's name. */
function runFacts(dir: string): RunFacts {
  const previous = join(dir, 'scorecard.json');
  if (existsSync(previous)) {
    const { run } = scorecardFile.readSync(previous, { stage: 'report' });
    return { ...run, date: new Date().toISOString(), termlensVersion: VERSION, judgeSkipped: undefined } as RunFacts;
  }
  const session = join(dir, sessionFile.file);
  const s = existsSync(session) ? sessionFile.readSync(session, { stage: 'report' }) : undefined;
  return { runId: basename(dir), target: basename(dir), command: s?.commandLine ?? '(unknown)', date: new Date().toISOString(), termlensVersion: VERSION };
}

export function register(program: Command): void {
  program
    .command('report')
    .description("Write a run's scorecard (scorecard.md, scorecard.json, index.html) again from its report folder.")
    .argument('<run-dir>', 'a report folder (the REPORT_DIR a run printed)')
    .option('--min-score <criterion=N>', 'quality gate, exit 5 below it: visualClarity=6, or N for all four (repeatable)', collect)
    .option('--calibration <file>', 'a calibration.json from termlens calibrate, cited next to the model scores')
    .action(async (runDir: string, flags: { minScore?: string[]; calibration?: string }) => {
      const dir = resolve(runDir);
      if (!existsSync(join(dir, 'metrics.json'))) {
        throw new TermlensError(`${quote(runDir)} is not a report folder: it has no metrics.json`, {
          code: 'not-found',
          stage: 'report',
          hint: 'Give the REPORT_DIR that termlens run printed (reports/<run-id>), or run termlens inspect CAST -o DIR/metrics.json first.',
        });
      }
      const inputs = await readReportInputs(dir);
      const run = runFacts(dir);
      if (!inputs.judge) run.judgeSkipped = inputs.judgeProblem ?? 'no judgments.json in the folder';
      const written = await writeReport(dir, {
        run,
        ...(inputs.inspect ? { inspect: inputs.inspect } : {}),
        ...(inputs.judge ? { judge: inputs.judge } : {}),
        frames: inputs.frames,
        ...(inputs.grid ? { grid: inputs.grid } : {}),
        minScores: minScoresFromFlags(flags.minScore ?? []),
        ...(flags.calibration ? { calibration: readCalibrationCitation(resolve(flags.calibration), displayPath(resolve(flags.calibration))) } : {}),
      });
      for (const c of written.scorecard.criteria) {
        process.stdout.write(`${c.title.padEnd(26)} ${c.score.toFixed(1).padStart(5)}  ${VERDICT_LABELS[c.verdict]}\n`);
      }
      const html = await writeHtmlReport(dir);
      process.stdout.write(`scorecard: ${written.markdownFile}\nhtml:      ${html}\n`);
      const failure = gateFailure(written.scorecard, written.markdownFile);
      if (failure) throw failure;
    });
}
