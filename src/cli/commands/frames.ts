import { join } from 'node:path';
import type { Command } from 'commander';
import { FRAME_FORMATS, FRAME_STRATEGIES, FRAMES_DEFAULTS as D, FRAMES_LIMITS as L, selectFrames, type FrameFormat, type FrameStrategy } from '../../frames/index.js';
import { choiceFlag, numberListFlag, rangeFlag, withRange } from '../parse.js';

interface FramesFlags {
  count: number;
  output: string;
  strategy: FrameStrategy;
  times?: number[];
  grid?: string | boolean;
  format: FrameFormat;
  maxShort: number;
  maxLong: number;
}

export function register(program: Command): void {
  program
    .command('frames')
    .description('Pick frames from a rendered video for review and for the vision model; writes frames.json and a grid.')
    .argument('<video>', 'an MP4, WebM or GIF (from termlens render, or VHS)')
    .option('-n, --count <n>', withRange('how many frames at most', L.count), rangeFlag('--count', L.count), D.count)
    .requiredOption('-o, --output <dir>', 'folder for the frame images (frames.json goes beside it)')
    .option('--strategy <name>', `how to pick: ${FRAME_STRATEGIES.join(', ')}`, choiceFlag('--strategy', FRAME_STRATEGIES), D.strategy)
    .option('--times <list>', 'with --strategy times: seconds, comma-separated', numberListFlag('--times', L.time))
    .option('--grid [file]', 'also write a contact sheet (default: grid.png beside the frames folder)')
    .option('--format <fmt>', FRAME_FORMATS.join(' or '), choiceFlag('--format', FRAME_FORMATS), D.format)
    .option('--max-short <px>', withRange('largest short side', L.maxShortSide), rangeFlag('--max-short', L.maxShortSide), D.maxShortSide)
    .option('--max-long <px>', withRange('largest long side', L.maxLongSide), rangeFlag('--max-long', L.maxLongSide), D.maxLongSide)
    .action(async (video: string, flags: FramesFlags) => {
      const gridFile = flags.grid === true ? join(flags.output, '..', 'grid.png') : flags.grid || undefined;
      const result = await selectFrames(video, {
        outDir: flags.output,
        count: flags.count,
        strategy: flags.strategy,
        times: flags.times,
        gridFile,
        format: flags.format,
        maxShortSide: flags.maxShort,
        maxLongSide: flags.maxLong,
      });
      for (const f of result.frames) process.stdout.write(`${f.file}\t${f.time.toFixed(2)}s\t${f.reason}\n`);
      if (result.grid) process.stdout.write(`grid: ${result.grid}\n`);
    });
}
