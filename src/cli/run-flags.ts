/** The flags `termlens run` and `termlens demo` share, and how they change a loaded config. */
import { Option, type Command } from 'commander';
import type { TermlensConfig } from '../config/index.js';
import { TermlensError, quote, suggestName } from '../errors/index.js';
// Constants from their own small modules, not the stages' index files: `termlens
// pretest` uses these flags too and must not load the renderer, sharp or openai.
import { FRAMES_DEFAULTS, FRAMES_LIMITS } from '../frames/defaults.js';
import { FRAME_STRATEGIES } from '../frames/select.js';
import { JUDGE_DEFAULTS, JUDGE_LIMITS } from '../judge/defaults.js';
import { REASONING_EFFORTS, type ReasoningEffort } from '../judge/model-params.js';
import { PROVIDERS } from '../judge/providers.js';
import { STAGES, type StageName } from '../pipeline/types.js';
import { CRITERIA, SCORE_RANGE, type CriterionKey } from '../criteria.js';
import { inRange, rangeText } from '../errors/range.js';
import { choiceFlag, rangeFlag, withRange } from './parse.js';

export interface RunFlags {
  automation?: boolean;
  from?: StageName;
  run?: string;
  force?: boolean;
  question?: string;
  var?: string[];
  minScore?: string[];
  provider?: string;
  model?: string;
  baseUrl?: string;
  prompts?: string;
  samples?: number;
  maxTokens?: number;
  reasoningEffort?: ReasoningEffort;
  judge: boolean;
  /** false with --no-live-render. */
  liveRender?: boolean;
  theme?: string;
  frames?: number;
  strategy?: TermlensConfig['frames']['strategy'];
  recordings?: string;
  reports?: string;
  junit?: string;
}

export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addRunOptions(cmd: Command): Command {
  return cmd
    .option('--automation', 'for scripts and agents: no colour or bars, ~10 KEY: value lines on stdout, status.json in the report folder')
    .addOption(new Option('--from <stage>', `rerun from this stage, reusing earlier outputs (${STAGES.join(', ')})`).argParser(choiceFlag('--from', STAGES)))
    .option('--run <dir>', 'with --from: the run to continue (REPORT_DIR or run id; default: the newest run of this config)')
    .option('--force', 'with --from: redo stages even when their inputs are unchanged')
    .option('--question <text>', 'set the {{question}} template variable')
    .addOption(new Option('--var <name=value>', 'set a template variable (repeatable)').argParser(collect))
    .addOption(new Option('--min-score <criterion=N>', 'quality gate, exit 5 below it: visualClarity=6, or N for all four (repeatable)').argParser(collect))
    .addOption(new Option('--provider <name>', `vision model provider (${PROVIDERS.join(', ')})`).argParser(choiceFlag('--provider', PROVIDERS)))
    .option('--model <name>', 'vision model name')
    .option('--base-url <url>', 'OpenAI-compatible endpoint, e.g. http://localhost:11434/v1')
    .option('--prompts <set>', 'prompt set name or folder')
    .option('--samples <k>', withRange(`requests per prompt (default: the config's, else ${JUDGE_DEFAULTS.samples})`, JUDGE_LIMITS.samples), rangeFlag('--samples', JUDGE_LIMITS.samples))
    .option('--max-tokens <n>', withRange('judge token budget per request, reasoning and answer together', JUDGE_LIMITS.maxTokens), rangeFlag('--max-tokens', JUDGE_LIMITS.maxTokens))
    .addOption(new Option('--reasoning-effort <level>', `judge reasoning effort (${REASONING_EFFORTS.join(', ')})`).argParser(choiceFlag('--reasoning-effort', REASONING_EFFORTS)))
    .option('--no-judge', 'do not ask a vision model even when one is configured')
    .option('--no-live-render', 'render the video, and measure, only after the recording ends, one stage after another')
    .option('--theme <name|file>', 'render theme')
    .option('--frames <n>', withRange(`frames to extract (default: the config's, else ${FRAMES_DEFAULTS.count})`, FRAMES_LIMITS.count), rangeFlag('--frames', FRAMES_LIMITS.count))
    .addOption(new Option('--strategy <name>', `frame choice (${FRAME_STRATEGIES.join(', ')})`).argParser(choiceFlag('--strategy', FRAME_STRATEGIES)))
    .option('--recordings <dir>', 'where recordings/<run-id> goes (default: ./recordings)')
    .option('--reports <dir>', 'where reports/<run-id> goes (default: ./reports)')
    .option('--junit <file>', 'also write the quality gates as a JUnit XML report');
}

/** `name=value` pairs from --var, with --question as one more. */
export function varsFromFlags(pairs: readonly string[], question?: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new TermlensError(`--var ${quote(pair)} is not name=value`, { code: 'usage', stage: 'cli', hint: 'Write e.g. --var seed=7.' });
    vars[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  if (question !== undefined) vars.question = question;
  return vars;
}

/** `--min-score visualClarity=6` or `--min-score 6` (every criterion). */
export function minScoresFromFlags(values: readonly string[]): Partial<Record<CriterionKey, number>> {
  const out: Partial<Record<CriterionKey, number>> = {};
  for (const value of values) {
    const [name, num] = value.includes('=') ? value.split('=', 2) : [undefined, value];
    const n = Number(num);
    if (!num || !inRange(n, SCORE_RANGE)) {
      throw new TermlensError(`--min-score ${quote(value)}: the score must be ${rangeText(SCORE_RANGE)}`, { code: 'usage', stage: 'cli', hint: 'Write e.g. --min-score visualClarity=6 or --min-score 5.' });
    }
    if (name === undefined) {
      for (const k of CRITERIA) out[k] = n;
      continue;
    }
    if (!(CRITERIA as readonly string[]).includes(name)) {
      const guess = suggestName(name, CRITERIA);
      throw new TermlensError(`--min-score ${quote(value)}: unknown criterion ${quote(name)}${guess ? `; did you mean ${quote(guess)}?` : ''}`, {
        code: 'usage',
        stage: 'cli',
        hint: `Criteria: ${CRITERIA.join(', ')}.`,
      });
    }
    out[name as CriterionKey] = n;
  }
  return out;
}

/** The config with the command line's overrides; the loaded object is left as it was. */
export function applyRunFlags(config: TermlensConfig, flags: RunFlags): TermlensConfig {
  const judge = { ...config.judge };
  if (flags.provider) judge.provider = flags.provider as TermlensConfig['judge']['provider'];
  if (flags.model) judge.model = flags.model;
  if (flags.baseUrl) judge.baseURL = flags.baseUrl;
  if (flags.prompts) judge.prompts = flags.prompts;
  if (flags.samples) judge.samples = flags.samples;
  if (flags.maxTokens) judge.maxTokens = flags.maxTokens;
  if (flags.reasoningEffort) judge.reasoningEffort = flags.reasoningEffort;
  if (flags.judge === false) judge.provider = 'none';
  const frames = { ...config.frames, ...(flags.frames ? { count: flags.frames } : {}), ...(flags.strategy ? { strategy: flags.strategy } : {}) };
  const render = { ...config.render, ...(flags.theme ? { theme: flags.theme } : {}) };
  return { ...config, judge, frames, render };
}
