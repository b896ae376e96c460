/**
 * Checks and defaults for RenderOptions, in one place: every bad value is a
 * usage error that quotes it, raised before any work starts.
 */
import { access, constants, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { TermlensError, quote } from '../errors/index.js';
import { checkRange, type Range } from '../errors/range.js';
import { parseHex, type RGB } from '../terminal/index.js';
import { RENDER_DEFAULTS, RENDER_LIMITS } from './defaults.js';
import { VIDEO_FORMATS, type VideoFormat } from './encode/ffmpeg-args.js';
import { WINDOW_BAR_STYLES, type WindowBarStyle } from './raster/layout.js';
import type { RenderOptions } from './types.js';

function usage(message: string, hint: string): TermlensError {
  return new TermlensError(message, { code: 'usage', stage: 'render', hint });
}

/** The value, or its default when not given, checked against the stage's limit. */
function checked(name: string, value: number | undefined, fallback: number, range: Range): number {
  return checkRange(name, value ?? fallback, range, 'render');
}

function color(name: string, value: string | undefined): RGB | undefined {
  if (value === undefined) return undefined;
  const rgb = parseHex(value);
  if (!rgb) throw usage(`${name} must be a #rrggbb colour, got ${quote(value)}`, `Pass ${name} as #rrggbb.`);
  return rgb;
}

export function videoFormatOf(output: string): VideoFormat {
  const ext = extname(output).slice(1).toLowerCase() as VideoFormat;
  if (!VIDEO_FORMATS.includes(ext)) {
    throw usage(`cannot tell the video format of ${quote(output)}`, 'Name the output .mp4, .webm or .gif (or use --frames DIR for PNGs).');
  }
  return ext;
}

/** Fail before any work if the output cannot be written, naming the path. */
async function checkWritable(path: string): Promise<void> {
  const dir = dirname(resolve(path));
  const fail = (why: string, cause?: unknown) =>
    new TermlensError(`cannot write ${quote(path)}: ${why}`, {
      code: 'unwritable',
      stage: 'render',
      hint: 'Choose an output path in an existing folder you can write to.',
      cause,
    });
  try {
    if ((await stat(path)).isDirectory()) throw fail('it is a directory');
  } catch (error) {
    if (error instanceof TermlensError) throw error;
  }
  try {
    if (!(await stat(dir)).isDirectory()) throw fail(`${quote(dir)} is not a directory`);
  } catch (error) {
    if (error instanceof TermlensError) throw error;
    throw fail(`the folder ${quote(dir)} does not exist`, error);
  }
  try {
    await access(dir, constants.W_OK);
  } catch (cause) {
    throw fail(`the folder ${quote(dir)} is not writable`, cause);
  }
}

/** RenderOptions with every default filled in and every value checked. */
export interface ResolvedOptions {
  output?: string;
  framesDir?: string;
  format?: VideoFormat;
  width: number;
  height: number;
  fps: number;
  speed: number;
  fontSize?: number;
  lineHeight: number;
  padding: number;
  margin: number;
  marginFill?: RGB;
  borderRadius: number;
  windowBar?: WindowBarStyle;
  windowBarSize: number;
  windowBarColor?: RGB;
}

export async function resolveOptions(options: RenderOptions): Promise<ResolvedOptions> {
  const { output, framesDir } = options;
  if (!output && !framesDir && !options.sink) throw usage('nothing to write', 'Give an output video (-o OUT.mp4) or --frames DIR.');
  const width = checked('width', options.width, RENDER_DEFAULTS.width, RENDER_LIMITS.width);
  const height = checked('height', options.height, RENDER_DEFAULTS.height, RENDER_LIMITS.height);
  if (options.fontSize !== undefined) checkRange('font size', options.fontSize, RENDER_LIMITS.fontSize, 'render');
  if (options.idleTimeLimit !== undefined) checkRange('idle time limit', options.idleTimeLimit, RENDER_LIMITS.idleTimeLimit, 'render');
  if (options.windowBar !== undefined && !WINDOW_BAR_STYLES.includes(options.windowBar)) {
    throw usage(`unknown window bar ${quote(options.windowBar)}`, `Use one of ${WINDOW_BAR_STYLES.join(', ')}.`);
  }
  const resolved: ResolvedOptions = {
    ...(output ? { output, format: videoFormatOf(output) } : {}),
    ...(framesDir ? { framesDir } : {}),
    width,
    height,
    fps: checked('fps', options.fps, RENDER_DEFAULTS.fps, RENDER_LIMITS.fps),
    speed: checked('speed', options.speed, RENDER_DEFAULTS.speed, RENDER_LIMITS.speed),
    ...(options.fontSize !== undefined ? { fontSize: options.fontSize } : {}),
    lineHeight: checked('line height', options.lineHeight, RENDER_DEFAULTS.lineHeight, RENDER_LIMITS.lineHeight),
    padding: checked('padding', options.padding, RENDER_DEFAULTS.padding, RENDER_LIMITS.padding),
    margin: checked('margin', options.margin, RENDER_DEFAULTS.margin, RENDER_LIMITS.margin),
    borderRadius: checked('border radius', options.borderRadius, RENDER_DEFAULTS.borderRadius, RENDER_LIMITS.borderRadius),
    ...(options.windowBar ? { windowBar: options.windowBar } : {}),
    windowBarSize: checked('window bar size', options.windowBarSize, RENDER_DEFAULTS.windowBarSize, RENDER_LIMITS.windowBarSize),
  };
  const marginFill = color('margin fill', options.marginFill);
  if (marginFill) resolved.marginFill = marginFill;
  const barColor = color('window bar colour', options.windowBarColor);
  if (barColor) resolved.windowBarColor = barColor;
  if (output) await checkWritable(output);
  return resolved;
}
