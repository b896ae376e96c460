/**
 * Box-drawing characters (U+2500–257F) drawn as shapes on the pixel grid,
 * so a line leaves every cell at the same row or column and joins its
 * neighbour without a gap, whatever the font would have done. Double lines
 * are drawn as a thick band with its core cut out, which makes corners,
 * tees and crosses of double lines join the way the glyphs show them.
 */
import { Mask } from './mask.js';

/** Line weight of one arm: none, light, heavy, double. */
type Weight = 0 | 1 | 2 | 3;
const W_OF: Record<string, Weight> = { '-': 0, L: 1, H: 2, D: 3 };

/**
 * Arms (up, right, down, left) of U+2500–U+254B and U+2550–U+256C, then the
 * half lines U+2574–U+257F. Dashed and rounded forms are handled apart.
 */
const ARMS_2500 =
  '-L-L -H-H L-L- H-H- ---- ---- ---- ---- ---- ---- ---- ---- ' + // 2500–250B (2504–250B dashed)
  '-LL- -HL- -LH- -HH- --LL --LH --HL --HH LL-- LH-- HL-- HH-- ' + // 250C–2517
  'L--L L--H H--L H--H LLL- LHL- HLL- LLH- HLH- HHL- LHH- HHH- ' + // 2518–2523
  'L-LL L-LH H-LL L-HL H-HL H-LH L-HH H-HH -LLL -LLH -HLL -HLH ' + // 2524–252F
  '-LHL -LHH -HHL -HHH LL-L LL-H LH-L LH-H HL-L HL-H HH-L HH-H ' + // 2530–253B
  'LLLL LLLH LHLL LHLH HLLL LLHL HLHL HLLH HHLL LLHH LHHL HHLH ' + // 253C–2547
  'LHHH HLHH HHHL HHHH'; // 2548–254B
const ARMS_2550 =
  '-D-D D-D- -DL- -LD- -DD- --LD --DL --DD LD-- DL-- DD-- L--D ' + // 2550–255B
  'D--L D--D LDL- DLD- DDD- L-LD D-DL D-DD -DLD -LDL -DDD LD-D ' + // 255C–2567
  'DL-L DD-D LDLD DLDL DDDD'; // 2568–256C
const ARMS_2574 = '---L L--- -L-- --L- ---H H--- -H-- --H- -H-L L-H- -L-H H-L-';

function table(spec: string): Weight[][] {
  return spec
    .trim()
    .split(/\s+/)
    .map((arms) => [...arms].map((c) => W_OF[c]!));
}
const T2500 = table(ARMS_2500);
const T2550 = table(ARMS_2550);
const T2574 = table(ARMS_2574);

/** Dashed lines: code point → [dashes, weight, vertical]. */
const DASHED: Record<number, [number, Weight, boolean]> = {
  0x2504: [3, 1, false], 0x2505: [3, 2, false], 0x2506: [3, 1, true], 0x2507: [3, 2, true],
  0x2508: [4, 1, false], 0x2509: [4, 2, false], 0x250a: [4, 1, true], 0x250b: [4, 2, true],
  0x254c: [2, 1, false], 0x254d: [2, 2, false], 0x254e: [2, 1, true], 0x254f: [2, 2, true],
};

export function isBoxDrawing(cp: number): boolean {
  return cp >= 0x2500 && cp <= 0x257f;
}

/** Stroke sizes for a cell: light, heavy, and the position of each centred stroke. */
export interface StrokeGeometry {
  light: number;
  heavy: number;
}

export function strokeGeometry(fontSize: number): StrokeGeometry {
  const light = Math.max(1, Math.round(fontSize / 14));
  return { light, heavy: Math.max(light + 1, Math.round(light * 2)) };
}

/** Start of a stroke of `size` pixels centred in `extent`. */
const centred = (extent: number, size: number) => Math.floor((extent - size) / 2);

