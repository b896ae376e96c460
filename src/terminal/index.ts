export * from './types.js';
export { VirtualTerminal, type VirtualTerminalOptions, type ScreenTextOptions } from './virtual-terminal.js';
export { blankCell } from './cell-decode.js';
export { CellReader, CONTENT_CODEPOINT_MASK, CONTENT_COMBINED_FLAG, CONTENT_WIDTH_SHIFT, type CellStyle } from './cell-reader.js';
export { type UnknownKind, type UnknownSequenceReport } from './unknown-sequences.js';
export {
  replayCast,
  screenAt,
  parseResize,
  type ReplayConsumer,
  type ReplayScreen,
  type ReplayOptions,
  type HookResult,
  type Size,
  type ScreenMoment,
  type ScreenAt,
} from './replay.js';
export { formatSnapshot, snapshotText, snapshotLines, snapshotAnsi, SCREEN_FORMATS, type ScreenFormat } from './screen-format.js';
export * from './colors.js';
