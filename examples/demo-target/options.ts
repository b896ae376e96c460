/**
 * The program's options: flags parsed without dependencies, checked, with
 * messages that name the bad value and say what is allowed.
 */
import { COLOR_LEVELS, type ColorLevel } from './ansi/colors.js';
import { DEFAULT_QUESTION } from './scenario/text.js';

export const DEFECTS = ['low-contrast', 'escape-debris', 'flicker', 'no-status-icons', 'overflow', 'silent'] as const;
export type Defect = (typeof DEFECTS)[number];

export const FAULT_NAMES = ['config-error', 'crash-after=N', 'hang', 'hang=AGENT', 'agent-error', 'restart'] as const;

export interface Faults {
  configError: boolean;
  /** Seconds (wall clock) after which the run fails with exit code 2. */
  crashAfter: number | undefined;
  hang: boolean;
  /** Only this agent hangs (automation: it never answers, without an error; the others answer and vote). */
  hangAgent: string | undefined;
  agentError: boolean;
  restart: boolean;
}

export interface Options {
  help: boolean;
  question: string;
  agents: number;
  seed: string;
  speed: number;
  defects: Set<Defect>;
  faults: Faults;
  automation: boolean;
  /** Automation mode speaks the later variant that prints LOG_DIR: and STATUS:. */
  printLogDir: boolean;
  /** Wall-clock seconds before the orchestrator gives up and presents what it has (exit 0). */
  orchestratorTimeout: number;
  logDir: string | undefined;
  /** Seconds between status.json rewrites. */
  statusInterval: number;
  /** Wall-clock seconds before giving up with exit code 3 (automation: a TimeoutError escaping the run). */
  timeout: number | undefined;
  cols: number | undefined;
  rows: number | undefined;
  altScreen: boolean;
  color: ColorLevel | 'auto';
}

/** A bad command line; main prints the message and exits 1. */
export class UsageError extends Error {}

export const USAGE = `Usage: demo-target [options] [QUESTION]

Imitates a multi-agent CLI: agents stream answers in columns, vote, and the
winner presents the final answer. Deterministic for a given --seed.

Options:
  --question TEXT        the question shown and answered (or give it as the argument)
                         default: "${DEFAULT_QUESTION}"
  --agents N             number of agents, 2 to 4 (default 3)
  --seed S               seed of the run; same seed, same output (default 1)
  --speed X              faster (>1) or slower (<1); 1 takes about 25 s (default 1)
  --defect NAME          make the display worse on purpose (repeatable):
                         ${DEFECTS.join(', ')}
  --fault NAME           make the run fail on purpose (repeatable):
                         ${FAULT_NAMES.join(', ')}
  --automation           no display, as the multi-agent CLI's --automation: a few
                         lines on stdout (block-buffered on a pipe unless
                         PYTHONUNBUFFERED is set), status.json under
                         .massgen/massgen_logs/log_*/turn_1/ in the working folder
  --print-log-dir        automation: also print LOG_DIR: and STATUS: (the later
                         version of the automation output)
  --orchestrator-timeout S
                         automation: after S seconds present what the agents have
                         and exit 0, as the real orchestrator timeout (default 1800)
  --log-dir DIR          rich display: where logs and the final answer go
                         (default: a new folder under the system temp folder)
  --status-interval S    seconds between status.json rewrites (default 2)
  --timeout S            give up after S seconds with exit code 3
  --cols N, --rows N     draw for this size instead of the terminal's
  --alt-screen           draw on the alternate screen
  --color MODE           auto, truecolor, 256, 16 or none (default auto)
  -h, --help             show this help

Exit codes: 0 success, 1 configuration error, 2 execution error, 3 timeout, 4 interrupted.
In automation mode, as the real program: 0 also after an orchestrator timeout and
after Ctrl+C; the configuration error is printed on stdout.
`;

const VALUE_FLAGS = ['--question', '--agents', '--seed', '--speed', '--defect', '--fault', '--log-dir', '--status-interval', '--timeout', '--orchestrator-timeout', '--cols', '--rows', '--color'];
const BOOL_FLAGS = ['--automation', '--print-log-dir', '--alt-screen', '--help', '-h'];

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

function didYouMean(value: string, names: readonly string[]): string {
  const best = [...names].sort((x, y) => distance(value, x) - distance(value, y))[0];
  return best && distance(value, best) <= Math.max(2, Math.floor(best.length / 3)) ? ` (did you mean '${best}'?)` : '';
}

function number(flag: string, raw: string, o: { min: number; max: number; integer?: boolean }): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || (o.integer && !Number.isInteger(n)) || n < o.min || n > o.max) {
    throw new UsageError(`${flag} must be ${o.integer ? 'a whole number' : 'a number'} from ${o.min} to ${o.max}, got '${raw}'`);
  }
  return n;
}

