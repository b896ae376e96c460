/**
 * renderCast: replays a cast into a headless terminal and draws only the
 * frames whose cells changed, at most one per frame interval, straight into
 * ffmpeg (and/or PNG files), then writes video.json.
 */
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { followCast, openCast, type CastFile } from '../cast/index.js';
import { TermlensError } from '../errors/index.js';
import { videoFile } from '../run-folder/index.js';
import { VirtualTerminal } from '../terminal/index.js';
import { createFfmpegSink, type FrameSink } from './encode/encoder.js';
import { inputPixelFormat } from './encode/ffmpeg-args.js';
import { PngFrameWriter } from './encode/png-frames.js';
import { GlyphAtlas } from './font/atlas.js';
import { paintChrome } from './raster/chrome.js';
import { Framebuffer } from './raster/framebuffer.js';
import { convertFrame, YuvImage } from './raster/yuv.js';
import { computeLayout } from './raster/layout.js';
import { resolveOptions } from './options.js';
import { CellPainter } from './raster/painter.js';
import { ScreenTracker } from './raster/screen-tracker.js';
import { loadTheme, themeFromCastHeader, type NamedScheme } from './themes/index.js';
import { frameSlot, scanCast, TimeMapper, type CastScan } from './timeline.js';
import type { FrameRecord, RenderOptions, RenderResult, VideoManifest } from './types.js';

/** Longest a program may hold synchronized output (mode 2026) before a frame is drawn anyway, as terminals do. */
const SYNC_TIMEOUT_SECONDS = 1;
/** Output bytes handed to the terminal before waiting for it to parse them (bounds memory on floods). */
const MAX_PENDING_BYTES = 1 << 20;

async function resolveTheme(option: RenderOptions['theme'], header: Parameters<typeof themeFromCastHeader>[0], castPath: string): Promise<NamedScheme> {
  if (typeof option === 'object') return option;
  if (typeof option === 'string') return loadTheme(option);
  return themeFromCastHeader(header, castPath) ?? loadTheme();
}

