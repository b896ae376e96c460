/**
 * Colour emoji from Twemoji's SVGs (the @twemoji/svg package), rasterised by
 * sharp (librsvg) at the exact pixel size: deterministic for a given sharp
 * build and independent of any system emoji font.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
let files: { dir: string; names: Set<string> } | null | undefined;

function twemojiFiles(): { dir: string; names: Set<string> } | null {
  if (files !== undefined) return files;
  try {
    const dir = dirname(require.resolve('@twemoji/svg/package.json'));
    files = { dir, names: new Set(readdirSync(dir).filter((n) => n.endsWith('.svg'))) };
  } catch {
    files = null;
  }
  return files;
}

/** True when the text asks for emoji presentation (an emoji-presentation code point, VS16, a ZWJ sequence, keycap or flag). */
export function wantsEmojiPresentation(chars: string): boolean {
  return /\p{Emoji_Presentation}|\uFE0F|\u200D|\u20E3|\p{Regional_Indicator}/u.test(chars);
}

/** The Twemoji SVG for a grapheme, if one exists. Twemoji drops VS16 from names except in ZWJ sequences. */
export function twemojiPath(chars: string): string | undefined {
  const set = twemojiFiles();
  if (!set) return undefined;
  const cps = [...chars].map((c) => c.codePointAt(0)!.toString(16));
  const candidates = [cps.join('-'), cps.filter((c) => c !== 'fe0f').join('-')];
  for (const name of candidates) {
    if (name && set.names.has(`${name}.svg`)) return join(set.dir, `${name}.svg`);
  }
  return undefined;
}

/**
 * RGBA pixels (not premultiplied) of an emoji centred in a width × height box;
 * the emoji is a square as large as the box's shorter side allows.
 */
export async function rasterizeEmoji(svgPath: string, width: number, height: number): Promise<Uint8Array> {
  const side = Math.max(1, Math.min(width, height));
  const svg = readFileSync(svgPath);
  // Twemoji's viewBox is 36 units; render at the density that makes it `side` pixels, then fit exactly.
  const density = Math.max(1, (72 * side) / 36);
  const { data, info } = await sharp(svg, { density })
    .resize(side, side, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const out = new Uint8Array(width * height * 4);
  const ox = Math.floor((width - info.width) / 2);
  const oy = Math.floor((height - info.height) / 2);
  for (let y = 0; y < info.height; y++) {
    const src = y * info.width * 4;
    out.set(data.subarray(src, src + info.width * 4), ((oy + y) * width + ox) * 4);
  }
  return out;
}
