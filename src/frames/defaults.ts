/**
 * The frames stage's defaults and limits, in one place: selectFrames checks
 * against them, the config schema and docs/config.md are built from them,
 * and `termlens frames`'s flags take their bounds and defaults from here.
 */
import type { Range } from '../errors/range.js';
import type { FrameStrategy } from './select.js';

export const FRAME_FORMATS = ['png', 'jpeg'] as const;
export type FrameFormat = (typeof FRAME_FORMATS)[number];

export const FRAMES_DEFAULTS = {
  // 8–12 frames is what vision models are usually shown of one session.
  count: 12,
  strategy: 'distinct' as FrameStrategy,
  // Sized for a vision model: OpenAI's high detail fits an image in 2048 px, then scales its short side to 768 px,
  // so a larger frame costs upload time and nothing else.
  maxShortSide: 768,
  maxLongSide: 2000,
  format: 'png' as FrameFormat,
  grid: true,
} as const;

export const FRAMES_LIMITS = {
  count: { min: 1, max: 200, whole: true },
  maxShortSide: { min: 16, max: 8192, whole: true },
  maxLongSide: { min: 16, max: 8192, whole: true },
  /** Seconds into the video, for strategy `times`. */
  time: { min: 0, max: 86_400 },
} as const satisfies Record<string, Range>;
