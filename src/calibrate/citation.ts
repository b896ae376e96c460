/**
 * Reading a calibration.json for a scorecard to cite (judge.calibration,
 * `termlens report --calibration`). Kept apart from the calibration run so
 * the report stage does not load the renderer or the model client.
 */
import { readFileSync } from 'node:fs';
import { TermlensError, quote } from '../errors/index.js';
import type { CalibrationCitation } from '../report/agreement.js';
import type { Calibration } from './types.js';

export function readCalibrationCitation(file: string, shownAs = file): CalibrationCitation {
  let data: Partial<Calibration>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Calibration>;
  } catch (cause) {
    throw new TermlensError(`cannot read the calibration ${quote(shownAs)}: ${(cause as Error).message.split('\n')[0]}`, {
      code: 'bad-input',
      stage: 'report',
      hint: 'Name the calibration.json that termlens calibrate wrote, or drop judge.calibration.',
      cause,
    });
  }
  if (data.schemaVersion !== 1 || typeof data.model !== 'string' || !data.criteria || typeof data.criteria !== 'object') {
    throw new TermlensError(`${quote(shownAs)} is not a calibration.json (schemaVersion 1 with model and criteria)`, {
      code: 'bad-input',
      stage: 'report',
      hint: 'Write it with termlens calibrate.',
    });
  }
  const criteria: CalibrationCitation['criteria'] = {};
  for (const [key, c] of Object.entries(data.criteria)) {
    if (c && typeof c.pairs === 'number') criteria[key as keyof typeof criteria] = { accuracy: typeof c.accuracy === 'number' ? c.accuracy : null, pairs: c.pairs };
  }
  return { file: shownAs, provider: String(data.provider ?? ''), model: data.model, promptSet: String(data.promptSet ?? ''), criteria };
}
