/**
 * Colours as RGB with their 256-colour and 16-colour stand-ins, and the SGR
 * sequences that select them at each colour level.
 */

export type ColorLevel = 'truecolor' | '256' | '16' | 'none';
export const COLOR_LEVELS: readonly ColorLevel[] = ['truecolor', '256', '16', 'none'];

export interface Color {
  rgb: readonly [number, number, number];
  /** Index 0–15 used when only 16 colours are available. */
  ansi16: number;
}

/** A colour from `#rrggbb` and its 16-colour fallback index. */
export function color(hex: string, ansi16: number): Color {
  const n = Number.parseInt(hex.slice(1), 16);
  return { rgb: [(n >> 16) & 255, (n >> 8) & 255, n & 255], ansi16 };
}

const CUBE = [0, 95, 135, 175, 215, 255];

function nearestCube(v: number): number {
  let best = 0;
  for (let i = 1; i < CUBE.length; i++) if (Math.abs(CUBE[i]! - v) < Math.abs(CUBE[best]! - v)) best = i;
  return best;
}

/** The xterm 256-colour index closest to an RGB colour (cube or grey ramp). */
export function to256([r, g, b]: readonly [number, number, number]): number {
  const [ri, gi, bi] = [nearestCube(r), nearestCube(g), nearestCube(b)];
  const cube = 16 + 36 * ri + 6 * gi + bi;
  const cubeDist = (CUBE[ri]! - r) ** 2 + (CUBE[gi]! - g) ** 2 + (CUBE[bi]! - b) ** 2;
  const grey = Math.round((r + g + b) / 3);
  const gi2 = Math.min(23, Math.max(0, Math.round((grey - 8) / 10)));
  const gv = 8 + 10 * gi2;
  const greyDist = (gv - r) ** 2 + (gv - g) ** 2 + (gv - b) ** 2;
  return greyDist < cubeDist ? 232 + gi2 : cube;
}

/** SGR parameters selecting `c` as foreground (`bg` false) or background. */
export function sgrColor(c: Color, level: ColorLevel, bg: boolean): string {
  switch (level) {
    case 'none':
      return '';
    case 'truecolor':
      return `${bg ? 48 : 38};2;${c.rgb[0]};${c.rgb[1]};${c.rgb[2]}`;
    case '256':
      return `${bg ? 48 : 38};5;${to256(c.rgb)}`;
    case '16': {
      const base = c.ansi16 < 8 ? (bg ? 40 : 30) : bg ? 100 : 90;
      return String(base + (c.ansi16 % 8));
    }
  }
}

/**
 * The colour level to use: an explicit choice wins; NO_COLOR turns colour off;
 * COLORTERM=truecolor|24bit gives truecolor; a TERM with 256 in it gives 256;
 * anything else 16.
 */
export function detectColorLevel(env: NodeJS.ProcessEnv, choice?: ColorLevel | 'auto'): ColorLevel {
  if (choice && choice !== 'auto') return choice;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 'none';
  const colorterm = (env.COLORTERM ?? '').toLowerCase();
  if (colorterm === 'truecolor' || colorterm === '24bit') return 'truecolor';
  if ((env.TERM ?? '').includes('256')) return '256';
  return '16';
}
