/**
 * The frames stage: choose frames of a rendered video, extract them in one
 * ffmpeg pass, write frames.json and the grid.
 */
import { dirname, join, relative } from 'node:path';
import { TermlensError, quote } from '../errors/index.js';
import { checkRange } from '../errors/range.js';
import { probeVideo } from '../media/tools.js';
import { framesFile, videoFile } from '../run-folder/index.js';
import { extractFrames, type ExtractOptions, type ExtractedFrame } from './extract.js';
import { loadThumbnails } from './thumbnails.js';
import { makeGrid } from './grid.js';
import { FRAMES_DEFAULTS, FRAMES_LIMITS } from './defaults.js';
import { FRAME_STRATEGIES, pickDistinct, pickMarkers, pickTimes, pickUniform, type FrameStrategy, type Pick } from './select.js';

export * from './select.js';
export * from './defaults.js';
export { extractFrames, selectFilter, type ExtractedFrame } from './extract.js';
export { thumbnailArgs, decodeThumbnails, renderedThumbnails, loadThumbnails, type ThumbnailSource } from './thumbnails.js';
export { makeGrid, gridColumns } from './grid.js';

export interface FramesOptions extends ExtractOptions {
  /** @default FRAMES_DEFAULTS.count */
  count?: number;
  /** @default FRAMES_DEFAULTS.strategy */
  strategy?: FrameStrategy;
  /** For strategy 'times': seconds into the video. */
  times?: number[];
  /** For strategy 'markers': defaults to the markers in video.json beside the video. */
  markers?: Array<{ label: string; time: number }>;
  /** Where to write the grid; undefined for none. */
  gridFile?: string;
}

export interface FramesResult {
  schemaVersion: 1;
  video: string;
  strategy: FrameStrategy;
  requested: number;
  width: number;
  height: number;
  duration: number;
  frames: ExtractedFrame[];
  /** Grid file, relative to the frames folder's parent (where frames.json lives). */
  grid?: string;
}

/** frames.json is written beside the frames folder, so `frames[].file` is `frames/NN.png`. */
export async function selectFrames(video: string, options: FramesOptions): Promise<FramesResult> {
  const strategy = options.strategy ?? FRAMES_DEFAULTS.strategy;
  if (!FRAME_STRATEGIES.includes(strategy)) {
    throw new TermlensError(`unknown frame strategy ${quote(strategy)}`, {
      code: 'usage',
      stage: 'frames',
      hint: `Use one of: ${FRAME_STRATEGIES.join(', ')}.`,
    });
  }
  const count = checkRange('frame count', options.count ?? FRAMES_DEFAULTS.count, FRAMES_LIMITS.count, 'frames');
  if (options.maxShortSide !== undefined) checkRange('largest short side', options.maxShortSide, FRAMES_LIMITS.maxShortSide, 'frames');
  if (options.maxLongSide !== undefined) checkRange('largest long side', options.maxLongSide, FRAMES_LIMITS.maxLongSide, 'frames');
  for (const time of options.times ?? []) checkRange('frame time', time, FRAMES_LIMITS.time, 'frames');
  const probe = await probeVideo(video);
  if (probe.frameTimes.length === 0) {
    throw new TermlensError(`${quote(video)} has no frames`, { code: 'bad-input', stage: 'frames', hint: 'Render the cast again; the video is empty.' });
  }
  const picks = await choose(video, probe.frameTimes, probe.duration, strategy, count, options);
  const frames = await extractFrames(video, probe, picks, options);
  const base = dirname(options.outDir);
  const result: FramesResult = {
    schemaVersion: 1,
    video: relative(base, video) || video,
    strategy,
    requested: count,
    width: probe.width,
    height: probe.height,
    duration: probe.duration,
    frames: frames.map((f) => ({ ...f, file: relative(base, join(options.outDir, f.file)) })),
  };
  if (options.gridFile) {
    await makeGrid(options.outDir, frames, options.gridFile);
    result.grid = relative(base, options.gridFile);
  }
  await framesFile.write(join(base, framesFile.file), result);
  return result;
}

async function choose(
  video: string,
  frameTimes: number[],
  duration: number,
  strategy: FrameStrategy,
  count: number,
  options: FramesOptions,
): Promise<Pick[]> {
  switch (strategy) {
    case 'uniform':
      return pickUniform(frameTimes, duration, count);
    case 'distinct':
      return pickDistinct(frameTimes, (await loadThumbnails(video, frameTimes.length)).thumbs, count);
    case 'times':
      if (!options.times?.length) {
        throw new TermlensError('strategy "times" needs --times', { code: 'usage', stage: 'frames', hint: 'Give seconds, e.g. --times 1,5.5,12.' });
      }
      return pickTimes(frameTimes, options.times);
    case 'markers': {
      const markers = options.markers ?? (await markersBeside(video));
      if (markers.length === 0) {
        throw new TermlensError(`no step markers for ${quote(video)}`, {
          code: 'usage',
          stage: 'frames',
          hint: 'Record with --steps (each step leaves a marker) or use --strategy distinct.',
        });
      }
      return pickMarkers(frameTimes, markers);
    }
  }
}

/** Markers, in video time, from the video.json the renderer writes beside its output. */
async function markersBeside(video: string): Promise<Array<{ label: string; time: number }>> {
  try {
    return (await videoFile.readIfPresent(join(dirname(video), videoFile.file), { stage: 'frames' }))?.markers ?? [];
  } catch {
    // Markers are optional: a video.json that is not termlens's (beside a video given by hand) is no reason to fail.
    return [];
  }
}
