import type { Command } from 'commander';
import { formatInspectTable, inspectCast, writeInspectResult } from '../../inspect/index.js';
import { loadTheme } from '../../render/index.js';

interface InspectFlags {
  json?: boolean;
  output?: string;
  theme?: string;
}

export function register(program: Command): void {
  program
    .command('inspect')
    .description('Measure a recorded display offline (contrast, debris, layout, status indicators, flicker, silences) and score it per criterion.')
    .argument('<cast>', 'an asciicast v2 or v3 file')
    .option('--json', 'print the metrics as JSON instead of a table')
    .option('-o, --output <file>', 'also write the metrics as JSON to this file (metrics.json)')
    .option('--theme <name|file>', "colours to measure under, as the video is rendered (default: the cast's own theme, else VHS)")
    .action(async (cast: string, flags: InspectFlags) => {
      const theme = flags.theme === undefined ? undefined : await loadTheme(flags.theme);
      const result = await inspectCast(cast, theme ? { scheme: theme, schemeName: theme.name } : {});
      if (flags.output) await writeInspectResult(result, flags.output);
      process.stdout.write((flags.json ? JSON.stringify(result, null, 2) : formatInspectTable(result)) + '\n');
    });
}
