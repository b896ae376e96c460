/** CI friendliness: GitHub step summaries and JUnit reports of the quality gates. */
export { appendStepSummary, fitSummary, STEP_SUMMARY_LIMIT } from './step-summary.js';
export { junitXml, writeJUnit, gatesFromScorecard, gatesFromComparison, type QualityGate } from './junit.js';
