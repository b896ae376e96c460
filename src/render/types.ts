/** Options, results and the video.json manifest of the render stage. */
import type { FollowOptions } from '../cast/index.js';
import type { VideoFormat } from './encode/ffmpeg-args.js';
import type { FrameSink } from './encode/encoder.js';
import type { WindowBarStyle } from './raster/layout.js';
import type { NamedScheme } from './themes/index.js';

export interface RenderOptions {
  /** Video to write: .mp4 (H.264), .webm (VP9) or .gif. Optional when `framesDir` is given. */
  output?: string;
  /** Also write a PNG of every distinct frame into this directory (created if missing). */
  framesDir?: string;
  /** Output width in pixels. @default RENDER_DEFAULTS.width (render/defaults.ts, with the limits) */
  width?: number;
  /** Output height in pixels. @default RENDER_DEFAULTS.height */
  height?: number;
  /** Font size in pixels. @default the largest that fits the terminal in the frame */
  fontSize?: number;
  /** Line height as a multiple of the font's natural line height. @default 1 */
  lineHeight?: number;
  /** Space between the window edge and the cells, in the theme's background. @default RENDER_DEFAULTS.padding */
  padding?: number;
  /** Space around the window. @default 0 */
  margin?: number;
  /** Colour of the margin, #rrggbb. @default the theme's background */
  marginFill?: string;
  /** Corner radius of the window, in pixels (visible with a margin). @default 0 */
  borderRadius?: number;
  /** A window bar in one of VHS's styles. @default none */
  windowBar?: WindowBarStyle;
  /** Height of the window bar. @default 30 */
  windowBarSize?: number;
  /** Colour of the window bar, #rrggbb. @default the theme's background */
  windowBarColor?: string;
  /** Frame-rate cap: events closer together than one frame share a frame. @default RENDER_DEFAULTS.fps */
  fps?: number;
  /** Playback speed (2 = twice as fast). @default RENDER_DEFAULTS.speed */
  speed?: number;
  /** Longest pause kept, in seconds. @default the cast header's idle_time_limit, else no limit */
  idleTimeLimit?: number;
  /** Theme name, theme file, or a scheme. @default the cast header's theme, else "VHS" */
  theme?: string | NamedScheme;
  /** Encoder quality (x264/VP9 CRF). @default 18 for MP4, 32 for WebM */
  crf?: number;
  /** x264 preset. @default 'veryfast' */
  preset?: string;
  /** Where to write the manifest. @default video.json beside the output (or in framesDir) */
  manifestPath?: string;
  /** Called after each frame. */
  onProgress?: (progress: RenderProgress) => void;
  /** Frames go here instead of ffmpeg (benchmarks, tests of the raw frames). */
  sink?: FrameSink;
  /** Stops the render; partial output is deleted. */
  signal?: AbortSignal;
  /**
   * Render a cast that is still being recorded, following it until `ended()`
   * says the recorder has closed it. The video is the one a render of the
   * finished cast makes; a cast that grows past its header's size fails (the
   * frame's size depends on the largest size), so render it afterwards.
   */
  follow?: FollowOptions;
  /**
   * Also write a grey thumbnail of every frame beside the video (named in
   * video.json), so the frames stage can tell frames apart without decoding
   * the video. The live render asks for them: it has CPU time to spare while
   * the program runs. @default false
   */
  thumbnails?: boolean;
}

export interface RenderProgress {
  framesDone: number;
  /** Upper bound on frames: frame slots that hold output. */
  framesEstimated: number;
  /** Video time reached, seconds. */
  time: number;
  duration: number;
}

export interface FrameRecord {
  /** Seconds from the start of the video. */
  time: number;
  /** Fraction of cells redrawn for this frame (0–1). */
  changed: number;
  /** PNG file name in framesDir, when frames were written. */
  file?: string;
}

/** video.json: what the frames stage needs to pick frames without decoding the video. */
export interface VideoManifest {
  schemaVersion: 1;
  /** Video file name (relative to the manifest), if a video was written. */
  video?: string;
  format?: VideoFormat;
  width: number;
  height: number;
  /** Frame-rate cap. */
  fps: number;
  fontSize: number;
  cellWidth: number;
  cellHeight: number;
  cols: number;
  rows: number;
  /** Top-left pixel of cell (0, 0): cell (c, r) covers gridX + c·cellWidth … and gridY + r·cellHeight …. */
  gridX: number;
  gridY: number;
  theme: string;
  speed: number;
  idleTimeLimit: number | null;
  /** Seconds; equals the cast's duration after speed and idle limit. */
  duration: number;
  /** Distinct frames, in order; each is shown until the next (the last until `duration`). */
  frames: FrameRecord[];
  /**
   * The cast's markers in video time: the time of the first frame that shows
   * everything up to the marker (the screen right after it).
   */
  markers: Array<{ label: string; time: number }>;
  /**
   * Grey thumbnails of every frame in the video, in order (a repeat of the
   * last frame that sets the video's length included): `count` pictures of
   * width×height bytes in one file beside the manifest. Written when asked
   * for (RenderOptions.thumbnails).
   */
  thumbnails?: { file: string; width: number; height: number; count: number };
}

export interface RenderResult {
  output?: string;
  manifestPath: string;
  framesDir?: string;
  manifest: VideoManifest;
  /** Distinct frames drawn. */
  frameCount: number;
  /** Glyphs in the atlas at the end. */
  glyphs: number;
  elapsedMs: number;
}
