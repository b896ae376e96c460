/**
 * The tape module: VHS's tape language. Lexer and parser with every error
 * located and explained, a typed Tape with VHS's defaults filled in, the
 * mapping of a Tape onto termlens's recorder and renderer, and the tape the
 * `vhs` backend hands to VHS.
 */
export * from './types.js';
export { lex, type Token, type TokenKind, type LexResult } from './lexer.js';
export { checkTape, parseTape, loadTape, BUNDLED_FONTS, type ParseTapeOptions, type TapeCheck } from './load.js';
export { formatDiagnostic, formatDiagnostics, TapeSyntaxError, type SourceLines } from './diagnostics.js';
export { convertPattern, parseInlineTheme } from './settings.js';
export { tapeToPlan, shellLaunch, type TapePlan, type PlanStep, type PlanStepKind, type ShellLaunch } from './plan.js';
export { writeVhsTape, quoteTapeString, type VhsTapeOptions } from './vhs-writer.js';
export { runTape, type RunTapeOptions, type RunTapeResult, type TapeProgress } from './run-tape.js';
export { recordTape, readTapeFile, prepareTape, checkRequirements, type RecordTapeOptions, type TapeRecording, type LoadedTape } from './run-record.js';
export { tapeSteps, type StepRole, type TapeSteps } from './run-steps.js';
export { collapseEvents, collapseHiddenSpans, writeCastUntilMarker, type HiddenSpan, type CollapseResult } from './run-cast.js';
export { tapeRenderOptions, screenTexts, writeScreenshots, TEXT_OUTPUT_SEPARATOR, type TapeRenderOptions } from './run-render.js';
