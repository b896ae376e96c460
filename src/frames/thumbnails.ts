/**
 * The grey thumbnails `distinct` tells frames apart by: the ones the live
 * render drew beside the video when they can be trusted to be this video's
 * (the program has just ended and the frames stage should not have to decode
 * the whole video first), else decoded from the video by ffmpeg.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ffmpegPath, runTool } from '../media/tools.js';
import { THUMB_BYTES, THUMB_FILTER, THUMB_HEIGHT, THUMB_WIDTH } from '../media/thumbnails.js';
import { videoFile } from '../run-folder/index.js';

export type ThumbnailSource = 'render' | 'decoded';

/** ffmpeg arguments that decode every frame to a small grey thumbnail on stdout. */
export function thumbnailArgs(video: string): string[] {
  return ['-v', 'error', '-i', video, '-vf', THUMB_FILTER, '-vsync', '0', '-f', 'rawvideo', '-'];
}

function split(bytes: Uint8Array): Uint8Array[] {
  const thumbs: Uint8Array[] = [];
  for (let off = 0; off + THUMB_BYTES <= bytes.length; off += THUMB_BYTES) thumbs.push(bytes.subarray(off, off + THUMB_BYTES));
  return thumbs;
}

export async function decodeThumbnails(video: string): Promise<Uint8Array[]> {
  const { stdout } = await runTool(ffmpegPath(), thumbnailArgs(video), { stage: 'frames' });
  return split(new Uint8Array(stdout));
}

/**
 * The thumbnails the renderer wrote beside `video`, or undefined unless they
 * are surely its own: video.json beside it names this video and a thumbnail
 * per frame (`frameCount`, from ffprobe), the file holds exactly that many,
 * and it was finished no earlier than the video (the renderer writes it
 * last; a video replaced since is newer).
 */
export async function renderedThumbnails(video: string, frameCount: number): Promise<Uint8Array[] | undefined> {
  const manifest = await videoFile.readIfPresent(join(dirname(video), videoFile.file), { stage: 'frames' }).catch(() => undefined);
  const t = manifest?.thumbnails;
  if (!t || manifest.video !== basename(video) || t.width !== THUMB_WIDTH || t.height !== THUMB_HEIGHT || t.count !== frameCount) return undefined;
  const file = join(dirname(video), t.file);
  const [thumbStat, videoStat] = await Promise.all([stat(file), stat(video)]).catch(() => []);
  if (!thumbStat || !videoStat || thumbStat.size !== frameCount * THUMB_BYTES || thumbStat.mtimeMs < videoStat.mtimeMs) return undefined;
  return split(new Uint8Array(await readFile(file)));
}

/** One thumbnail per frame of `video`, and where they came from. */
export async function loadThumbnails(video: string, frameCount: number): Promise<{ thumbs: Uint8Array[]; source: ThumbnailSource }> {
  const rendered = await renderedThumbnails(video, frameCount);
  return rendered ? { thumbs: rendered, source: 'render' } : { thumbs: await decodeThumbnails(video), source: 'decoded' };
}
