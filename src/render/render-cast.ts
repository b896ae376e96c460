/**
 * renderCast: replays a cast into a headless terminal and draws only the
 * frames whose cells changed, at most one per frame interval, straight into
 * ffmpeg (and/or PNG files), then writes video.json. In steps:
 *
 * 1. `readTimeline`: a quick pass for the duration, largest size and frame
 *    estimate (or, for a cast still being recorded, its header);
 * 2. `resolveTheme` and `prepareCanvas`: the colours, the layout, the frame
 *    with its window chrome, the glyph atlas and the cell painter;
 * 3. `FrameOutputs.open`: the encoder and/or the PNG folder;
 * 4. `replayCast` with a `FrameDrawer`: the cast replayed, frames drawn;
 * 5. `FrameOutputs.finish` and `writeManifest`: the video closed and
 *    renamed into place, video.json written.
 */
import { basename, dirname, join } from 'node:path';
import { followCast, type CastFile, type CastHeader } from '../cast/index.js';
import { videoFile } from '../run-folder/index.js';
import { replayCast } from '../terminal/index.js';
import { inputPixelFormat } from './encode/ffmpeg-args.js';
import { GlyphAtlas } from './font/atlas.js';
import { FrameDrawer } from './frame-drawer.js';
import { FrameOutputs } from './frame-outputs.js';
import { paintChrome } from './raster/chrome.js';
import { Framebuffer } from './raster/framebuffer.js';
import { convertFrame, YuvImage } from './raster/yuv.js';
import { computeLayout, type Layout } from './raster/layout.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import { CellPainter } from './raster/painter.js';
import { loadTheme, themeFromCastHeader, type NamedScheme } from './themes/index.js';
import { scanCast, TimeMapper, type CastScan } from './timeline.js';
import type { RenderOptions, RenderResult, VideoManifest } from './types.js';

