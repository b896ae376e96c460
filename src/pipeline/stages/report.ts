/**
 * Report: scorecard.md and scorecard.json from what the stages left in the
 * report folder, plus copies of the recording so the folder stands alone
 * (it can be uploaded, opened elsewhere, or kept as a baseline).
 */
import { copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { readCalibrationCitation } from '../../calibrate/citation.js';
import { expandCommand } from '../../config/index.js';
import { displayPath } from '../../errors/index.js';
import { gateFailure, readReportInputs, writeHtmlReport, writeReport } from '../../report/index.js';
import { VERSION } from '../../version.js';
import type { Stage, StageContext } from '../context.js';
import { primaryVideo } from './render.js';

async function copyRecording(ctx: StageContext): Promise<string[]> {
  const { layout } = ctx;
  const primary = primaryVideo(ctx);
  const pairs: Array<[string, string]> = [
    [layout.cast, layout.reportCast],
    [layout.session, layout.reportSession],
    [layout.videoJson, layout.reportVideoJson],
    // The page plays session.mp4; a GIF or WebM first format is copied under its own name.
    [primary, primary === layout.video ? layout.reportVideo : layout.reportVideo.replace(/\.mp4$/, primary.slice(primary.lastIndexOf('.')))],
  ];
  const copied: string[] = [];
  for (const [from, to] of pairs) {
    if (!existsSync(from)) continue;
    await copyFile(from, to);
    copied.push(to);
  }
  return copied;
}

export const reportStage: Stage = {
  name: 'report',
  requiredOutputs: (ctx) => [ctx.layout.scorecardJson],
  async run(ctx) {
    const { config, layout } = ctx;
    const judgeSkipped = ctx.skipped.judge;
    const inputs = await readReportInputs(layout.reportDir, { useJudgments: !judgeSkipped, withoutMetrics: !!ctx.skipped.inspect });
    const written = await writeReport(layout.reportDir, {
      run: {
        runId: layout.runId,
        target: config.name,
        command: config.command !== null ? expandCommand(config, { vars: ctx.vars, redactEnv: true }) : `(tape ${config.record.tape})`,
        date: new Date().toISOString(),
        termlensVersion: VERSION,
        ...(ctx.scenario ? { scenario: ctx.scenario } : {}),
        ...(config.record.parallel ? { recordedInParallel: true } : {}),
        ...(judgeSkipped ? { judgeSkipped } : inputs.judgeProblem ? { judgeSkipped: inputs.judgeProblem } : {}),
      },
      ...(inputs.inspect ? { inspect: inputs.inspect } : {}),
      ...(inputs.judge ? { judge: inputs.judge } : {}),
      frames: inputs.frames,
      ...(inputs.grid ? { grid: inputs.grid } : {}),
      minScores: ctx.minScores,
      ...(config.judge.calibration ? { calibration: readCalibrationCitation(config.judge.calibration, displayPath(config.judge.calibration)) } : {}),
    });
    const copies = await copyRecording(ctx);
    // After the copies: the page plays the folder's own session.mp4.
    const html = await writeHtmlReport(layout.reportDir);
    const outputs = [written.jsonFile, written.markdownFile, ...copies, html];
    const scores = written.scorecard.criteria.map((c) => `${c.key} ${c.score.toFixed(1)}`).join(', ');
    const verdictError = gateFailure(written.scorecard, written.markdownFile);
    return { note: scores, outputs, ...(verdictError ? { verdictError } : {}) };
  },
};
