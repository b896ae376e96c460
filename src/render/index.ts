/**
 * The render stage: themes, font and glyph atlas, rasteriser and encoder.
 * `renderCast` turns a cast into a video (MP4/WebM/GIF) and/or PNG frames
 * plus video.json; `loadTheme` gives the colours other stages measure with.
 */
export { renderCast } from './render-cast.js';
export { startLiveRender, LIVE_RENDER_NICENESS, LIVE_RENDER_START, type LiveRender, type LiveRenderOptions, type LiveRenderStart } from './live-render.js';
export { videoFormatOf } from './options.js';
export type { RenderOptions, RenderProgress, RenderResult, VideoManifest, FrameRecord } from './types.js';
export {
  loadTheme,
  loadThemeFile,
  findBuiltinTheme,
  builtinThemeNames,
  themeFromCastHeader,
  BUILTIN_THEMES,
  DEFAULT_THEME_NAME,
  type NamedScheme,
} from './themes/index.js';
export { buildFfmpegArgs, inputPixelFormat, VIDEO_FORMATS, type VideoFormat, type EncodeSettings, type RawPixelFormat } from './encode/ffmpeg-args.js';
export { createFfmpegSink, type FrameSink } from './encode/encoder.js';
export { WINDOW_BAR_STYLES, type WindowBarStyle } from './raster/layout.js';
