export * from './types.js';
export { VirtualTerminal, blankCell, type VirtualTerminalOptions, type ScreenTextOptions } from './virtual-terminal.js';
export { startReplay, screenAt, applyEvent, parseResize, type Replay, type ReplayStep, type ScreenMoment, type ScreenAt } from './replay.js';
export { formatSnapshot, snapshotText, snapshotLines, snapshotAnsi, SCREEN_FORMATS, type ScreenFormat } from './screen-format.js';
export * from './colors.js';