export function drawBoxDrawing(cp: number, width: number, height: number, g: StrokeGeometry): Mask {
  const m = new Mask(width, height);
  const dashed = DASHED[cp];
  if (dashed) {
    drawDashed(m, dashed[0], dashed[1] === 2 ? g.heavy : g.light, dashed[2]);
    return m;
  }
  if (cp >= 0x256d && cp <= 0x2570) {
    drawArc(m, cp, g.light);
    return m;
  }
  if (cp >= 0x2571 && cp <= 0x2573) {
    if (cp !== 0x2572) drawDiagonal(m, g.light, true);
    if (cp !== 0x2571) drawDiagonal(m, g.light, false);
    return m;
  }
  const arms = cp <= 0x254b ? T2500[cp - 0x2500] : cp >= 0x2550 && cp <= 0x256c ? T2550[cp - 0x2550] : cp >= 0x2574 ? T2574[cp - 0x2574] : undefined;
  if (arms) drawArms(m, arms, g);
  return m;
}

/**
 * Arms meet at the centre. Across its axis a light stroke covers
 * [c, c+light), a heavy one [h, h+heavy), a double one the band
 * [c-light, c+2·light) minus its core [c, c+light). Reach along the axis is
 * computed for an arm heading to the high edge; the up and left arms are
 * mirrored into that frame.
 */
function drawArms(m: Mask, arms: Weight[], g: StrokeGeometry): void {
  const [up, right, down, left] = arms as [Weight, Weight, Weight, Weight];
  const t = g.light;
  const W = m.width;
  const H = m.height;
  const cx = centred(W, t);
  const cy = centred(H, t);
  const hx = centred(W, g.heavy);
  const hy = centred(H, g.heavy);
  // Extent of a stroke of each weight across its axis: [start, end).
  const across = (w: Weight, c: number, h: number): [number, number] =>
    w === 2 ? [h, h + g.heavy] : w === 3 ? [c - t, c + 2 * t] : [c, c + t];
  const vertical = [up, down];
  const horizontal = [left, right];

  // Where an arm starts (measured from the centre side), given the perpendicular arms.
  const armReach = (self: Weight, opposite: Weight, perp: Weight[], c: number, h: number): [number, number] => {
    // [bandStart, coreStart] along the arm's axis.
    const perpDouble = perp.filter((w) => w === 3).length;
    const perpAny = perp.filter((w) => w !== 0);
    if (self === 3) {
      if (perpDouble > 0) return [c - t, c];
      if (perpAny.length > 0) {
        const start = Math.min(...perpAny.map((w) => across(w, c, h)[0]));
        return [start, start];
      }
      return [c - t, c - t];
    }
    if (opposite !== 0 && opposite !== 3) return [Math.min(c, h), 0];
    // Crossing a double line: a tee stops at the near line, a corner reaches the far one.
    if (perpDouble === 2) return [c + t, 0];
    if (perpDouble === 1) return [c - t, 0];
    const starts = [across(self, c, h)[0], ...perpAny.map((w) => across(w, c, h)[0])];
    return [Math.min(...starts), 0];
  };

  const doubles: Array<() => void> = [];
  const cores: Array<() => void> = [];
  const singles: Array<() => void> = [];

  // Vertical arms: x extent from `across`, y extent from the reach.
  for (const [w, isDown] of [[down, true], [up, false]] as Array<[Weight, boolean]>) {
    if (w === 0) continue;
    const [x0, x1] = across(w, cx, hx);
    const opposite = isDown ? up : down;
    // Mirror: for the up arm, measure from the bottom so the same rule applies.
    const [band, core] = armReach(w, opposite, horizontal, isDown ? cy : H - cy - t, isDown ? hy : H - hy - g.heavy);
    const span = (start: number): [number, number] => (isDown ? [start, H] : [0, H - start]);
    if (w === 3) {
      const [b0, b1] = span(band);
      const [c0, c1] = span(core);
      doubles.push(() => m.fill(x0, b0, x1, b1));
      cores.push(() => m.clear(cx, c0, cx + t, c1));
    } else {
      const [s0, s1] = span(band);
      singles.push(() => m.fill(x0, s0, x1, s1));
    }
  }
  for (const [w, isRight] of [[right, true], [left, false]] as Array<[Weight, boolean]>) {
    if (w === 0) continue;
    const [y0, y1] = across(w, cy, hy);
    const opposite = isRight ? left : right;
    const [band, core] = armReach(w, opposite, vertical, isRight ? cx : W - cx - t, isRight ? hx : W - hx - g.heavy);
    const span = (start: number): [number, number] => (isRight ? [start, W] : [0, W - start]);
    if (w === 3) {
      const [b0, b1] = span(band);
      const [c0, c1] = span(core);
      doubles.push(() => m.fill(b0, y0, b1, y1));
      cores.push(() => m.clear(c0, cy, c1, cy + t));
    } else {
      const [s0, s1] = span(band);
      singles.push(() => m.fill(s0, y0, s1, y1));
    }
  }
  for (const f of doubles) f();
  for (const f of cores) f();
  for (const f of singles) f();
}

