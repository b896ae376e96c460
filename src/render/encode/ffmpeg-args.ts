/**
 * ffmpeg argument lists, built by pure functions so they can be checked
 * against golden files without running anything.
 */

export type VideoFormat = 'mp4' | 'webm' | 'gif';
export const VIDEO_FORMATS: readonly VideoFormat[] = ['mp4', 'webm', 'gif'];

/** Raw frames as termlens sends them: YUV 4:2:0 (BT.601 matrix, limited range) for video codecs, RGBA for GIF. */
export type RawPixelFormat = 'yuv420p' | 'rgba';

/** MP4 and WebM get frames already in the encoder's format; GIF needs RGB to build its palette. */
export function inputPixelFormat(format: VideoFormat): RawPixelFormat {
  return format === 'gif' ? 'rgba' : 'yuv420p';
}

export interface EncodeSettings {
  format: VideoFormat;
  output: string;
  /** Frame-rate cap; also the time base of the output, so frame times stay exact. */
  fps: number;
  /**
   * H.264 quality (lower is better). 18 keeps anti-aliased text edges clean.
   * @default 18
   */
  crf?: number;
  /**
   * x264 speed preset. `veryfast` encodes busy 1080p terminal video about
   * twice as fast as `medium`, for files about 1.7 times larger at the same
   * CRF (measured on the benchmark recording); pass 'medium' or slower when
   * size matters more than time.
   * @default 'veryfast'
   */
  preset?: string;
}

/** Input: a Matroska stream of raw frames (see inputPixelFormat) with their own timestamps, on stdin. */
const INPUT = ['-f', 'matroska', '-i', 'pipe:0'];

/**
 * Colour handling: termlens converts sRGB to limited-range YUV with BT.601
 * coefficients itself (what ffmpeg assumes when decoding back to RGB) and
 * the stream says so, so browsers decode to the same colours (untagged HD
 * streams get BT.601 from some players and BT.709 from others).
 */
const COLOR_TAGS = ['-colorspace', 'smpte170m', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];

export function buildFfmpegArgs(s: EncodeSettings): string[] {
  const head = ['-hide_banner', '-nostats', '-loglevel', 'error', '-y', ...INPUT, '-an'];
  // Variable frame rate: keep each frame's own time, never duplicate frames to fill a constant rate.
  const timing = ['-vsync', 'vfr', '-r', String(s.fps)];
  switch (s.format) {
    case 'mp4':
      return [
        ...head,
        ...timing,
        '-c:v', 'libx264',
        '-preset', s.preset ?? 'veryfast',
        // Flat colour areas and sharp edges: animation tuning (more reference frames, less deblocking).
        '-tune', 'animation',
        '-crf', String(s.crf ?? 18),
        // No B-frames: with them, ffmpeg derives MP4 decode times that cut a variable-rate video short.
        '-bf', '0',
        '-pix_fmt', 'yuv420p',
        ...COLOR_TAGS,
        '-movflags', '+faststart',
        s.output,
      ];
    case 'webm':
      return [
        ...head,
        ...timing,
        '-c:v', 'libvpx-vp9',
        '-b:v', '0',
        '-crf', String(s.crf ?? 32),
        '-deadline', 'realtime',
        '-cpu-used', '8',
        '-row-mt', '1',
        '-pix_fmt', 'yuv420p',
        ...COLOR_TAGS,
        s.output,
      ];
    case 'gif':
      return [
        ...head,
        ...timing,
        // One palette for the whole video, then only the changed rectangle of each frame is re-coded.
        '-filter_complex', '[0:v]split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=none:diff_mode=rectangle',
        '-loop', '0',
        // GIF's last frame otherwise repeats the previous delay; one frame (in centiseconds) ends it on time.
        '-final_delay', String(Math.max(2, Math.round(100 / s.fps))),
        s.output,
      ];
  }
}
