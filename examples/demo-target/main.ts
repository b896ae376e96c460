/**
 * demo-target: a stand-in for a multi-agent CLI with a rich live display, the
 * built-in target of `termlens demo` and a fixture for termlens's tests.
 * Uses nothing but Node's built-ins.
 *
 *   npx tsx examples/demo-target/main.ts [--seed 7] [--speed 10] [--defect flicker] [--automation]
 */
import { tmpdir } from 'node:os';
import { runAutomation } from './automation/run-automation.js';
import { runRich } from './display/run-rich.js';
import { parseOptions, USAGE, UsageError, type Options } from './options.js';
import { EXIT } from './session.js';

async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`demo-target: ${e.message}\n`);
      return EXIT.config;
    }
    throw e;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  const error = (line: string): void => void process.stderr.write(line + '\n');
  if (options.automation) {
    // Python's rule: line by line on a terminal or with PYTHONUNBUFFERED set (non-empty), else in blocks at exit.
    const unbuffered = process.stdout.isTTY === true || (process.env.PYTHONUNBUFFERED ?? '') !== '';
    return runAutomation(options, { write: (text) => void process.stdout.write(text), error, cwd: process.cwd(), unbuffered });
  }
  return runRich(options, {
    write: (data) => void process.stdout.write(data),
    error,
    size: () => (process.stdout.isTTY ? { cols: process.stdout.columns, rows: process.stdout.rows } : undefined),
    env: process.env,
    tmpdir: tmpdir(),
  });
}

// A reader that goes away (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT.ok);
  throw e;
});

// Exit once stdout has taken everything: a terminal that reads slowly (a busy
// machine) leaves writes queued, and process.exit would drop the last screen.
const exitAfterOutput = (code: number): void => void process.stdout.write('', () => process.exit(code));

main(process.argv.slice(2)).then(
  exitAfterOutput,
  (e: unknown) => {
    process.stderr.write(`ERROR: Execution failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(EXIT.execution);
  },
);
