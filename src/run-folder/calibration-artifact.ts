/**
 * calibration.json: how well a model told known-better displays from
 * known-worse ones (termlens calibrate). A scorecard cites it through
 * judge.calibration, so the report stage reads it; the schema checks the
 * parts that citation and users' scripts rely on.
 */
import { z } from 'zod';
import { defineArtifact } from './artifact.js';
import { num, partialByCriterion, version } from './schema-parts.js';

const accuracy = num.nullable();

export const calibrationFile = defineArtifact({
  file: 'calibration.json',
  stage: 'calibrate',
  writtenBy: 'termlens calibrate',
  schemaVersion: 1,
  schema: z.object({
    schemaVersion: version,
    provider: z.string(),
    model: z.string(),
    promptSet: z.string(),
    criteria: partialByCriterion(z.object({ pairs: num, accuracy })),
    overall: z.object({ pairs: num, correct: num, accuracy }).optional(),
    passed: z.boolean().optional(),
  }),
});

export type CalibrationFile = z.output<typeof calibrationFile.schema>;
