/**
 * Maps a parsed Tape onto what termlens needs to run it: recorder options,
 * renderer options and an ordered list of steps. Pure: no files, no clocks.
 *
 * The steps use the recorder's vocabulary (src/record/steps.ts): `kind`,
 * `speedMs`, `source`, key names such as `Enter` and `Ctrl+C`, and a wait's
 * `pattern`/`flags`/`scope`/`timeoutMs`, so an adapter passes `type`, `key`,
 * `sleep` and `wait` through unchanged. The other kinds need the runner:
 * - `hide`/`show`: frames between them are left out of the video (record a
 *   marker, and have the renderer skip the hidden span);
 * - `screenshot`: write the PNG of the screen at that moment (a marker, then
 *   render that frame);
 * - `scroll`: moves the viewport through the scrollback; nothing is sent to
 *   the program, so only the renderer can show it;
 * - outputs of kind `text` write the screen text after each step, and
 *   `frames` a folder of PNGs: both are the runner's, from the cast.
 */
import { DEFAULT_SCHEME, type ColorScheme } from '../terminal/colors.js';
import type { OutputKind, ShellName, SourcePos, Tape, TapeCommand, WindowBarStyle } from './types.js';

interface PlanStepBase {
  /** The tape command the step came from. */
  source: SourcePos;
}

export type PlanStep = PlanStepBase &
  (
    | { kind: 'type'; text: string; /** Delay after each character; 0 sends the text at once. */ speedMs: number }
    | { kind: 'key'; /** Recorder key name: Enter, PageUp, Ctrl+C, Alt+., Shift+Tab… */ key: string; count: number; /** Delay after each press. */ speedMs: number }
    | { kind: 'sleep'; ms: number }
    | { kind: 'wait'; scope: 'line' | 'screen'; pattern: string; flags: string; timeoutMs: number }
    | { kind: 'scroll'; /** Lines to move the viewport, negative = up. */ lines: number; /** Delay after each line. */ speedMs: number }
    | { kind: 'hide' }
    | { kind: 'show' }
    | { kind: 'screenshot'; path: string }
  );

export type PlanStepKind = PlanStep['kind'];

/** How VHS starts each shell: its command line and environment, with VHS's `> ` prompt. */
export interface ShellLaunch {
  name: ShellName;
  argv: string[];
  env: Record<string, string>;
}

export interface TapePlan {
  record: {
    /**
     * The window the terminal's cols and rows derive from (record's size
     * options). Margin and window bar are already taken off width and height,
     * as VHS sizes its viewport that way.
     */
    window: { width: number; height: number; fontSize: number; padding: number };
    shell: ShellLaunch;
    /** The tape's `Env` variables. */
    env: Record<string, string>;
    /** Default timeout of `Wait`. */
    waitTimeoutMs: number;
  };
  render: {
    width: number;
    height: number;
    fontSize: number;
    fontFamily: string;
    lineHeight: number;
    letterSpacing: number;
    padding: number;
    margin: number;
    /** `#rrggbb` or an image path; null = the theme's background. */
    marginFill: string | null;
    windowBar: WindowBarStyle | null;
    windowBarSize: number;
    borderRadius: number;
    /** A theme name for the renderer to look up, or a scheme (VHS's default when the tape sets none). */
    theme: string | ColorScheme;
    /** Frames per second (VHS's Framerate). */
    fps: number;
    /** Playback speed multiplier (VHS's PlaybackSpeed). */
    speed: number;
    cursorBlink: boolean;
    loopOffsetPercent: number;
  };
  outputs: Array<{ path: string; kind: OutputKind }>;
  /** Programs that must be on the PATH before anything runs. */
  requires: string[];
  steps: PlanStep[];
}

/** VHS's prompt colour, #5B56E0. */
const PROMPT_RGB = '90;86;224';
const PROMPT_HEX = '5B56E0';

/** VHS's start-up for each shell: no profile or rc files, no history, prompt `> `. */
const SHELL_LAUNCH: Record<ShellName, () => Omit<ShellLaunch, 'name'>> = {
  bash: () => ({
    argv: ['bash', '--noprofile', '--norc', '--login', '+o', 'history'],
    env: { PS1: `\\[\\e[38;2;${PROMPT_RGB}m\\]> \\[\\e[0m\\]`, BASH_SILENCE_DEPRECATION_WARNING: '1' },
  }),
  osh: () => ({ argv: ['osh', '--norc'], env: { PS1: `\\[\\e[38;2;${PROMPT_RGB}m\\]> \\[\\e[0m\\]` } }),
  zsh: () => ({ argv: ['zsh', '--histnostore', '--no-rcs'], env: { PROMPT: `%F{#${PROMPT_HEX}}> %F{reset_color}` } }),
  fish: () => ({
    argv: [
      'fish', '--login', '--no-config', '--private',
      '-C', 'function fish_greeting; end',
      '-C', `function fish_prompt; set_color ${PROMPT_HEX}; echo -n "> "; set_color normal; end`,
    ],
    env: {},
  }),
  powershell: () => ({
    argv: ['powershell', '-NoLogo', '-NoExit', '-NoProfile', '-Command', `Set-PSReadLineOption -HistorySaveStyle SaveNothing; function prompt { Write-Host '>' -NoNewLine -ForegroundColor ([System.Drawing.Color]::FromArgb(${PROMPT_RGB.replaceAll(';', ',')})); return ' ' }`],
    env: {},
  }),
  pwsh: () => ({
    argv: ['pwsh', '-Login', '-NoLogo', '-NoExit', '-NoProfile', '-Command', `Set-PSReadLineOption -HistorySaveStyle SaveNothing; Function prompt { Write-Host -ForegroundColor ([System.Drawing.Color]::FromArgb(${PROMPT_RGB.replaceAll(';', ',')})) -NoNewLine '>'; return ' ' }`],
    env: {},
  }),
  cmd: () => ({ argv: ['cmd.exe', '/k', 'prompt=> '], env: {} }),
  nu: () => ({ argv: ['nu', '--execute', `$env.PROMPT_COMMAND = {'\x1b[;38;2;${PROMPT_RGB}m>\x1b[m '}; $env.PROMPT_COMMAND_RIGHT = {''}`], env: {} }),
  xonsh: () => ({ argv: ['xonsh', '--no-rc', '-D', `PROMPT=\x1b[;38;2;${PROMPT_RGB}m>\x1b[m `], env: {} }),
};

