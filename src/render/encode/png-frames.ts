/** Writes distinct frames as PNG files (sharp encodes on its own threads; a few are kept in flight). */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { TermlensError, quote } from '../../errors/index.js';

const IN_FLIGHT = 2;

export class PngFrameWriter {
  private inFlight: Array<Promise<unknown>> = [];
  private failure: unknown;

  private constructor(
    readonly dir: string,
    private readonly width: number,
    private readonly height: number,
  ) {}

  static async open(dir: string, width: number, height: number): Promise<PngFrameWriter> {
    try {
      await mkdir(dir, { recursive: true });
    } catch (cause) {
      throw new TermlensError(`cannot create the frames directory ${quote(dir)}: ${(cause as Error).message}`, {
        code: 'unwritable',
        stage: 'render',
        hint: 'Choose a --frames directory you can write to.',
        cause,
      });
    }
    return new PngFrameWriter(dir, width, height);
  }

  /** Queue frame `index` (copied now); returns its file name. */
  async write(rgba: Uint8Array, index: number): Promise<string> {
    if (this.inFlight.length >= IN_FLIGHT) await this.inFlight.shift();
    this.check();
    const name = `frame-${String(index).padStart(6, '0')}.png`;
    const pixels = Buffer.from(rgba);
    this.inFlight.push(
      sharp(pixels, { raw: { width: this.width, height: this.height, channels: 4 } })
        .removeAlpha()
        .png({ compressionLevel: 6 })
        .toFile(join(this.dir, name))
        .catch((cause: Error) => {
          this.failure ??= new TermlensError(`cannot write ${quote(join(this.dir, name))}: ${cause.message}`, {
            code: 'unwritable',
            stage: 'render',
            hint: 'Check that the --frames directory is writable and the disk is not full.',
            cause,
          });
        }),
    );
    return name;
  }

  async finish(): Promise<void> {
    await Promise.all(this.inFlight.splice(0));
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}
