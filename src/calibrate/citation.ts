/**
 * Reading a calibration.json for a scorecard to cite (judge.calibration,
 * `termlens report --calibration`). Kept apart from the calibration run so
 * the report stage does not load the renderer or the model client.
 */
import { calibrationFile } from '../run-folder/index.js';
import type { CalibrationCitation } from '../report/agreement.js';

export function readCalibrationCitation(file: string, shownAs = file): CalibrationCitation {
  const data = calibrationFile.readSync(file, { stage: 'report' });
  const criteria: CalibrationCitation['criteria'] = {};
  for (const [key, c] of Object.entries(data.criteria)) if (c) criteria[key as keyof typeof criteria] = { accuracy: c.accuracy, pairs: c.pairs };
  return { file: shownAs, provider: data.provider, model: data.model, promptSet: data.promptSet, criteria };
}
