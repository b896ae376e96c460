/**
 * The typed result of parsing a VHS tape: outputs, settings with VHS's
 * defaults filled in, environment, and the commands in order, each with the
 * place it was written. Vocabulary (command, key, setting and shell names)
 * lives here too, so the lexer, parser and "did you mean" share one list.
 */
import type { ColorScheme } from '../terminal/colors.js';

/** Where something was written. Lines and columns are 1-based. */
export interface SourcePos {
  /** The tape file as it was given (or `<tape>` for text without a file). */
  file: string;
  line: number;
  column: number;
}

/** Keys that take `[@speed] [count]`, in VHS's spelling. */
export const KEY_NAMES = [
  'Backspace', 'Delete', 'Insert', 'Enter', 'Space', 'Tab', 'Escape',
  'Up', 'Down', 'Left', 'Right', 'PageUp', 'PageDown',
] as const;
export type KeyName = (typeof KEY_NAMES)[number];

/** ScrollUp/ScrollDown move xterm's viewport; they send nothing to the program. */
export const SCROLL_NAMES = ['ScrollUp', 'ScrollDown'] as const;

export const MODIFIERS = ['Ctrl', 'Alt', 'Shift'] as const;
export type Modifier = (typeof MODIFIERS)[number];

/** Every word that starts a command. */
export const COMMAND_NAMES = [
  'Output', 'Require', 'Set', 'Type', 'Sleep', 'Wait', 'Hide', 'Show', 'Screenshot',
  'Copy', 'Paste', 'Source', 'Env', 'Subtitle', ...MODIFIERS, ...KEY_NAMES, ...SCROLL_NAMES,
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const SETTING_NAMES = [
  'Shell', 'FontSize', 'FontFamily', 'Width', 'Height', 'LetterSpacing', 'LineHeight',
  'Padding', 'Margin', 'MarginFill', 'WindowBar', 'WindowBarSize', 'BorderRadius',
  'TypingSpeed', 'Framerate', 'PlaybackSpeed', 'LoopOffset', 'CursorBlink',
  'WaitTimeout', 'WaitPattern', 'Theme',
] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

/** Settings newer VHS versions know that termlens accepts and ignores, with a warning. */
export const IGNORED_SETTING_NAMES = [
  'SubtitleFontSize', 'SubtitleFontFamily', 'SubtitleColor', 'SubtitleBackground',
  'SubtitlePosition', 'SubtitlePadding', 'SubtitleBorderRadius',
] as const;

export const SHELLS = ['bash', 'zsh', 'fish', 'powershell', 'pwsh', 'cmd', 'nu', 'osh', 'xonsh'] as const;
export type ShellName = (typeof SHELLS)[number];

export const WINDOW_BAR_STYLES = ['Colorful', 'ColorfulRight', 'Rings', 'RingsRight'] as const;
export type WindowBarStyle = (typeof WINDOW_BAR_STYLES)[number];

/** `Set Theme`: VHS's default, a theme by name, or an inline JSON scheme. */
export type TapeTheme =
  | { kind: 'default' }
  | { kind: 'name'; name: string }
  | { kind: 'inline'; name?: string; scheme: ColorScheme };

/** Every setting with its value after the tape's `Set` commands; VHS's defaults otherwise. */
export interface TapeSettings {
  /** @default "bash" */
  shell: ShellName;
  /** @default 22 */
  fontSize: number;
  /** @default "JetBrains Mono" */
  fontFamily: string;
  /** Window width in pixels. @default 1200 */
  width: number;
  /** Window height in pixels. @default 600 */
  height: number;
  /** @default 1 */
  letterSpacing: number;
  /** @default 1 */
  lineHeight: number;
  /** @default 60 */
  padding: number;
  /** @default 0 */
  margin: number;
  /** A `#rrggbb` colour or an image path; null fills with the theme's background. @default null */
  marginFill: string | null;
  /** null draws no bar. @default null */
  windowBar: WindowBarStyle | null;
  /** @default 30 */
  windowBarSize: number;
  /** @default 0 */
  borderRadius: number;
  /** Delay after each typed character or key press, in ms. @default 50 */
  typingSpeedMs: number;
  /** @default 50 */
  framerate: number;
  /** @default 1 */
  playbackSpeed: number;
  /** Where a looping GIF starts, as a percentage of its length. @default 0 */
  loopOffsetPercent: number;
  /** @default true */
  cursorBlink: boolean;
  /** @default 15000 */
  waitTimeoutMs: number;
  /** JavaScript regular expression source. @default ">$" */
  waitPattern: string;
  /** RegExp flags for waitPattern (from a leading `(?i)` and the like). @default "" */
  waitPatternFlags: string;
  /** @default { kind: "default" } */
  theme: TapeTheme;
}

export const DEFAULT_SETTINGS: Readonly<TapeSettings> = Object.freeze<TapeSettings>({
  shell: 'bash',
  fontSize: 22,
  fontFamily: 'JetBrains Mono',
  width: 1200,
  height: 600,
  letterSpacing: 1,
  lineHeight: 1,
  padding: 60,
  margin: 0,
  marginFill: null,
  windowBar: null,
  windowBarSize: 30,
  borderRadius: 0,
  typingSpeedMs: 50,
  framerate: 50,
  playbackSpeed: 1,
  loopOffsetPercent: 0,
  cursorBlink: true,
  waitTimeoutMs: 15_000,
  waitPattern: '>$',
  waitPatternFlags: '',
  theme: { kind: 'default' },
});

export type OutputKind = 'gif' | 'mp4' | 'webm' | 'frames' | 'text';

export interface TapeOutput {
  /** As written in the tape (VHS resolves it against the working directory). */
  path: string;
  kind: OutputKind;
  pos: SourcePos;
}

interface CommandBase {
  pos: SourcePos;
}

/** `Type[@speed] "text" …`: several strings are joined with a space, as VHS does. */
export interface TypeCommand extends CommandBase {
  kind: 'type';
  text: string;
  /** Per-character delay from `@speed`; without it the current TypingSpeed applies. */
  speedMs?: number;
}

/** `Enter[@speed] [count]` and the other named keys. */
export interface KeyCommand extends CommandBase {
  kind: 'key';
  key: KeyName;
  count: number;
  speedMs?: number;
}

/** `ScrollUp`/`ScrollDown[@speed] [count]`: moves the viewport by `count` lines. */
export interface ScrollCommand extends CommandBase {
  kind: 'scroll';
  direction: 'up' | 'down';
  count: number;
  speedMs?: number;
}

/**
 * `Ctrl+…`, `Alt+…`, `Shift+…`. `key` is a single character, a key name
 * (Enter, Tab, Left…), or for Alt+ and Shift+ a word whose characters VHS
 * presses one after another.
 */
export interface ChordCommand extends CommandBase {
  kind: 'chord';
  /** In the canonical order Ctrl, Alt, Shift. */
  modifiers: Modifier[];
  key: string;
}

export interface SleepCommand extends CommandBase {
  kind: 'sleep';
  ms: number;
}

/** `Wait[+Line|+Screen][@timeout] [/regex/]`; absent values come from WaitPattern/WaitTimeout. */
export interface WaitCommand extends CommandBase {
  kind: 'wait';
  scope: 'line' | 'screen';
  pattern?: string;
  flags?: string;
  timeoutMs?: number;
}

export interface HideCommand extends CommandBase {
  kind: 'hide';
}

export interface ShowCommand extends CommandBase {
  kind: 'show';
}

export interface ScreenshotCommand extends CommandBase {
  kind: 'screenshot';
  /** A `.png` path as written. */
  path: string;
}

/** `Copy "text"` puts text on the tape's clipboard (never the system's). */
export interface CopyCommand extends CommandBase {
  kind: 'copy';
  text: string;
}

/** `Paste` types what the last `Copy` put on the clipboard. */
export interface PasteCommand extends CommandBase {
  kind: 'paste';
}

/** A `Set TypingSpeed` after the first command: VHS lets that one change mid-tape. */
export interface TypingSpeedCommand extends CommandBase {
  kind: 'typing-speed';
  ms: number;
}

export type TapeCommand =
  | TypeCommand
  | KeyCommand
  | ScrollCommand
  | ChordCommand
  | SleepCommand
  | WaitCommand
  | HideCommand
  | ShowCommand
  | ScreenshotCommand
  | CopyCommand
  | PasteCommand
  | TypingSpeedCommand;

export type TapeCommandKind = TapeCommand['kind'];

/** An error or warning with the place it points at. */
export interface TapeDiagnostic {
  severity: 'error' | 'warning';
  message: string;
  pos: SourcePos;
  /** How many characters the caret underlines. @default the word at the column */
  length?: number;
}

/** A parsed tape, ready to run. */
export interface Tape {
  /** The root tape file as given, or `<tape>`. */
  file: string;
  outputs: TapeOutput[];
  /** Programs the tape needs on the PATH (`Require`). */
  requires: string[];
  settings: TapeSettings;
  /** From `Env KEY "value"`, wherever they are (VHS sets them before the shell starts). */
  env: Record<string, string>;
  commands: TapeCommand[];
  warnings: TapeDiagnostic[];
}
