/**
 * Control sequences the terminal did not understand, as xterm.js itself
 * reports them: its parser sends "Unknown CSI/ESC/OSC/DCS/EXECUTE code" and
 * "Unknown SGR attribute" to its logger at debug level. This turns those
 * log calls into reports; VirtualTerminal.onUnknownSequence installs it.
 */
import type { ILogger } from '@xterm/headless';

export type UnknownKind = 'CSI' | 'ESC' | 'OSC' | 'DCS' | 'SGR' | 'C0';

/** One sequence the terminal ignored. */
export interface UnknownSequenceReport {
  kind: UnknownKind;
  /** The sequence's identity without its kind, e.g. "z" for CSI z, "7" for OSC 7, "0x05" for a C0 control. */
  id: string;
  /** This occurrence with its parameters, e.g. "CSI 1;2 z". */
  example: string;
}

/** A logger that passes xterm.js's reports of unknown sequences to `report` and drops every other message. */
export function unknownSequenceLogger(report: (sequence: UnknownSequenceReport) => void): ILogger {
  const ignore = () => {};
  const note = (kind: UnknownKind, id: string, example: string) => report({ kind, id, example });
  return {
    trace: ignore,
    info: ignore,
    warn: ignore,
    error: ignore,
    debug(message: string, ...args: unknown[]) {
      const info = (args[0] ?? {}) as { identifier?: string | number; params?: number[]; action?: string; code?: number; payload?: unknown };
      if (message.startsWith('Unknown CSI')) note('CSI', String(info.identifier), `CSI ${(info.params ?? []).join(';')} ${info.identifier}`);
      else if (message.startsWith('Unknown ESC')) note('ESC', String(info.identifier), `ESC ${info.identifier}`);
      else if (message.startsWith('Unknown OSC') && info.action === 'START') note('OSC', String(info.identifier), `OSC ${info.identifier}`);
      else if (message.startsWith('Unknown DCS') && info.action === 'HOOK') note('DCS', String(info.identifier), `DCS ${info.identifier}`);
      else if (message.startsWith('Unknown EXECUTE')) note('C0', `0x${(info.code ?? 0).toString(16).padStart(2, '0')}`, `control character 0x${(info.code ?? 0).toString(16)}`);
      else if (message.startsWith('Unknown SGR')) note('SGR', String(args[0]), `SGR ${args[0]}`);
    },
  };
}
