/**
 * The render stage's defaults and limits, in one place: resolveOptions checks
 * against them, the config schema and docs/config.md are built from them,
 * and `termlens render`'s flags take their bounds and defaults from here.
 */
import type { Range } from '../errors/range.js';
import { RECORD_LIMITS } from '../record/defaults.js';
import { DEFAULT_THEME_NAME } from './themes/builtin.js';

export const RENDER_DEFAULTS = {
  theme: DEFAULT_THEME_NAME,
  width: 1920,
  height: 1080,
  fps: 30,
  speed: 1,
  padding: 40,
  margin: 0,
  borderRadius: 0,
  lineHeight: 1,
  windowBarSize: 30,
} as const;

export const RENDER_LIMITS = {
  // A video takes its size, font and padding from the record window when the config sizes one, so it
  // accepts every window the recorder does (an odd side one pixel larger: 4:2:0 video needs even sides).
  // 7680 is 8K's long side, on either side (portrait too).
  width: { ...RECORD_LIMITS.width, even: true },
  height: { ...RECORD_LIMITS.height, even: true },
  fontSize: RECORD_LIMITS.fontSize,
  padding: RECORD_LIMITS.padding,
  fps: { min: 1, max: 120, whole: true },
  // Above 100× a 30 fps frame spans more than 3 s of the recording and most screens are never drawn;
  // to shorten long pauses, idleTimeLimit is the tool.
  speed: { min: 0.01, max: 100 },
  margin: { min: 0, max: 2000, whole: true },
  borderRadius: { min: 0, max: 500, whole: true },
  lineHeight: { min: 0.1, max: 10 },
  windowBarSize: { min: 0, max: 500, whole: true },
  /** Seconds; the longest pause kept (a duration in a config, at most 24 h). */
  idleTimeLimit: { min: 0.001, max: 86_400 },
} as const satisfies Record<string, Range>;
