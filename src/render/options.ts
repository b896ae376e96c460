/**
 * Checks and defaults for RenderOptions, in one place: every bad value is a
 * usage error that quotes it, raised before any work starts.
 */
import { access, constants, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { TermlensError, quote } from '../errors/index.js';
import { parseHex, type RGB } from '../terminal/index.js';
import { VIDEO_FORMATS, type VideoFormat } from './encode/ffmpeg-args.js';
import { WINDOW_BAR_STYLES, type WindowBarStyle } from './raster/layout.js';
import type { RenderOptions } from './types.js';

function usage(message: string, hint: string): TermlensError {
  return new TermlensError(message, { code: 'usage', stage: 'render', hint });
}

function positive(name: string, value: number | undefined, fallback: number, max = Infinity): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0 || v > max) throw usage(`${name} must be a positive number${max < Infinity ? ` up to ${max}` : ''}, got ${quote(value)}`, `Pass a valid ${name}.`);
  return v;
}

function nonNegativeInt(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 0) throw usage(`${name} must be a whole number of pixels, got ${quote(value)}`, `Pass a valid ${name}.`);
  return v;
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
  const width = nonNegativeInt('width', options.width, 1920);
  const height = nonNegativeInt('height', options.height, 1080);
  // 4:2:0 video needs even sizes.
  if (width % 2 || height % 2) throw usage(`width and height must be even, got ${width}×${height}`, 'Use even pixel sizes, e.g. 1920×1080.');
  if (options.fontSize !== undefined) positive('font size', options.fontSize, 1, 500);
  if (options.idleTimeLimit !== undefined) positive('idle time limit', options.idleTimeLimit, 1);
  if (options.windowBar !== undefined && !WINDOW_BAR_STYLES.includes(options.windowBar)) {
    throw usage(`unknown window bar ${quote(options.windowBar)}`, `Use one of ${WINDOW_BAR_STYLES.join(', ')}.`);
  }
  const resolved: ResolvedOptions = {
    ...(output ? { output, format: videoFormatOf(output) } : {}),
    ...(framesDir ? { framesDir } : {}),
    width,
    height,
    fps: positive('fps', options.fps, 30, 120),
    speed: positive('speed', options.speed, 1, 1000),
    ...(options.fontSize !== undefined ? { fontSize: options.fontSize } : {}),
    lineHeight: positive('line height', options.lineHeight, 1, 10),
    padding: nonNegativeInt('padding', options.padding, 40),
    margin: nonNegativeInt('margin', options.margin, 0),
    borderRadius: nonNegativeInt('border radius', options.borderRadius, 0),
    ...(options.windowBar ? { windowBar: options.windowBar } : {}),
    windowBarSize: nonNegativeInt('window bar size', options.windowBarSize, 30),
  };
  const marginFill = color('margin fill', options.marginFill);
  if (marginFill) resolved.marginFill = marginFill;
  const barColor = color('window bar colour', options.windowBarColor);
  if (barColor) resolved.windowBarColor = barColor;
  if (output) await checkWritable(output);
  return resolved;
}