export function shellLaunch(name: ShellName): ShellLaunch {
  return { name, ...SHELL_LAUNCH[name]() };
}

/** Named keys a chord may end in; any other key is one or more characters. */
const CHORD_KEY_NAMES = new Set(['Enter', 'Tab', 'Space', 'Backspace', 'Left', 'Right', 'Up', 'Down']);

/** The recorder's name for a chord: modifiers in the order Ctrl, Alt, Shift; Ctrl+letter in capitals. */
function chordName(modifiers: readonly string[], key: string): string {
  const shown = modifiers.includes('Ctrl') && /^[a-z]$/.test(key) ? key.toUpperCase() : key;
  return [...modifiers, shown].join('+');
}

export function tapeToPlan(tape: Tape): TapePlan {
  const s = tape.settings;
  const bar = s.windowBar ? s.windowBarSize : 0;
  const steps: PlanStep[] = [];
  let typingSpeedMs = s.typingSpeedMs;
  let clipboard: string | undefined;

  const handlers: { [K in TapeCommand['kind']]: (c: Extract<TapeCommand, { kind: K }>) => void } = {
    type: (c) => steps.push({ kind: 'type', text: c.text, speedMs: c.speedMs ?? typingSpeedMs, source: c.pos }),
    key: (c) => steps.push({ kind: 'key', key: c.key, count: c.count, speedMs: c.speedMs ?? typingSpeedMs, source: c.pos }),
    scroll: (c) => steps.push({ kind: 'scroll', lines: c.direction === 'up' ? -c.count : c.count, speedMs: c.speedMs ?? typingSpeedMs, source: c.pos }),
    chord: (c) => {
      // VHS's Alt+ and Shift+ press each character of a longer word in turn; chords add no delay.
      const keys = CHORD_KEY_NAMES.has(c.key) ? [c.key] : [...c.key];
      for (const k of keys) steps.push({ kind: 'key', key: chordName(c.modifiers, k), count: 1, speedMs: 0, source: c.pos });
    },
    sleep: (c) => steps.push({ kind: 'sleep', ms: c.ms, source: c.pos }),
    wait: (c) =>
      steps.push({
        kind: 'wait',
        scope: c.scope,
        pattern: c.pattern ?? s.waitPattern,
        flags: c.pattern === undefined ? s.waitPatternFlags : c.flags ?? '',
        timeoutMs: c.timeoutMs ?? s.waitTimeoutMs,
        source: c.pos,
      }),
    hide: (c) => steps.push({ kind: 'hide', source: c.pos }),
    show: (c) => steps.push({ kind: 'show', source: c.pos }),
    screenshot: (c) => steps.push({ kind: 'screenshot', path: c.path, source: c.pos }),
    copy: (c) => {
      clipboard = c.text;
    },
    // VHS pastes the clipboard in one go, with no delay between characters.
    paste: (c) => {
      if (clipboard) steps.push({ kind: 'type', text: clipboard, speedMs: 0, source: c.pos });
    },
    'typing-speed': (c) => {
      typingSpeedMs = c.ms;
    },
  };
  for (const c of tape.commands) (handlers[c.kind] as (c: TapeCommand) => void)(c);

  const theme = s.theme.kind === 'name' ? s.theme.name : s.theme.kind === 'inline' ? s.theme.scheme : DEFAULT_SCHEME;
  return {
    record: {
      window: {
        width: s.width - 2 * s.margin,
        height: s.height - 2 * s.margin - bar,
        fontSize: s.fontSize,
        padding: s.padding,
      },
      shell: shellLaunch(s.shell),
      env: { ...tape.env },
      waitTimeoutMs: s.waitTimeoutMs,
    },
    render: {
      width: s.width,
      height: s.height,
      fontSize: s.fontSize,
      fontFamily: s.fontFamily,
      lineHeight: s.lineHeight,
      letterSpacing: s.letterSpacing,
      padding: s.padding,
      margin: s.margin,
      marginFill: s.marginFill,
      windowBar: s.windowBar,
      windowBarSize: s.windowBarSize,
      borderRadius: s.borderRadius,
      theme,
      fps: s.framerate,
      speed: s.playbackSpeed,
      cursorBlink: s.cursorBlink,
      loopOffsetPercent: s.loopOffsetPercent,
    },
    outputs: tape.outputs.map(({ path, kind }) => ({ path, kind })),
    requires: [...tape.requires],
    steps,
  };
}