/** Render a cast to video and/or PNG frames. See RenderOptions for defaults. */
export async function renderCast(castPath: string, options: RenderOptions = {}): Promise<RenderResult> {
  const started = Date.now();
  const o = await resolveOptions(options);
  const { output, framesDir, format, width, height, fps, speed } = o;

  const chooseIdleLimit = (h: CastFile['header']) =>
    options.idleTimeLimit ?? (typeof h.idle_time_limit === 'number' && h.idle_time_limit > 0 ? h.idle_time_limit : undefined);
  // A quick pass for duration, largest size and frame estimate (and the header's theme and idle limit);
  // a followed cast has no end yet: its header's size stands, and the duration is the last event's time.
  const followed = options.follow ? await followCast(castPath, { ...options.follow, ...(options.signal ? { signal: options.signal } : {}) }) : undefined;
  const scan: CastScan = followed
    ? { header: followed.header, idleTimeLimit: chooseIdleLimit(followed.header), duration: 0, maxCols: followed.header.width, maxRows: followed.header.height, busySlots: 0 }
    : await scanCast(castPath, chooseIdleLimit, speed, fps);
  const { header, idleTimeLimit } = scan;
  const scheme = await resolveTheme(options.theme, header, castPath);
  const layout = computeLayout({ ...o, cols: scan.maxCols, rows: scan.maxRows });

  const pixelFormat = options.sink?.pixelFormat ?? (format ? inputPixelFormat(format) : undefined);
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
  const needRgba = !!framesDir || pixelFormat === 'rgba';
  const atlas = new GlyphAtlas(layout.metrics);
  const painter = new CellPainter(layout, atlas, { ...(needRgba ? { rgba: fb } : {}), ...(yuv ? { yuv } : {}) });
  const terminal = new VirtualTerminal({ cols: header.width, rows: header.height, scrollback: 0 });
  const tracker = new ScreenTracker(terminal, scheme, atlas, painter, layout);

  let sink: FrameSink | undefined = options.sink;
  // The video is written under a temporary name and renamed once whole: a render cut short never passes for a good one.
  const partial = output && !options.sink ? `${output}.${process.pid}.tmp${extname(output)}` : undefined;
  let pngs: PngFrameWriter | undefined;
  const frames: FrameRecord[] = [];
  const markers: VideoManifest['markers'] = [];
  let lastSlot = -1;
  try {
    if (framesDir) pngs = await PngFrameWriter.open(framesDir, width, height);
    if (!sink && output && format) {
      sink = createFfmpegSink({ format, output: partial ?? output, fps, ...(options.crf !== undefined ? { crf: options.crf } : {}), ...(options.preset ? { preset: options.preset } : {}) }, width, height);
    }
    const frameBytes = yuv ? yuv.data : fb.data;

    const emit = async (slot: number, changed: number) => {
      const record: FrameRecord = { time: Math.round((slot / fps) * 1e6) / 1e6, changed: Math.round(changed * 1e4) / 1e4 };
      if (sink) await sink.sendFrame(frameBytes, (slot * 1000) / fps);
      if (pngs) record.file = await pngs.write(fb.data, frames.length + 1);
      frames.push(record);
      lastSlot = slot;
      options.onProgress?.({ framesDone: frames.length, framesEstimated: scan.busySlots, time: record.time, duration: scan.duration });
    };

    let pending: Promise<void> = Promise.resolve();
    let pendingBytes = 0;
    let dirty = true;
    let syncSince = -1;
    const cellCount = () => Math.max(1, terminal.cols * terminal.rows);
    /** Draw the frame for `slot` if the screen changed; `force` ignores synchronized output. */
    const flush = async (slot: number, force: boolean) => {
      await pending;
      pendingBytes = 0;
      if (terminal.synchronizedOutput && !force) {
        if (syncSince < 0) syncSince = slot;
        if ((slot - syncSince) / fps < SYNC_TIMEOUT_SECONDS) return;
      }
      syncSince = -1;
      dirty = false;
      const changed = await tracker.update();
      if (changed > 0 || lastSlot < 0) await emit(slot, changed / cellCount());
    };

    // Parse output synchronously when xterm.js allows it: waiting for its write callback costs a
    // timer turn (about a millisecond) per frame. The async path remains for xterm versions without it.
    const core = (terminal.xterm as unknown as { _core?: { writeSync?: (data: string) => void } })._core;
    const writeNow = typeof core?.writeSync === 'function' ? (data: string) => core.writeSync!(data) : undefined;
    // xterm.js warns once (on the console) that writeSync is unreliable for interactive use; not here.
    if (writeNow) terminal.xterm.options.logLevel = 'off';

    const mapper = new TimeMapper(idleTimeLimit, speed);
    const cast = followed ?? (await openCast(castPath));
    let openSlot = 0;
    for await (const event of cast.events) {
      if (options.signal?.aborted) throw interrupted();
      const time = mapper.map(event.time);
      if (followed) scan.duration = time;
      const slot = frameSlot(time, fps);
      if (slot > openSlot) {
        if (dirty) await flush(openSlot, false);
        openSlot = slot;
      }
      if (event.code === 'o' && writeNow) {
        writeNow(event.data);
        dirty = true;
      } else if (event.code === 'o') {
        pending = terminal.write(event.data);
        pendingBytes += event.data.length;
        dirty = true;
        if (pendingBytes > MAX_PENDING_BYTES) {
          await pending;
          pendingBytes = 0;
        }
      } else if (event.code === 'm') {
        markers.push({ label: event.data, time: Math.round((slot / fps) * 1e6) / 1e6 });
      } else if (event.code === 'r') {
        await pending;
        const size = /^(\d+)x(\d+)$/.exec(event.data.trim());
        if (followed && size && (Number(size[1]) > layout.cols || Number(size[2]) > layout.rows)) throw outgrown(event.data, layout.cols, layout.rows);
        if (size && Number(size[1]) > 0 && Number(size[2]) > 0) terminal.resize(Number(size[1]), Number(size[2]));
        dirty = true;
      }
    }
    if (dirty || lastSlot < 0) await flush(openSlot, true);
    // Hold the last frame until the cast's end: a repeat of it at the last slot sets the video's length.
    const endSlot = Math.max(lastSlot + 1, Math.round(scan.duration * fps));
    if (sink && endSlot - 1 > lastSlot) await sink.sendFrame(frameBytes, ((endSlot - 1) * 1000) / fps);
    await sink?.finish();
    if (partial) await rename(partial, output!);
    await pngs?.finish();

    const manifest: VideoManifest = {
      schemaVersion: 1,
      ...(output ? { video: basename(output), format } : {}),
      width,
      height,
      fps,
      fontSize: layout.metrics.fontSize,
      cellWidth: layout.metrics.cellWidth,
      cellHeight: layout.metrics.cellHeight,
      cols: layout.cols,
      rows: layout.rows,
      gridX: layout.gridX,
      gridY: layout.gridY,
      theme: scheme.name,
      speed,
      idleTimeLimit: idleTimeLimit ?? null,
      duration: Math.round((endSlot / fps) * 1e6) / 1e6,
      frames,
      markers,
    };
    const manifestPath = options.manifestPath ?? join(output ? dirname(output) : framesDir ?? '.', 'video.json');
    await videoFile.write(manifestPath, manifest);
    return {
      ...(output ? { output } : {}),
      manifestPath,
      ...(framesDir ? { framesDir } : {}),
      manifest,
      frameCount: frames.length,
      glyphs: atlas.size,
      elapsedMs: Date.now() - started,
    };
  } catch (error) {
    await sink?.abort().catch(() => undefined);
    await pngs?.finish().catch(() => undefined);
    // A failed render leaves no half-written video behind.
    if (partial) await rm(partial, { force: true }).catch(() => undefined);
    if (output && !options.sink) await rm(output, { force: true }).catch(() => undefined);
    throw error;
  } finally {
    terminal.dispose();
  }
}

function outgrown(size: string, cols: number, rows: number): TermlensError {
  return new TermlensError(`the terminal grew to ${size} while recording, past the ${cols}x${rows} the live render started with`, {
    code: 'execution',
    stage: 'render',
    hint: 'Render the finished cast instead: its largest size sets the frame.',
  });
}

function interrupted(): TermlensError {
  return new TermlensError('render interrupted', { code: 'interrupted', stage: 'render', hint: 'Run it again to get the whole video.' });
}

