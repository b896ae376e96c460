/**
 * run-folder: the one owner of the files stages leave for each other. Each
 * artifact has a typed reader (checked on read, one error wording naming the
 * file, what is wrong and what wrote it; a newer major schemaVersion is
 * refused) and a writer (checked, then written atomically through one
 * function). docs/architecture.md lists who writes and who reads each file.
 */
export { writeFileAtomic, writeFileAtomicSync, type AtomicWriteOptions } from './atomic-write.js';
export { defineArtifact, type Artifact, type ArtifactSpec, type ReadOptions, type WriteOptions } from './artifact.js';
export {
  framesFile,
  metricsFile,
  judgmentsFile,
  scorecardFile,
  pretestFile,
  videoFile,
  statusFile,
  runFile,
  compareFile,
  type FramesFile,
  type MetricsFile,
  type JudgmentsFile,
  type ScorecardFile,
  type PretestFile,
  type VideoFile,
  type StatusFile,
  type RunFile,
  type CompareFile,
} from './artifacts.js';
export { suiteFile, suiteStatusFile, suiteCompareFile, type SuiteFile, type SuiteStatusFile, type SuiteCompareFile } from './suite-artifacts.js';
export { calibrationFile, type CalibrationFile } from './calibration-artifact.js';
export { sessionFile, type SessionArtifact, type SessionArtifactInput } from './session-artifact.js';
export { SESSION_FILE_NAME, SESSION_SCHEMA_VERSION } from './session-version.js';
