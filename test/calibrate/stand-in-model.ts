/**
 * Stand-in vision models for the calibration tests, behind the fake
 * OpenAI-compatible server. They look at the pixels they are sent, as a
 * model would: "ink" (pixels that stand out from the background) for visual
 * clarity and "colour" (saturated pixels: coloured status words and emoji)
 * for status indicators. A good model scores more of each higher; a bad one
 * scores it lower; a position-biased one always prefers the left side.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { imageParts, requestedSchema, type FakeReply, type Responder } from '../helpers/fake-openai-server.js';

export type Behaviour = 'good' | 'bad' | 'left-biased';

interface Features {
  ink: number;
  colour: number;
}

const STEP = 3;

/** Ink and colour shares of a region of an image (sampling every STEP-th pixel). */
function features(png: PNG, x0: number, x1: number): Features {
  const lum = (i: number) => (0.2126 * png.data[i]! + 0.7152 * png.data[i + 1]! + 0.0722 * png.data[i + 2]!) / 255;
  // The background is the most common luminance.
  const counts = new Map<number, number>();
  for (let y = 0; y < png.height; y += STEP) for (let x = x0; x < x1; x += STEP) {
    const key = Math.round(lum((png.width * y + x) * 4) * 50);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const background = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0] / 50;
  let n = 0;
  let ink = 0;
  let colour = 0;
  for (let y = 0; y < png.height; y += STEP) for (let x = x0; x < x1; x += STEP) {
    const i = (png.width * y + x) * 4;
    n++;
    if (Math.abs(lum(i) - background) > 0.35) ink++;
    const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
    if ((Math.max(r, g, b) - Math.min(r, g, b)) / 255 > 0.3) colour++;
  }
  return { ink: ink / n, colour: colour / n };
}

function decode(url: string): PNG {
  return PNG.sync.read(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
}

const clamp = (x: number) => Math.max(1, Math.min(10, Math.round(x)));

/** The good model's scores for a set of frames: more ink → clearer, more colour → better status indicators. */
export function goodScores(frames: Features[]): Record<string, number> {
  const ink = frames.reduce((t, f) => t + f.ink, 0) / frames.length;
  const colour = frames.reduce((t, f) => t + f.colour, 0) / frames.length;
  return { visualClarity: clamp(1 + ink * 150), informationOrganization: 7, statusIndicators: clamp(1 + colour * 1500), userExperience: 7 };
}

/** Features of PNG files on disk: what the test computes on its own to know what the good model must have said. */
export function fileFeatures(files: string[]): Features[] {
  return files.map((f) => {
    const png = PNG.sync.read(readFileSync(f));
    return features(png, 0, png.width);
  });
}

/** Answers absolute-score requests and side-by-side requests the way `behaviour` says. */
export function standInModel(behaviour: Behaviour): Responder {
  return (request): FakeReply => {
    const schema = requestedSchema(request.body);
    const criteria = schema?.properties?.criteria?.properties ?? {};
    const keys = Object.keys(criteria);
    const pairwise = keys.length > 0 && criteria[keys[0]!]?.properties?.better !== undefined;
    const images = imageParts(request.body).map((p) => decode(p.url));
    if (!pairwise) {
      const scores = goodScores(images.map((png) => features(png, 0, png.width)));
      if (behaviour === 'bad') for (const k of Object.keys(scores)) scores[k] = 11 - scores[k]!;
      return { type: 'answer', scores };
    }
    // Side by side: left half, a 24-pixel bar, right half.
    const sides = images.map((png) => ({ left: features(png, 0, (png.width - 24) / 2), right: features(png, (png.width + 24) / 2, png.width) }));
    const sum = (side: 'left' | 'right', f: keyof Features) => sides.reduce((t, s) => t + s[side][f], 0);
    const pick = (f: keyof Features) => {
      if (behaviour === 'left-biased') return 'left';
      const [l, r] = [sum('left', f), sum('right', f)];
      const better = Math.abs(l - r) < 1e-6 ? 'same' : l > r ? 'left' : 'right';
      if (behaviour === 'good' || better === 'same') return better;
      return better === 'left' ? 'right' : 'left';
    };
    const verdicts: Record<string, string> = { visualClarity: pick('ink'), informationOrganization: 'same', statusIndicators: pick('colour'), userExperience: 'same' };
    const answer = { criteria: Object.fromEntries(keys.map((k) => [k, { reasoning: `compared the two sides for ${k}`, better: verdicts[k] ?? 'same' }])), summary: 'compared' };
    return { type: 'content', content: JSON.stringify(answer) };
  };
}
