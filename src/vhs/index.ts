/**
 * The VHS backend: write the tape for the target and run the `vhs` program
 * on it, for users who want VHS's own recording. The MP4 it produces goes
 * through frames, judge and report like any other.
 */
export { recordWithVhs, DEFAULT_VHS_TIMEOUT_MS, type RecordWithVhsOptions, type VhsRecording } from './run.js';
export { vhsTapeForCommand, vhsTapeFromText, vhsArgs, type VhsTapeSource, type VhsTape } from './tape-text.js';
export { findVhsTools, vhsPath, type VhsTools } from './tools.js';
