/** The control sequences the display writes, named. */

export const ESC = '\x1b';
export const CSI = '\x1b[';

export const control = {
  hideCursor: `${CSI}?25l`,
  showCursor: `${CSI}?25h`,
  enterAltScreen: `${CSI}?1049h`,
  leaveAltScreen: `${CSI}?1049l`,
  /** DECAWM off: text past the right margin overwrites the last column instead of wrapping. */
  autowrapOff: `${CSI}?7l`,
  autowrapOn: `${CSI}?7h`,
  clearScreen: `${CSI}2J`,
  home: `${CSI}H`,
  reset: `${CSI}0m`,
  clearLine: `${CSI}2K`,
  /** Synchronized output (mode 2026): terminals that know it paint the frame at once. */
  beginSync: `${CSI}?2026h`,
  endSync: `${CSI}?2026l`,
  /** Cursor to a 1-based row and column. */
  moveTo: (row: number, col = 1): string => `${CSI}${row};${col}H`,
} as const;
