/** Pieces the artifacts' schemas share (run folders, suite folders, calibrations). */
import { z } from 'zod';
import { CRITERIA } from '../criteria.js';

export const num = z.number();
/** Any JSON object: a shape its own stage describes (the inspector's measures). */
export const plainObject = z.custom<object>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'expected an object');
/** A number, not a literal: a newer minor version (1.1) only adds fields, and is read. */
export const version = z.number();
export const marker = z.object({ label: z.string(), time: num });
export const frameRef = z.object({ index: z.number().int(), time: num, file: z.string(), reason: z.string() });
export const byCriterion = <T extends z.ZodType>(value: T) => z.object(Object.fromEntries(CRITERIA.map((k) => [k, value])) as Record<(typeof CRITERIA)[number], T>);
export const partialByCriterion = <T extends z.ZodType>(value: T) => byCriterion(value.optional());
export const verdict = z.enum(['good', 'fair', 'poor']);
/** One quality gate (judge.minScores) as the scorecard and the suite record it. */
export const gate = z.object({ criterion: z.enum(CRITERIA), min: num, actual: num, source: z.enum(['model', 'offline']), passed: z.boolean() });