function drawDashed(m: Mask, dashes: number, size: number, vertical: boolean): void {
  const length = vertical ? m.height : m.width;
  const c = centred(vertical ? m.width : m.height, size);
  for (let i = 0; i < dashes; i++) {
    // Each dash fills the first part of its slot; the gap ends the slot, so patterns repeat across cells.
    const s = Math.round((i * length) / dashes);
    const e = Math.round(((i + 1) * length) / dashes);
    const gap = Math.max(1, Math.round((e - s) / 3));
    const a = s + Math.floor(gap / 2);
    const b = e - Math.ceil(gap / 2);
    if (vertical) m.fill(c, a, c + size, b);
    else m.fill(a, c, b, c + size);
  }
}

/** Rounded corners ╭╮╯╰: a quarter circle between the two arms, anti-aliased by 4×4 supersampling. */
function drawArc(m: Mask, cp: number, t: number): void {
  const W = m.width;
  const H = m.height;
  const x0 = centred(W, t);
  const y0 = centred(H, t);
  // Stroke centre lines.
  const sx = x0 + t / 2;
  const sy = y0 + t / 2;
  const goesRight = cp === 0x256d || cp === 0x2570;
  const goesDown = cp === 0x256d || cp === 0x256e;
  const r = Math.max(1, Math.min(goesRight ? W - sx : sx, goesDown ? H - sy : sy));
  // Arc centre, inside the corner.
  const ax = goesRight ? sx + r : sx - r;
  const ay = goesDown ? sy + r : sy - r;
  // Straight parts from the arc's ends to the cell edges.
  if (goesDown) m.fill(x0, Math.floor(ay), x0 + t, H);
  else m.fill(x0, 0, x0 + t, Math.ceil(ay));
  if (goesRight) m.fill(Math.floor(ax), y0, W, y0 + t);
  else m.fill(0, y0, Math.ceil(ax), y0 + t);
  const half = t / 2;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let hits = 0;
      for (let j = 0; j < 4; j++) {
        for (let i = 0; i < 4; i++) {
          const px = x + (i + 0.5) / 4;
          const py = y + (j + 0.5) / 4;
          // Only the quadrant facing the corner belongs to the arc.
          if ((goesRight ? px > ax : px < ax) || (goesDown ? py > ay : py < ay)) continue;
          const d = Math.sqrt((px - ax) * (px - ax) + (py - ay) * (py - ay));
          if (d >= r - half && d <= r + half) hits++;
        }
      }
      if (hits) m.max(x, y, Math.round((hits * 255) / 16));
    }
  }
}

/** ╱ (rising) or ╲ (falling), corner to corner, so diagonals continue into the next cells. */
function drawDiagonal(m: Mask, t: number, rising: boolean): void {
  const W = m.width;
  const H = m.height;
  const len = Math.sqrt(W * W + H * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let hits = 0;
      for (let j = 0; j < 4; j++) {
        for (let i = 0; i < 4; i++) {
          const px = x + (i + 0.5) / 4;
          const py = y + (j + 0.5) / 4;
          // Distance from the line through (0,H)-(W,0) or (0,0)-(W,H).
          const d = rising ? Math.abs(H * px + W * py - W * H) / len : Math.abs(H * px - W * py) / len;
          if (d <= t / 2 + 0.25) hits++;
        }
      }
      if (hits) m.max(x, y, Math.round((hits * 255) / 16));
    }
  }
}
