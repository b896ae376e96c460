/**
 * The termlens command line. Each verb lives in src/cli/commands/<verb>.ts and
 * exports `register(program)`; commands/index.ts lists them and loads only the
 * one asked for. This file owns exit codes: the library throws TermlensError,
 * only this file prints it and exits.
 */
import { Command, CommanderError } from 'commander';
import { EXIT, exitCodeFor, formatError } from '../errors/index.js';
import { VERSION } from '../version.js';
import { registerVerbs } from './commands/index.js';

/** The program with the verb `argv` asks for fully registered (and the others by name, for help). */
export async function buildProgram(argv: string[]): Promise<Command> {
  const program = new Command('termlens')
    .description('Record a terminal program, render it to video, and score how its display looks.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  await registerVerbs(program, argv.slice(2));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
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
