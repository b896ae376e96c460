/**
 * The tape handed to VHS, built without touching anything: either the
 * config's own recording as the reference tape (REFERENCE.md), or a tape
 * the user wrote with its `Output` lines replaced by the video termlens
 * wants. Pure functions, tested against golden files.
 */
import { TermlensError, quote } from '../errors/index.js';
import { BUILTIN_THEMES } from '../render/index.js';
import { TapeSyntaxError, checkTape, quoteTapeString, writeVhsTape, type ShellName } from '../tape/index.js';

/** What the config-driven tape needs; a subset of TermlensConfig so tests can build one by hand. */
export interface VhsTapeSource {
  /** The command line to record. */
  command: string;
  /** Seconds the final Wait may take (the recording's timeout). */
  timeoutSeconds: number;
  /** Window in pixels. @default 1920 × 1080 */
  width?: number;
  height?: number;
  /** @default 15 */
  fontSize?: number;
  /** A theme name; "VHS" (termlens's name for VHS's default colours) writes no Set Theme; a file path is left out with a warning. */
  theme?: string;
  /** @default "bash" */
  shell?: ShellName;
}

export interface VhsTape {
  text: string;
  /** Things the tape could not carry, for the user to read. */
  warnings: string[];
}

/** The reference tape for a command (Hide; prompt; type; Show; Enter; Wait for the prompt). */
export function vhsTapeForCommand(source: VhsTapeSource, outputMp4: string): VhsTape {
  const warnings: string[] = [];
  const theme = source.theme ?? 'VHS';
  const isVhsDefault = theme.toLowerCase() === 'vhs';
  const isFile = /[\\/]/.test(theme) || /\.(json|itermcolors)$/i.test(theme);
  if (isFile) warnings.push(`the theme file ${quote(theme)} is not passed to VHS (a tape takes theme names or inline JSON); VHS's default colours are used`);
  const known = BUILTIN_THEMES.some((t) => t.name.toLowerCase() === theme.toLowerCase());
  if (!isFile && !isVhsDefault && !known) warnings.push(`the theme ${quote(theme)} is passed to VHS as is; VHS fails if it does not know the name`);
  const text = writeVhsTape({
    output: outputMp4,
    command: source.command,
    waitTimeoutSeconds: source.timeoutSeconds,
    ...(source.width !== undefined ? { width: source.width } : {}),
    ...(source.height !== undefined ? { height: source.height } : {}),
    ...(source.fontSize !== undefined ? { fontSize: source.fontSize } : {}),
    ...(source.shell ? { shell: source.shell } : {}),
    theme: isFile || isVhsDefault ? 'VHS' : theme,
  });
  // VHS's default colours have no name VHS knows: leave the setting out instead.
  const lines = text.split('\n').filter((line) => !(line.startsWith('Set Theme ') && (isFile || isVhsDefault)));
  return { text: lines.join('\n'), warnings };
}

/**
 * A user's tape with every `Output` line replaced by one `Output` for the
 * video termlens reads back. The tape is checked first: errors throw a
 * TapeSyntaxError (nothing runs), as with the native runner.
 */
export function vhsTapeFromText(tapeText: string, outputMp4: string, file = '<tape>'): VhsTape {
  const check = checkTape(tapeText, { file });
  if (!check.tape) throw new TapeSyntaxError(file, check.errors, check.sources);
  if (!/\.mp4$/i.test(outputMp4)) {
    throw new TermlensError(`the VHS backend writes an MP4, not ${quote(outputMp4)}`, { code: 'usage', stage: 'record', hint: 'Name the output .mp4.' });
  }
  const dropped = check.tape.outputs.map((o) => o.path);
  const kept = tapeText.split(/\r?\n/).filter((line) => !/^\s*Output\s/.test(line));
  const warnings = dropped.length > 0 ? [`the tape's Output ${dropped.map((p) => quote(p)).join(', ')} ${dropped.length === 1 ? 'is' : 'are'} replaced by ${quote(outputMp4)}`] : [];
  return { text: [`Output ${quoteTapeString(outputMp4)}`, ...kept].join('\n').replace(/\n*$/, '\n'), warnings };
}

/** The command line VHS is run with; the tape path is its only argument. */
export function vhsArgs(tapePath: string): string[] {
  return [tapePath];
}
