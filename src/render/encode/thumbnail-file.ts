/**
 * Grey thumbnails of every frame the encoder is sent, appended to a file
 * beside the video as they are drawn (a long recording would not fit them
 * in memory). The live render writes them so the frames stage can choose
 * frames the moment the program ends instead of decoding the whole video
 * first; see media/thumbnails.ts for why they match decoded ones.
 */
import { closeSync, futimesSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { THUMB_HEIGHT, THUMB_WIDTH, Thumbnailer } from '../../media/thumbnails.js';
import type { VideoManifest } from '../types.js';

export class ThumbnailFile {
  private readonly fd: number;
  private readonly thumbnailer: Thumbnailer;
  private count = 0;
  private last: Uint8Array | undefined;

  /** `partial` is written while the video is; `finish` renames it to `final`. */
  constructor(
    private readonly partial: string,
    private readonly final: string,
    width: number,
    height: number,
    /** The frames come as YUV 4:2:0 (the luma plane first) rather than RGBA. */
    private readonly yuv: boolean,
  ) {
    this.thumbnailer = new Thumbnailer(width, height);
    this.fd = openSync(partial, 'w');
  }

  /** The thumbnail of the frame just sent to the encoder. */
  add(frame: Uint8Array): void {
    this.last = this.yuv ? this.thumbnailer.fromLuma(frame, true) : this.thumbnailer.fromRgba(frame);
    this.write(this.last);
  }

  /** The encoder was sent the last frame again (it holds the picture until the video's end). */
  repeatLast(): void {
    if (this.last) this.write(this.last);
  }

  private write(thumb: Uint8Array): void {
    writeSync(this.fd, thumb);
    this.count++;
  }

  /** Once the video is in place: close and move into place; returns what video.json says of the file. */
  finish(): NonNullable<VideoManifest['thumbnails']> {
    // Stamped now, after the video is whole: the frames stage trusts only thumbnails no older than their video.
    const now = new Date();
    futimesSync(this.fd, now, now);
    closeSync(this.fd);
    renameSync(this.partial, this.final);
    return { file: basename(this.final), width: THUMB_WIDTH, height: THUMB_HEIGHT, count: this.count };
  }

  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed by finish
    }
    rmSync(this.partial, { force: true });
  }
}
