/**
 * Fonts. The main text face is JetBrains Mono (VHS's default), bundled
 * through an npm package so renders never depend on the machine's fonts.
 * Glyphs it lacks may come from system fonts, if present, searched in a
 * fixed order; the result is stable on a given machine and the main text is
 * identical everywhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';
import { TermlensError, quote } from '../../errors/index.js';

export type Font = opentype.Font;

/** Bold and italic bits of a text style. */
export const STYLE_BOLD = 1;
export const STYLE_ITALIC = 2;

const FACE_FILES: Record<number, string> = {
  0: '400Regular/JetBrainsMono_400Regular.ttf',
  [STYLE_BOLD]: '700Bold/JetBrainsMono_700Bold.ttf',
  [STYLE_ITALIC]: '400Regular_Italic/JetBrainsMono_400Regular_Italic.ttf',
  [STYLE_BOLD | STYLE_ITALIC]: '700Bold_Italic/JetBrainsMono_700Bold_Italic.ttf',
};

/** System fonts consulted, in order, for glyphs JetBrains Mono lacks. */
export const FALLBACK_FONT_PATHS: readonly string[] = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSansSymbols-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf',
  '/usr/share/fonts/truetype/freefont/FreeMono.ttf',
  '/usr/share/fonts/truetype/freefont/FreeSerif.ttf',
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/unifont/unifont.ttf',
];

const require = createRequire(import.meta.url);
const faces = new Map<number, Font>();

function parseFont(path: string): Font {
  const buf = readFileSync(path);
  return opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/** The bundled JetBrains Mono face for a style (bold/italic bits). */
export function mainFace(style: number): Font {
  const key = style & (STYLE_BOLD | STYLE_ITALIC);
  let face = faces.get(key);
  if (!face) {
    const file = `@expo-google-fonts/jetbrains-mono/${FACE_FILES[key]}`;
    let path: string;
    try {
      path = require.resolve(file);
    } catch (cause) {
      throw new TermlensError(`the bundled font ${quote(file)} is missing`, {
        code: 'missing-tool',
        stage: 'render',
        hint: 'Reinstall dependencies with `npm install` (the font ships in @expo-google-fonts/jetbrains-mono).',
        cause,
      });
    }
    face = parseFont(path);
    faces.set(key, face);
  }
  return face;
}

let fallbacks: Array<{ path: string; font?: Font; failed?: boolean }> | undefined;

/**
 * The first fallback font that has a glyph for `cp`. Fonts are parsed on
 * first need, so machines and casts that never need them pay nothing.
 */
export function fallbackFontFor(cp: number): Font | undefined {
  fallbacks ??= FALLBACK_FONT_PATHS.filter((p) => /\.(ttf|otf)$/i.test(p) && existsSync(p)).map((path) => ({ path }));
  for (const entry of fallbacks) {
    if (entry.failed) continue;
    if (!entry.font) {
      try {
        entry.font = parseFont(entry.path);
      } catch {
        // A font opentype.js cannot read is skipped, not fatal: fallback is best effort.
        entry.failed = true;
        continue;
      }
    }
    if (entry.font.charToGlyphIndex(String.fromCodePoint(cp)) > 0) return entry.font;
  }
  return undefined;
}

/** Vertical metrics of the main face, in font units. */
export function faceMetrics(): { unitsPerEm: number; ascender: number; descender: number; advance: number; underlinePosition: number; underlineThickness: number; strikePosition: number; strikeSize: number } {
  const f = mainFace(0);
  const tables = f.tables as Record<string, Record<string, number>>;
  return {
    unitsPerEm: f.unitsPerEm,
    ascender: f.ascender,
    descender: f.descender,
    advance: f.charToGlyph('M').advanceWidth ?? f.unitsPerEm * 0.6,
    underlinePosition: tables.post?.underlinePosition ?? -f.unitsPerEm * 0.15,
    underlineThickness: tables.post?.underlineThickness ?? f.unitsPerEm * 0.05,
    strikePosition: tables.os2?.yStrikeoutPosition ?? f.unitsPerEm * 0.3,
    strikeSize: tables.os2?.yStrikeoutSize ?? f.unitsPerEm * 0.05,
  };
}
