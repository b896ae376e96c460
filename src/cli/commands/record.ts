/**
 * `termlens record`: run a program in an emulated terminal and write what it
 * showed as an asciicast. Ctrl+C (or SIGTERM) stops the program and keeps
 * the recording so far; exit codes are the shared ones (docs/architecture.md,
 * "Errors and exit codes").
 */
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { formatBytes } from '../../errors/disk.js';
import { TermlensError, displayPath, quote } from '../../errors/index.js';
// The recorder's own modules, not its index: the index also loads the step parser (yaml, zod), which only --steps needs.
import { parseEnvAssignments } from '../../record/command.js';
import { keptFiles, leftRunningNote, recordFailure } from '../../record/outcome.js';
import { recordSession } from '../../record/record-session.js';
import type { Step } from '../../record/steps.js';
import { RECORD_DEFAULTS as D, RECORD_LIMITS as L } from '../../record/defaults.js';
import { durationFlag, rangeFlag, withRange } from '../parse.js';

interface RecordFlags {
  output: string;
  cols?: number;
  rows?: number;
  width?: number;
  height?: number;
  fontSize?: number;
  padding?: number;
  cwd?: string;
  env?: string[];
  timeout: number;
  steps?: string;
  title?: string;
  killDaemons?: boolean;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Read and parse a step file; a missing file is a clear `not-found`. */
export async function loadStepsFile(path: string): Promise<Step[]> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new TermlensError(`cannot read the step file ${quote(path)}: ${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (cause as Error).message}`, {
      code: 'not-found',
      stage: 'record',
      hint: 'Check the path given to --steps.',
      cause,
    });
  }
  const { parseSteps } = await import('../../record/step-parser.js');
  return parseSteps(text, path);
}


export function register(program: Command): void {
  // Lets `record` pass the program's own flags through untouched after its name.
  program.enablePositionalOptions();
  program
    .command('record')
    .description('Record a terminal program through a PTY into an asciicast v2 file (plus a .json with how it went).')
    .usage('[options] -o OUT.cast -- CMD [ARGS...]')
    .argument('<command...>', 'the program and its arguments (put them after --)')
    .requiredOption('-o, --output <file>', 'the cast to write; the session details go beside it with .json')
    .option('--cols <n>', withRange(`terminal columns (with --rows; default ${D.cols})`, L.cols), rangeFlag('--cols', L.cols))
    .option('--rows <n>', withRange(`terminal rows (with --cols; default ${D.rows})`, L.rows), rangeFlag('--rows', L.rows))
    .option('--width <px>', withRange(`or: window width in pixels, sized as VHS does (default ${D.window.width})`, L.width), rangeFlag('--width', L.width))
    .option('--height <px>', withRange(`window height in pixels (default ${D.window.height})`, L.height), rangeFlag('--height', L.height))
    .option('--font-size <px>', withRange(`font size in pixels (default ${D.window.fontSize})`, L.fontSize), rangeFlag('--font-size', L.fontSize))
    .option('--padding <px>', withRange(`padding in pixels on each side (default ${D.window.padding})`, L.padding), rangeFlag('--padding', L.padding))
    .option('--cwd <dir>', 'working directory for the program')
    .addOption(new Option('--env <NAME=VALUE>', 'set a variable for the program (repeatable)').argParser(collect))
    .addOption(new Option('--timeout <duration>', 'stop the program after this long, e.g. 90s or 10m (0 for never)').argParser(durationFlag('--timeout')).default(D.timeout * 1000, `${D.timeout}s`))
    .option('--steps <file>', 'a YAML or JSON file of steps: type, key, sleep, wait, resize, marker, wait-exit')
    .option('--title <text>', 'a title for the cast header')
    .option('--kill-daemons', 'also stop processes that left the session with setsid (by default they are listed as left running)')
    .passThroughOptions()
    .addHelpText(
      'after',
      `\nWithout --cols/--rows or a pixel size the terminal is ${D.cols}x${D.rows}. Examples:\n` +
        '  termlens record -o ls.cast -- ls --color=always\n' +
        '  termlens record --cols 120 --rows 36 --steps steps.yaml -o top.cast -- htop',
    )
    .action(async (commandArgs: string[], flags: RecordFlags) => {
      const [command, ...args] = commandArgs;
      if (!command) {
        throw new TermlensError('no command to record', { code: 'usage', stage: 'cli', hint: 'Put it after --, e.g. termlens record -o out.cast -- ls --color=always' });
      }
      const sizeOptions = { cols: flags.cols, rows: flags.rows, width: flags.width, height: flags.height, fontSize: flags.fontSize, padding: flags.padding };
      const env = parseEnvAssignments(flags.env ?? []);
      const steps = flags.steps ? await loadStepsFile(flags.steps) : undefined;

      const controller = new AbortController();
      const onSignal = (signal: NodeJS.Signals) => {
        if (controller.signal.aborted) return;
        process.stderr.write(`\ntermlens record: ${signal === 'SIGINT' ? 'Ctrl+C' : signal} received; stopping ${command} and keeping the recording so far…\n`);
        controller.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        const stepsNote = steps ? `, ${steps.length} step${steps.length === 1 ? '' : 's'}` : '';
        const result = await recordSession({
          command,
          args,
          output: flags.output,
          ...sizeOptions,
          cwd: flags.cwd,
          env,
          timeoutMs: flags.timeout,
          steps,
          signal: controller.signal,
          title: flags.title,
          killDaemons: flags.killDaemons === true,
          onStart: (info) =>
            process.stderr.write(`recording ${info.commandLine} at ${info.cols}x${info.rows}${stepsNote} → ${flags.output} (Ctrl+C stops it and keeps what was recorded)\n`),
        });
        const left = leftRunningNote(result.session, '--kill-daemons');
        if (left) process.stderr.write(`${left}\n`);
        const failure = recordFailure(result);
        if (failure) throw failure;
        const s = result.session;
        process.stderr.write(
          `recorded ${s.durationSeconds}s, ${formatBytes(s.output.bytes)} of output in ${s.output.events} events` +
            `${steps ? `, ${steps.length} steps done` : ''} → ${keptFiles(result)}\n` +
            `look at the last screen with: termlens screen ${displayPath(result.castPath)}\n`,
        );
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
