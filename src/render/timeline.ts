/**
 * Playback time: the idle-time limit shortens long pauses, speed divides
 * every time, and frame slots quantise times onto the frame-rate grid.
 */
import { openCast, type CastHeader } from '../cast/index.js';
import { parseResize } from '../terminal/index.js';

/** Maps cast times to video times, event by event (the mapping depends on every earlier gap). */
export class TimeMapper {
  private lastIn = 0;
  private lastOut = 0;

  constructor(
    private readonly idleTimeLimit: number | undefined,
    private readonly speed: number,
  ) {}

  map(time: number): number {
    let gap = Math.max(0, time - this.lastIn);
    if (this.idleTimeLimit !== undefined && gap > this.idleTimeLimit) gap = this.idleTimeLimit;
    this.lastIn = time;
    this.lastOut += gap;
    return this.lastOut / this.speed;
  }
}

/**
 * The frame a moment appears in: frame k is shown from k/fps and shows every
 * event up to that time, so nothing appears before it happened and nothing
 * later than one frame after.
 */
export function frameSlot(time: number, fps: number): number {
  return Math.max(0, Math.ceil(time * fps - 1e-6));
}

export interface CastScan {
  header: CastHeader;
  /** The idle-time limit in force (chosen from the header by the caller). */
  idleTimeLimit: number | undefined;
  /** Video duration in seconds (after idle limit and speed): the time of the last event. */
  duration: number;
  /** Largest terminal size the cast uses (resize events included). */
  maxCols: number;
  maxRows: number;
  /** Frame slots holding output or resizes: an upper bound on the frames to draw. */
  busySlots: number;
}

/** A quick pass over the cast (no terminal emulation) for its duration, largest size and frame estimate. */
export async function scanCast(
  path: string,
  chooseIdleLimit: (header: CastHeader) => number | undefined,
  speed: number,
  fps: number,
): Promise<CastScan> {
  const cast = await openCast(path);
  const idleTimeLimit = chooseIdleLimit(cast.header);
  const mapper = new TimeMapper(idleTimeLimit, speed);
  let duration = 0;
  let maxCols = cast.header.width;
  let maxRows = cast.header.height;
  let busySlots = 1;
  let lastSlot = 0;
  for await (const event of cast.events) {
    duration = mapper.map(event.time);
    if (event.code === 'o' || event.code === 'r') {
      const slot = frameSlot(duration, fps);
      if (slot !== lastSlot) busySlots++;
      lastSlot = slot;
    }
    if (event.code === 'r') {
      const size = parseResize(event.data);
      if (size) {
        maxCols = Math.max(maxCols, size.cols);
        maxRows = Math.max(maxRows, size.rows);
      }
    }
  }
  return { header: cast.header, idleTimeLimit, duration, maxCols, maxRows, busySlots };
}
