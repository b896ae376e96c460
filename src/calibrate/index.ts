/** Checking a model before trusting it: known pairs from a corpus, scored and compared, written as calibration.json/.md/.html. */
export { calibrate, type CalibrateOptions } from './run.js';
export { writeCalibration, renderCalibrationMarkdown, renderCalibrationHtml, type WrittenCalibration } from './write.js';
export { readCalibrationCitation } from './citation.js';
export { scorePair, criterionResults, overallResult, passedGate, calibrationNotes } from './summarize.js';
export type * from './types.js';