function addFault(faults: Faults, raw: string): void {
  const [name, arg] = raw.split('=', 2) as [string, string | undefined];
  if (name === 'crash-after') {
    if (arg === undefined) throw new UsageError(`--fault crash-after needs a number of seconds, as in 'crash-after=5'`);
    faults.crashAfter = number('--fault crash-after', arg, { min: 0, max: 86400 });
    return;
  }
  if (name === 'hang' && arg !== undefined) {
    if (!/^agent_[a-d]$/.test(arg)) throw new UsageError(`--fault hang=AGENT needs an agent id from agent_a to agent_d, got '${arg}'`);
    faults.hangAgent = arg;
    return;
  }
  const flags: Record<string, keyof Faults> = { 'config-error': 'configError', hang: 'hang', 'agent-error': 'agentError', restart: 'restart' };
  const key = flags[name];
  if (!key || arg !== undefined) {
    throw new UsageError(`unknown fault '${raw}'${didYouMean(name, Object.keys(flags).concat('crash-after'))}; valid faults: ${FAULT_NAMES.join(', ')}`);
  }
  (faults[key] as boolean) = true;
}

export function parseOptions(argv: readonly string[]): Options {
  const o: Options = {
    help: false,
    question: DEFAULT_QUESTION,
    agents: 3,
    seed: '1',
    speed: 1,
    defects: new Set(),
    faults: { configError: false, crashAfter: undefined, hang: false, hangAgent: undefined, agentError: false, restart: false },
    automation: false,
    printLogDir: false,
    orchestratorTimeout: 1800,
    logDir: undefined,
    statusInterval: 2,
    timeout: undefined,
    cols: undefined,
    rows: undefined,
    altScreen: false,
    color: 'auto',
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    if (BOOL_FLAGS.includes(flag)) {
      if (eq > 0) throw new UsageError(`${flag} takes no value`);
      if (flag === '--automation') o.automation = true;
      else if (flag === '--print-log-dir') o.printLogDir = true;
      else if (flag === '--alt-screen') o.altScreen = true;
      else o.help = true;
      continue;
    }
    if (!VALUE_FLAGS.includes(flag)) {
      throw new UsageError(`unknown option '${flag}'${didYouMean(flag, [...VALUE_FLAGS, ...BOOL_FLAGS])}; see --help`);
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value; see --help`);
    switch (flag) {
      case '--question':
        if (value.trim() === '') throw new UsageError('--question must not be empty');
        o.question = value;
        break;
      case '--agents':
        o.agents = number(flag, value, { min: 2, max: 4, integer: true });
        break;
      case '--seed':
        if (value === '') throw new UsageError('--seed must not be empty');
        o.seed = value;
        break;
      case '--speed':
        o.speed = number(flag, value, { min: 0.05, max: 1000 });
        break;
      case '--defect':
        for (const name of value.split(',')) {
          if (!(DEFECTS as readonly string[]).includes(name)) {
            throw new UsageError(`unknown defect '${name}'${didYouMean(name, DEFECTS)}; valid defects: ${DEFECTS.join(', ')}`);
          }
          o.defects.add(name as Defect);
        }
        break;
      case '--fault':
        for (const name of value.split(',')) addFault(o.faults, name);
        break;
      case '--log-dir':
        o.logDir = value;
        break;
      case '--status-interval':
        o.statusInterval = number(flag, value, { min: 0.05, max: 3600 });
        break;
      case '--timeout':
        o.timeout = number(flag, value, { min: 0.1, max: 86400 });
        break;
      case '--orchestrator-timeout':
        o.orchestratorTimeout = number(flag, value, { min: 0.1, max: 86400 });
        break;
      case '--cols':
        o.cols = number(flag, value, { min: 20, max: 1000, integer: true });
        break;
      case '--rows':
        o.rows = number(flag, value, { min: 5, max: 500, integer: true });
        break;
      case '--color':
        if (value !== 'auto' && !(COLOR_LEVELS as readonly string[]).includes(value)) {
          throw new UsageError(`--color must be one of auto, ${COLOR_LEVELS.join(', ')}; got '${value}'`);
        }
        o.color = value as ColorLevel | 'auto';
        break;
    }
  }
  if (o.automation && o.logDir !== undefined) {
    throw new UsageError("--log-dir is for the rich display; automation mode writes under .massgen/massgen_logs/ in the working folder, as the multi-agent CLI does (run it from another folder instead)");
  }
  if (o.printLogDir && !o.automation) throw new UsageError('--print-log-dir only applies with --automation');
  if (positional.length > 1) throw new UsageError(`expected at most one QUESTION argument, got ${positional.length}: ${positional.map((p) => `'${p}'`).join(' ')}`);
  if (positional.length === 1) {
    if (positional[0]!.trim() === '') throw new UsageError('the question must not be empty');
    o.question = positional[0]!;
  }
  return o;
}
