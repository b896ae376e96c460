/**
 * Text for labels on generated images (grid captions, diff legends), drawn as
 * SVG paths from the bundled JetBrains Mono so no system font is needed and
 * the pictures come out the same on every machine.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import opentype from 'opentype.js';

const require = createRequire(import.meta.url);
let font: opentype.Font | undefined;

function labelFont(): opentype.Font {
  if (!font) {
    const dir = dirname(require.resolve('@expo-google-fonts/jetbrains-mono/package.json'));
    const buf = readFileSync(join(dir, '500Medium', 'JetBrainsMono_500Medium.ttf'));
    font = opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  }
  return font;
}

/** Width in pixels of `text` at `size`. */
export function labelWidth(text: string, size: number): number {
  return labelFont().getAdvanceWidth(text, size);
}

/** An SVG `<path>` drawing `text` with its baseline at (x, y). */
export function labelPath(text: string, x: number, y: number, size: number, fill: string): string {
  const d = labelFont().getPath(text, x, y, size).toPathData(2);
  return `<path d="${d}" fill="${fill}"/>`;
}
