/** Small numeric helpers shared by the measures and the scores. */

/** Rounds to `digits` decimals; results are stable across machines because inputs are. */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}
