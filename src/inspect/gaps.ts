/**
 * Gaps between output events, kept as a histogram so a cast of a million
 * events costs a few kilobytes: 1 ms bins up to 2 s, 100 ms bins up to 62 s,
 * one bin beyond. Each bin keeps its count and the sum of its gaps, so the
 * median and the time spent in long gaps come out to within a bin's width.
 */
const FINE = 2000;
const COARSE = 600;
const BINS = FINE + COARSE + 1;

export interface Stalls {
  /** The gap a stall is at least as long as, seconds. */
  threshold: number;
  count: number;
  /** Seconds spent in stalls. */
  seconds: number;
}

export class GapHistogram {
  private readonly counts = new Float64Array(BINS);
  private readonly sums = new Float64Array(BINS);
  total = 0;

  add(gap: number): void {
    const bin = gap < 2 ? Math.floor(gap * 1000) : gap < 62 ? FINE + Math.floor((gap - 2) * 10) : BINS - 1;
    this.counts[bin]!++;
    this.sums[bin]! += gap;
    this.total++;
  }

  /** The median gap (the mean of the bin holding it), 0 when there are none. */
  median(): number {
    let seen = 0;
    for (let b = 0; b < BINS; b++) {
      seen += this.counts[b]!;
      if (seen >= this.total / 2 && this.counts[b]! > 0) return this.sums[b]! / this.counts[b]!;
    }
    return 0;
  }

  /**
   * Stalls: gaps far longer than the program's own rhythm — at least 2.5 ×
   * the median gap and at least 0.25 s (shorter pauses go unnoticed); with
   * fewer than 5 gaps there is no rhythm to go by, and a stall is 1 s or more.
   */
  stalls(): Stalls {
    const threshold = this.total < 5 ? 1 : Math.max(0.25, 2.5 * this.median());
    let count = 0;
    let seconds = 0;
    for (let b = 0; b < BINS; b++) {
      if (this.counts[b]! === 0 || this.sums[b]! / this.counts[b]! < threshold) continue;
      count += this.counts[b]!;
      seconds += this.sums[b]!;
    }
    return { threshold, count, seconds };
  }
}
