/** asciicast types. termlens writes v2 and reads v2 and v3, normalising both to these shapes. */

export interface CastTheme {
  fg: string;
  bg: string;
  /** 8 or 16 colours joined by ":" */
  palette?: string;
}

/** The header, normalised: v3's `term.cols/rows` become width/height. */
export interface CastHeader {
  version: 2 | 3;
  width: number;
  height: number;
  timestamp?: number;
  duration?: number;
  idle_time_limit?: number;
  command?: string;
  title?: string;
  env?: Record<string, string>;
  theme?: CastTheme;
  /** Fields termlens does not know are kept so a rewrite loses nothing. */
  [extra: string]: unknown;
}

export type CastEventCode = 'o' | 'i' | 'm' | 'r' | 'x';

/** One event with its absolute time in seconds since the start (v3 intervals are summed). */
export interface CastEvent {
  time: number;
  code: CastEventCode;
  data: string;
}
