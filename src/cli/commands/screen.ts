/** `termlens screen`: print the emulated screen of a cast at a moment, as text, ANSI or JSON. */
import type { Command } from 'commander';
import { TermlensError, quote } from '../../errors/index.js';
import { parseDuration } from '../../record/index.js';
import { SCREEN_FORMATS, formatSnapshot, screenAt, type ScreenFormat, type ScreenMoment } from '../../terminal/index.js';
import { choiceFlag } from '../parse.js';

interface ScreenFlags {
  at?: string;
  marker?: string;
  end?: boolean;
  format: ScreenFormat;
}

/** The moment the flags ask for; more than one is a usage error. */
export function momentFromFlags(flags: Pick<ScreenFlags, 'at' | 'marker' | 'end'>): ScreenMoment {
  const given = [flags.at !== undefined && '--at', flags.marker !== undefined && '--marker', flags.end && '--end'].filter(Boolean);
  if (given.length > 1) {
    throw new TermlensError(`choose one moment, not ${given.join(' and ')}`, { code: 'usage', stage: 'cli', hint: 'Use one of --at SECONDS, --marker LABEL or --end.' });
  }
  if (flags.at !== undefined) {
    const ms = parseDuration(flags.at);
    if (ms === undefined) {
      throw new TermlensError(`--at ${quote(flags.at)} is not a time`, { code: 'usage', stage: 'cli', hint: 'Give seconds since the start, e.g. --at 2.5 or --at 1500ms.' });
    }
    return { at: ms / 1000 };
  }
  if (flags.marker !== undefined) return { marker: flags.marker };
  return { end: true };
}

export function register(program: Command): void {
  program
    .command('screen')
    .description("Print the terminal screen a cast shows at a moment (the end, by default).")
    .argument('<cast>', 'an asciicast v2 or v3 file')
    .option('--at <seconds>', 'the screen after every event up to this time (e.g. 2.5, 1500ms)')
    .option('--marker <label>', 'the screen right after the marker with this label (e.g. "step 3: wait")')
    .option('--end', 'the final screen (the default)')
    .option('--format <format>', `output: ${SCREEN_FORMATS.join(', ')}`, choiceFlag('--format', SCREEN_FORMATS), 'text')
    .action(async (cast: string, flags: ScreenFlags) => {
      const moment = momentFromFlags(flags);
      const { snapshot } = await screenAt(cast, moment);
      process.stdout.write(formatSnapshot(snapshot, flags.format) + '\n');
    });
}
