/**
 * Screen text differences, cell by cell, from the two casts: the screen
 * right after each step marker (paired by label and occurrence) and the
 * final screen. The terminal state is ground truth, so this is exact where
 * pixels are only close.
 */
import { replayCast, snapshotLines, type Cell, type Snapshot } from '../terminal/index.js';

/** A moment both casts have: a marker's n-th occurrence, or the end. */
export type ScreenMoment = { kind: 'marker'; label: string; occurrence: number } | { kind: 'end' };

export interface CapturedScreens {
  /** In cast order; the key is `label#occurrence`. */
  markers: Array<{ key: string; label: string; occurrence: number; snapshot: Snapshot }>;
  end: Snapshot;
}

/** One pass over a cast, keeping the screen right after each marker and at the end. */
export async function captureScreens(castPath: string): Promise<CapturedScreens> {
  const seen = new Map<string, number>();
  const markers: CapturedScreens['markers'] = [];
  let end: Snapshot | undefined;
  await replayCast(castPath, {
    async onMarker(event, screen) {
      const occurrence = (seen.get(event.data) ?? 0) + 1;
      seen.set(event.data, occurrence);
      await screen.settle();
      markers.push({ key: `${event.data}#${occurrence}`, label: event.data, occurrence, snapshot: screen.terminal.snapshot(screen.time) });
    },
    onEnd: (screen) => void (end = screen.terminal.snapshot(screen.time)),
  });
  if (!end) throw new Error(`replaying ${castPath} ended without its final screen`);
  return { markers, end };
}

export interface RowChange {
  /** 0-based row. */
  row: number;
  baseline: string;
  current: string;
  changedCells: number;
}

export interface ScreenDiff {
  moment: ScreenMoment;
  /** Human label: `marker "x"` or `final screen`. */
  label: string;
  baselineTime: number;
  currentTime: number;
  /** Cells compared: the larger size's cols × rows. */
  cells: number;
  changedCells: number;
  /** Rows with at least one changed cell. */
  rows: RowChange[];
  sizeChanged: boolean;
  /** Over the threshold, when `cells` is a gate. */
  regressed: boolean;
}

export interface DiffOptions {
  /** Also count colour and attribute changes, not only characters. @default false */
  colours?: boolean;
}

/** Compare two screens cell by cell. Cells outside the smaller screen count as changed when they hold anything but a blank. */
export function diffScreens(a: Snapshot, b: Snapshot, options: DiffOptions = {}): { cells: number; changedCells: number; rows: RowChange[] } {
  const rows = Math.max(a.rows, b.rows);
  const cols = Math.max(a.cols, b.cols);
  const textA = snapshotLines(a);
  const textB = snapshotLines(b);
  const changes: RowChange[] = [];
  let changed = 0;
  for (let y = 0; y < rows; y++) {
    let rowChanged = 0;
    for (let x = 0; x < cols; x++) if (!sameCell(a.lines[y]?.[x], b.lines[y]?.[x], options.colours ?? false)) rowChanged++;
    if (rowChanged > 0) {
      changes.push({ row: y, baseline: (textA[y] ?? '').trimEnd(), current: (textB[y] ?? '').trimEnd(), changedCells: rowChanged });
      changed += rowChanged;
    }
  }
  return { cells: rows * cols, changedCells: changed, rows: changes };
}

function sameCell(a: Cell | undefined, b: Cell | undefined, colours: boolean): boolean {
  if (!a || !b) return isBlank(a ?? b);
  if (a.char !== b.char || a.width !== b.width) return false;
  return !colours || (a.fg === b.fg && a.bg === b.bg && a.attrs === b.attrs);
}

const isBlank = (c: Cell | undefined) => !c || ((c.char === ' ' || c.char === '') && c.bg === -1);

/** Pair the two casts' screens: markers present in both (by label and occurrence), then the final screens. */
export function compareCapturedScreens(
  baseline: CapturedScreens,
  current: CapturedScreens,
  options: DiffOptions & { cellsThreshold?: number | null } = {},
): { diffs: ScreenDiff[]; unpaired: { baseline: string[]; current: string[] } } {
  const currentByKey = new Map(current.markers.map((m) => [m.key, m]));
  const baselineKeys = new Set(baseline.markers.map((m) => m.key));
  const pairs: Array<[ScreenMoment, string, Snapshot, Snapshot]> = [];
  for (const m of baseline.markers) {
    const other = currentByKey.get(m.key);
    if (!other) continue;
    const label = m.occurrence > 1 ? `marker ${JSON.stringify(m.label)} (${m.occurrence})` : `marker ${JSON.stringify(m.label)}`;
    pairs.push([{ kind: 'marker', label: m.label, occurrence: m.occurrence }, label, m.snapshot, other.snapshot]);
  }
  pairs.push([{ kind: 'end' }, 'final screen', baseline.end, current.end]);
  const limit = options.cellsThreshold ?? null;
  const diffs = pairs.map(([moment, label, a, b]): ScreenDiff => {
    const d = diffScreens(a, b, options);
    return {
      moment,
      label,
      baselineTime: round3(a.time),
      currentTime: round3(b.time),
      ...d,
      sizeChanged: a.cols !== b.cols || a.rows !== b.rows,
      regressed: limit !== null && d.changedCells > limit,
    };
  });
  return {
    diffs,
    unpaired: {
      baseline: baseline.markers.filter((m) => !currentByKey.has(m.key)).map((m) => m.key),
      current: current.markers.filter((m) => !baselineKeys.has(m.key)).map((m) => m.key),
    },
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
