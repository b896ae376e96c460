import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { TermlensError, displayPath } from '../../errors/index.js';
import {
  DEFAULT_MAX_TOKENS,
  DEFAULT_REASONING_EFFORT,
  DEFAULT_REASONING_MAX_TOKENS,
  DETAILS,
  IMAGE_MODES,
  JUDGE_DEFAULTS as D,
  JUDGE_LIMITS as L,
  PROVIDERS,
  REASONING_EFFORTS,
  defaultPromptDirs,
  judgeRun,
  loadPromptSet,
  outdatedDefaultLine,
  presetTable,
  readJudgeInputs,
  resolveProvider,
  type Detail,
  type ImageMode,
  type Judgments,
  type ReasoningEffort,
} from '../../judge/index.js';
import { choiceFlag, durationFlag, rangeFlag, withRange } from '../parse.js';

interface JudgeFlags {
  provider?: string;
  model?: string;
  baseUrl?: string;
  prompts: string;
  samples: number;
  images?: ImageMode;
  detail?: Detail;
  cache: boolean;
  cacheDir?: string;
  concurrency: number;
  timeout: number;
  question?: string;
  target?: string;
  maxTokens?: number;
  reasoningEffort?: ReasoningEffort;
  listPresets?: boolean;
  facts: 'none' | 'measures';
}

export function register(program: Command): void {
  program
    .command('judge')
    .description('Have a vision model score the frames of a run against a prompt set; writes judgments.json into RUN_DIR.')
    .argument('[run-dir]', 'a folder with frames.json (or reports/<id>, whose recordings/<id> has it)')
    .option('--list-presets', "print each provider's default model, its release month and whether it reasons, then exit")
    .option('--provider <name>', `one of ${PROVIDERS.join(', ')} (default: from TERMLENS_JUDGE_PROVIDER or the keys set)`)
    .option('--model <name>', 'model name (default: the provider preset, or the first model a local server lists)')
    .option('--base-url <url>', 'an OpenAI-compatible endpoint, e.g. http://localhost:11434/v1')
    .option('--prompts <set>', 'prompt set name in prompts/, or a path to a folder or .hbs file', D.prompts)
    .option('--samples <k>', withRange('requests per prompt; the median and spread are reported', L.samples), rangeFlag('--samples', L.samples), D.samples)
    .option('--images <mode>', `what to send: ${IMAGE_MODES.join(', ')} (default: the prompt's)`, choiceFlag('--images', IMAGE_MODES))
    .option('--detail <level>', `image detail: ${DETAILS.join(', ')} (default: the prompt's)`, choiceFlag('--detail', DETAILS))
    .option('--no-cache', 'ask the model again even when an identical request was answered before')
    .option('--cache-dir <dir>', 'where answers are cached', D.cacheDir)
    .option('--concurrency <n>', withRange('requests in flight at once', L.concurrency), rangeFlag('--concurrency', L.concurrency), D.concurrency)
    .addOption(new Option('--timeout <duration>', 'per request attempt').argParser(durationFlag('--timeout', L.timeout)).default(D.timeout * 1000, `${D.timeout}s`))
    .option('--max-tokens <n>', withRange(`token budget per request, reasoning and answer together (default: ${DEFAULT_REASONING_MAX_TOKENS} for reasoning models, else ${DEFAULT_MAX_TOKENS})`, L.maxTokens), rangeFlag('--max-tokens', L.maxTokens))
    .option('--reasoning-effort <level>', `${REASONING_EFFORTS.join(', ')} (default: ${DEFAULT_REASONING_EFFORT} for reasoning models, not sent to others)`, choiceFlag('--reasoning-effort', REASONING_EFFORTS))
    .option('--question <text>', 'the task the program was given, for the prompt')
    .option('--facts <what>', 'measures: give the model the offline measurements as facts (never the offline scores); none: only the frames', choiceFlag('--facts', ['none', 'measures'] as const), D.facts)
    .option('--target <name>', 'what to call the program in the prompt (default: the folder name)')
    .action(async (runDir: string | undefined, flags: JudgeFlags) => {
      if (flags.listPresets) {
        process.stdout.write(presetTable(new Date()));
        return;
      }
      if (!runDir) {
        throw new TermlensError('termlens judge needs a run folder', { code: 'usage', stage: 'cli', hint: 'Give RUN_DIR (a folder with frames.json), or --list-presets to see the providers.' });
      }
      const provider = resolveProvider({ flag: { provider: flags.provider, model: flags.model, baseURL: flags.baseUrl } });
      if (!provider.configured) {
        throw new TermlensError(provider.reason, {
          code: 'config',
          stage: 'judge',
          hint: 'termlens run skips judging in this case; termlens judge needs a model to ask.',
        });
      }
      const promptSet = loadPromptSet(flags.prompts, { searchDirs: defaultPromptDirs() });
      const inputs = await readJudgeInputs(runDir);
      const log = (line: string) => process.stderr.write(line + '\n');
      log(`judge: ${provider.provider} ${provider.model ?? '(model from server)'}, prompt set ${promptSet.name}, ${inputs.frames.length} frames, ${flags.samples} sample(s) per prompt`);
      const outdated = outdatedDefaultLine(provider, new Date());
      if (outdated) log(outdated);
      const judgments = await judgeRun({
        frames: inputs.frames,
        gridFile: inputs.gridFile,
        baseDir: inputs.baseDir,
        promptSet,
        provider,
        samples: flags.samples,
        images: flags.images,
        detail: flags.detail,
        concurrency: flags.concurrency,
        cache: flags.cache,
        cacheDir: flags.cacheDir,
        timeoutMs: flags.timeout,
        ...(flags.maxTokens ? { maxTokens: flags.maxTokens } : {}),
        ...(flags.reasoningEffort ? { reasoningEffort: flags.reasoningEffort } : {}),
        context: {
          targetName: flags.target ?? basename(runDir),
          command: inputs.command ?? '(not recorded)',
          ...(flags.question ? { question: flags.question } : {}),
          measuredFacts: flags.facts === 'measures' ? inputs.measuredFacts : '',
        },
        outFile: inputs.outFile,
        onProgress: (e) => log(`judge: [${e.done}/${e.total}] ${e.prompt}${e.sample ? ` sample ${e.sample}` : ''}: ${e.status}${e.message ? ` (${e.message})` : ''}`),
      });
      process.stdout.write(formatSummary(judgments, displayPath(inputs.outFile)));
    });
}

function formatSummary(j: Judgments, file: string): string {
  const lines = Object.entries(j.criteria).map(([key, c]) => `${key.padEnd(26)} ${String(c.median).padStart(4)}  (min ${c.min}, max ${c.max}, n ${c.n})`);
  const cost = j.costUsd === null ? 'cost unknown' : `$${j.costUsd.toFixed(4)}`;
  const reasoning = j.totals.reasoningTokens ? ` (${j.totals.reasoningTokens} of them reasoning)` : '';
  lines.push(`tokens ${j.tokens}${reasoning}, ${cost}, ${j.totals.cacheHits} of ${j.totals.requests} from cache`);
  for (const change of j.adjustments) lines.push(`adjusted: ${change}`);
  lines.push(`judgments: ${file}`);
  return lines.join('\n') + '\n';
}
