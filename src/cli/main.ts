/**
 * The termlens command line. Each verb lives in src/cli/commands/<verb>.ts and
 * exports `register(program)`; this file wires them and owns exit codes: the
 * library throws TermlensError, only this file prints it and exits.
 */
import { Command, CommanderError } from 'commander';
import { EXIT, exitCodeFor, formatError } from '../errors/index.js';
import { VERSION } from '../version.js';
import { commands } from './commands/index.js';

export function buildProgram(): Command {
  const program = new Command('termlens')
    .description('Record a terminal program, render it to video, and score how its display looks.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its message (help, version, or a usage error).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(formatError(error) + '\n');
    return exitCodeFor(error);
  }
}

const isEntry = process.argv[1] && /(?:^|[/\\])(main\.ts|main\.js|termlens(\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  // `termlens … | head` closes the pipe early: stop quietly, as other command-line tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
      throw e;
    });
  }
  main(process.argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(formatError(error) + '\n');
      process.exitCode = exitCodeFor(error);
    },
  );
}
