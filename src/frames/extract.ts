/**
 * Pulls the chosen frames out of a video in one ffmpeg pass (a `select`
 * filter over frame numbers), resized for the vision model.
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { diskFullError, freeBytes, isNoRoom } from '../errors/disk.js';
import { TermlensError, quote } from '../errors/index.js';
import { ffmpegPath, type VideoProbe } from '../media/tools.js';
import { fitScale, type Pick } from './select.js';
import { FRAMES_DEFAULTS, type FrameFormat } from './defaults.js';

export interface ExtractOptions {
  outDir: string;
  /** @default FRAMES_DEFAULTS.maxShortSide */
  maxShortSide?: number;
  /** @default FRAMES_DEFAULTS.maxLongSide */
  maxLongSide?: number;
  /** @default 'png' */
  format?: FrameFormat;
  /** JPEG quality 2 (best) – 31; the reference used quality 85 ≈ q:v 3. @default 3 */
  jpegQscale?: number;
}

/** The video filter chain: keep the picked frame numbers, then resize. Pure, so it is tested as text. */
export function selectFilter(frameNumbers: readonly number[], scaled: { width: number; height: number }): string[] {
  const expr = frameNumbers.map((n) => `eq(n\\,${n})`).join('+');
  return [`select='${expr}'`, `scale=${scaled.width}:${scaled.height}:flags=lanczos`];
}

export interface ExtractedFrame {
  index: number;
  time: number;
  file: string;
  reason: string;
  videoFrame: number;
}

export async function extractFrames(video: string, probe: VideoProbe, picks: Pick[], options: ExtractOptions): Promise<ExtractedFrame[]> {
  const ext = options.format === 'jpeg' ? 'jpg' : 'png';
  const scaled = fitScale(probe.width, probe.height, options.maxShortSide ?? FRAMES_DEFAULTS.maxShortSide, options.maxLongSide ?? FRAMES_DEFAULTS.maxLongSide);
  const ordered = [...picks].sort((a, b) => a.frame - b.frame);
  try {
    await mkdir(options.outDir, { recursive: true });
  } catch (cause) {
    throw new TermlensError(`cannot create the frames folder ${quote(options.outDir)}`, {
      code: 'unwritable',
      stage: 'frames',
      hint: 'Choose an output folder you can write to.',
      cause,
    });
  }
  // Old frames from an earlier run would be mistaken for new ones.
  await removeFrames(options.outDir);
  if (ordered.length === 0) return [];
  try {
    return await extractInto(video, probe, ordered, scaled, ext, options);
  } catch (e) {
    // Half a set of frames (or frames cut by a full disk) must not pass for a whole one.
    await removeFrames(options.outDir);
    if (!(e instanceof TermlensError && e.code === 'disk-full') && isNoRoom(e)) throw diskFullError(options.outDir, { stage: 'frames', cause: e });
    throw e;
  }
}

/** Frames and the temporary files ffmpeg writes them to. */
async function removeFrames(dir: string): Promise<void> {
  for (const name of await readdir(dir)) if (/^(tmp-)?\d+\.(png|jpg)$/.test(name)) await rm(join(dir, name), { force: true });
}

async function extractInto(
  video: string,
  probe: VideoProbe,
  ordered: Pick[],
  scaled: ReturnType<typeof fitScale>,
  ext: 'png' | 'jpg',
  options: ExtractOptions,
): Promise<ExtractedFrame[]> {
  const tmpPattern = join(options.outDir, `tmp-%04d.${ext}`);
  await new Promise<void>((resolve, reject) => {
    const cmd = ffmpeg(video)
      .setFfmpegPath(ffmpegPath())
      .videoFilters(selectFilter(ordered.map((p) => p.frame), scaled))
      .outputOptions(['-vsync', '0', ...(ext === 'jpg' ? ['-q:v', String(options.jpegQscale ?? 3)] : [])])
      .output(tmpPattern)
      .on('end', () => resolve())
      .on('error', (error: Error, _stdout: string | null, stderr: string | null) =>
        reject(
          new TermlensError(`ffmpeg could not extract frames from ${quote(video)}`, {
            code: 'execution',
            stage: 'frames',
            cause: error,
            subprocess: { command: ffmpegPath(), exitCode: null, stderrTail: (stderr ?? error.message).slice(-1500) },
          }),
        ),
      );
    cmd.run();
  });
  const frames: ExtractedFrame[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const file = `${String(i + 1).padStart(2, '0')}.${ext}`;
    const tmp = join(options.outDir, `tmp-${String(i + 1).padStart(4, '0')}.${ext}`);
    // ffmpeg's image writer reports no error when the disk fills: it leaves empty files.
    const size = await stat(tmp).then((s) => s.size, () => undefined);
    if (size === 0) {
      if ((freeBytes(options.outDir) ?? Infinity) < 1024 * 1024) throw diskFullError(join(options.outDir, file), { stage: 'frames' });
      throw new TermlensError(`ffmpeg wrote an empty frame ${quote(tmp)} from ${quote(video)}`, { code: 'execution', stage: 'frames' });
    }
    await rename(join(options.outDir, `tmp-${String(i + 1).padStart(4, '0')}.${ext}`), join(options.outDir, file)).catch((cause) => {
      throw new TermlensError(`ffmpeg wrote fewer frames than the ${ordered.length} selected from ${quote(video)}`, {
        code: 'execution',
        stage: 'frames',
        cause,
      });
    });
    const p = ordered[i]!;
    frames.push({ index: i + 1, time: round3(probe.frameTimes[p.frame] ?? p.time), file, reason: p.reason, videoFrame: p.frame });
  }
  return frames;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