/** Render a cast to video and/or PNG frames. See RenderOptions for defaults. */
export async function renderCast(castPath: string, options: RenderOptions = {}): Promise<RenderResult> {
  const started = Date.now();
  const o = await resolveOptions(options);
  const { scan, followed } = await readTimeline(castPath, options, o);
  const scheme = await resolveTheme(options.theme, scan.header, castPath);
  const canvas = prepareCanvas(o, options, scan, scheme);
  const outputs = new FrameOutputs(o, options, canvas.fb, canvas.yuv);
  try {
    await outputs.open();
    const drawer = new FrameDrawer({
      fps: o.fps,
      mapper: new TimeMapper(scan.idleTimeLimit, o.speed),
      scan,
      followed: followed !== undefined,
      ...canvas,
      scheme,
      outputs,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    // No scrollback: only the visible screen is drawn.
    await replayCast(followed ?? castPath, drawer, { scrollback: 0 });
    const endSlot = Math.max(drawer.lastSlot + 1, Math.round(scan.duration * o.fps));
    await outputs.finish(drawer.lastSlot, endSlot);
    const manifest: VideoManifest = { ...manifestOf(o, scan, scheme, canvas.layout, drawer, endSlot), ...(outputs.thumbnails ? { thumbnails: outputs.thumbnails } : {}) };
    const manifestPath = await writeManifest(o, options, manifest);
    return {
      ...(o.output ? { output: o.output } : {}),
      manifestPath,
      ...(o.framesDir ? { framesDir: o.framesDir } : {}),
      manifest,
      frameCount: drawer.frames.length,
      glyphs: canvas.atlas.size,
      elapsedMs: Date.now() - started,
    };
  } catch (error) {
    await outputs.abort();
    throw error;
  }
}

/**
 * The cast's duration, largest size and frame estimate, and the header's theme and idle limit.
 * A followed cast has no end yet: its header's size stands, and the duration is the last event's time.
 */
async function readTimeline(castPath: string, options: RenderOptions, o: ResolvedOptions): Promise<{ scan: CastScan; followed?: CastFile }> {
  const chooseIdleLimit = (h: CastHeader) =>
    options.idleTimeLimit ?? (typeof h.idle_time_limit === 'number' && h.idle_time_limit > 0 ? h.idle_time_limit : undefined);
  if (!options.follow) return { scan: await scanCast(castPath, chooseIdleLimit, o.speed, o.fps) };
  const followed = await followCast(castPath, { ...options.follow, ...(options.signal ? { signal: options.signal } : {}) });
  const { header } = followed;
  return { scan: { header, idleTimeLimit: chooseIdleLimit(header), duration: 0, maxCols: header.width, maxRows: header.height, busySlots: 0 }, followed };
}

async function resolveTheme(option: RenderOptions['theme'], header: CastHeader, castPath: string): Promise<NamedScheme> {
  if (typeof option === 'object') return option;
  if (typeof option === 'string') return loadTheme(option);
  return themeFromCastHeader(header, castPath) ?? loadTheme();
}

interface Canvas {
  layout: Layout;
  fb: Framebuffer;
  yuv: YuvImage | undefined;
  atlas: GlyphAtlas;
  painter: CellPainter;
}

/** The frame sized for the largest terminal, its window chrome painted once, and what paints cells into it. */
function prepareCanvas(o: ResolvedOptions, options: RenderOptions, scan: CastScan, scheme: NamedScheme): Canvas {
  const { width, height } = o;
  const layout = computeLayout({ ...o, cols: scan.maxCols, rows: scan.maxRows });
  const pixelFormat = options.sink?.pixelFormat ?? (o.format ? inputPixelFormat(o.format) : undefined);
  const fb = new Framebuffer(width, height);
  paintChrome(fb, layout, {
    background: scheme.background,
    marginFill: o.marginFill ?? scheme.background,
    barColor: o.windowBarColor ?? scheme.background,
    borderRadius: o.borderRadius,
    ...(o.windowBar ? { windowBar: o.windowBar } : {}),
  });
  // Draw RGBA only when something needs it (PNG frames, GIF), YUV only for video encoders.
  const yuv = pixelFormat === 'yuv420p' ? new YuvImage(width, height) : undefined;
  if (yuv) convertFrame(fb, yuv);
  const needRgba = !!o.framesDir || pixelFormat === 'rgba';
  const atlas = new GlyphAtlas(layout.metrics);
  const painter = new CellPainter(layout, atlas, { ...(needRgba ? { rgba: fb } : {}), ...(yuv ? { yuv } : {}) });
  return { layout, fb, yuv, atlas, painter };
}

function manifestOf(o: ResolvedOptions, scan: CastScan, scheme: NamedScheme, layout: Layout, drawer: FrameDrawer, endSlot: number): VideoManifest {
  return {
    schemaVersion: 1,
    ...(o.output ? { video: basename(o.output), format: o.format } : {}),
    width: o.width,
    height: o.height,
    fps: o.fps,
    fontSize: layout.metrics.fontSize,
    cellWidth: layout.metrics.cellWidth,
    cellHeight: layout.metrics.cellHeight,
    cols: layout.cols,
    rows: layout.rows,
    gridX: layout.gridX,
    gridY: layout.gridY,
    theme: scheme.name,
    speed: o.speed,
    idleTimeLimit: scan.idleTimeLimit ?? null,
    duration: Math.round((endSlot / o.fps) * 1e6) / 1e6,
    frames: drawer.frames,
    markers: drawer.markers,
  };
}

/** video.json beside the video (or the PNG folder), unless the caller names its place. */
async function writeManifest(o: ResolvedOptions, options: RenderOptions, manifest: VideoManifest): Promise<string> {
  const manifestPath = options.manifestPath ?? join(o.output ? dirname(o.output) : o.framesDir ?? '.', 'video.json');
  await videoFile.write(manifestPath, manifest);
  return manifestPath;
}
