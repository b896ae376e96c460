/**
 * `termlens calibrate`: check a model before trusting it. The configured
 * model scores the known pairs of a corpus (a recording and a variant made
 * worse on one criterion); exit 5 when it orders too few of them correctly.
 */
import { dirname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { EXIT, TermlensError, displayPath } from '../../errors/index.js';
import { BUILTIN_PROMPTS_DIR, DETAILS, IMAGE_MODES, PROVIDERS, type Detail, type ImageMode } from '../../judge/index.js';
import { JUDGE_DEFAULTS as J, JUDGE_LIMITS as JL } from '../../judge/defaults.js';
import { CALIBRATE_DEFAULTS as C, CALIBRATE_LIMITS as CL } from '../../calibrate/defaults.js';
import { choiceFlag, durationFlag, rangeFlag, withRange } from '../parse.js';

interface CalibrateFlags {
  corpus: string;
  config?: string;
  output?: string;
  provider?: string;
  model?: string;
  baseUrl?: string;
  prompts?: string;
  samples?: number;
  facts?: 'none' | 'measures';
  images?: ImageMode;
  detail?: Detail;
  pairs?: boolean;
  minAccuracy: number;
  frames: number;
  cache: boolean;
  cacheDir: string;
  concurrency?: number;
  timeout: number;
}

/** The corpus that ships with termlens: test/corpus beside prompts/ at the package root. */
const DEFAULT_CORPUS = join(dirname(BUILTIN_PROMPTS_DIR), 'test', 'corpus');

export function register(program: Command): void {
  program
    .command('calibrate')
    .description(
      'Check a vision model before trusting it: it scores the known pairs of a corpus (a recording and a variant made worse on one criterion) from their committed casts, and the report says per criterion how often it ordered them correctly. Exit 5 under --min-accuracy.',
    )
    .option('--corpus <dir>', 'a corpus folder: corpus.yaml and casts/<id>.cast', displayPath(DEFAULT_CORPUS))
    .option('--config <file>', "take the judge: settings (provider, model, prompts, samples, facts, …) from a config file; flags override them")
    .option('-o, --output <dir>', 'where calibration.md, .json and .html go (default: calibration/<model>)')
    .option('--provider <name>', `one of ${PROVIDERS.join(', ')}`)
    .option('--model <name>', 'the model to check')
    .option('--base-url <url>', 'an OpenAI-compatible endpoint, e.g. http://localhost:11434/v1')
    .option('--prompts <set>', `prompt set name or folder (default: the config's, else ${J.prompts})`)
    .option('--samples <k>', withRange(`requests per recording; the spread is reported (default: the config's, else ${J.samples})`, JL.samples), rangeFlag('--samples', JL.samples))
    .option('--facts <what>', `measures or none: whether the prompt carries the measured facts (default: the config's, else ${J.facts})`, choiceFlag('--facts', ['none', 'measures'] as const))
    .option('--images <mode>', `what to send: ${IMAGE_MODES.join(', ')}`, choiceFlag('--images', IMAGE_MODES))
    .option('--detail <level>', `image detail: ${DETAILS.join(', ')}`, choiceFlag('--detail', DETAILS))
    .option('--pairs', 'also show each pair side by side and ask which is better, with the sides in both orders (position-bias flips)')
    .option('--min-accuracy <0-1>', withRange('exit 5 when fewer known pairs than this share are ordered correctly', CL.minAccuracy), rangeFlag('--min-accuracy', CL.minAccuracy), C.minAccuracy)
    .option('--frames <n>', withRange('frames per recording, spread evenly', CL.frames), rangeFlag('--frames', CL.frames), C.frames)
    .option('--no-cache', 'ask the model again even when an identical request was answered before')
    .option('--cache-dir <dir>', 'where answers are cached', J.cacheDir)
    .option('--concurrency <n>', withRange(`requests in flight at once (default: the config's, else ${J.concurrency})`, JL.concurrency), rangeFlag('--concurrency', JL.concurrency))
    .addOption(new Option('--timeout <duration>', 'per request attempt').argParser(durationFlag('--timeout', JL.timeout)).default(J.timeout * 1000, `${J.timeout}s`))
    .action(async (flags: CalibrateFlags) => {
      const [{ loadConfig }, judge, { calibrate, writeCalibration }] = await Promise.all([import('../../config/index.js'), import('../../judge/index.js'), import('../../calibrate/index.js')]);
      const j = flags.config ? loadConfig(flags.config).judge : undefined;
      const provider = judge.resolveProvider({
        flag: { provider: flags.provider, model: flags.model, baseURL: flags.baseUrl },
        config: {
          ...(j && j.provider !== 'auto' && j.provider !== 'none' ? { provider: j.provider } : {}),
          ...(j?.model ? { model: j.model } : {}),
          ...(j?.baseURL ? { baseURL: j.baseURL } : {}),
          ...(j?.apiKeyEnv ? { apiKeyEnv: j.apiKeyEnv } : {}),
        },
      });
      if (!provider.configured) {
        throw new TermlensError(provider.reason, { code: 'config', stage: 'calibrate', hint: 'calibrate checks a model, so it needs one: pass --provider/--model/--base-url or --config.' });
      }
      const promptSet = judge.loadPromptSet(flags.prompts ?? j?.prompts ?? J.prompts, { searchDirs: judge.defaultPromptDirs() });
      const images = flags.images ?? j?.images;
      const detail = flags.detail ?? j?.detail;
      const outDir = resolve(flags.output ?? join('calibration', slug(provider.model ?? provider.provider)));
      const log = (line: string) => process.stderr.write(`calibrate: ${line}\n`);
      // Ctrl+C or SIGTERM stops the requests in flight; what was answered stays in entries/<id>/judgments.json (exit 4).
      const controller = new AbortController();
      const stop = (name: string) => () => {
        log(`${name} received; stopping and keeping the answers so far`);
        controller.abort();
      };
      const onInt = stop('SIGINT');
      const onTerm = stop('SIGTERM');
      process.once('SIGINT', onInt);
      process.once('SIGTERM', onTerm);
      log(`${provider.provider} ${provider.model ?? '(model from server)'}, prompt set ${promptSet.name}, corpus ${displayPath(resolve(flags.corpus))}`);
      const result = await calibrate({
        corpusDir: flags.corpus,
        outDir,
        provider,
        promptSet,
        samples: flags.samples ?? j?.samples ?? J.samples,
        facts: flags.facts ?? j?.facts ?? J.facts,
        pairwise: flags.pairs ?? false,
        minAccuracy: flags.minAccuracy,
        frames: flags.frames,
        ...(images ? { images } : {}),
        ...(detail ? { detail } : {}),
        concurrency: flags.concurrency ?? j?.concurrency ?? J.concurrency,
        cache: flags.cache && (j?.cache ?? J.cache),
        cacheDir: flags.cacheDir,
        timeoutMs: flags.timeout,
        log,
        signal: controller.signal,
      }).finally(() => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
      });
      const files = await writeCalibration(outDir, result);
      const out = (line: string) => process.stdout.write(line + '\n');
      for (const [key, c] of Object.entries(result.criteria)) {
        if (!c.pairs) continue;
        const pairwise = c.pairwise ? `, side by side ${percent(c.pairwise.accuracy)}, ${c.pairwise.flips} flip(s)` : '';
        out(`${key.padEnd(26)} ${percent(c.accuracy).padStart(5)} of ${c.pairs} pair(s), margin ${signed(c.meanMargin)}, spread ${c.spread?.toFixed(1) ?? '—'}${pairwise}`);
      }
      out(`CALIBRATION: ${displayPath(files.markdownFile)}`);
      out(`JSON: ${displayPath(files.jsonFile)}`);
      out(`HTML: ${displayPath(files.htmlFile)}`);
      const accuracy = `${percent(result.overall.accuracy)} of ${result.overall.pairs} known pairs ordered correctly${result.pairwise ? `, ${percent(result.overall.pairwiseAccuracy ?? null)} side by side` : ''}`;
      if (result.passed) {
        out(`VERDICT: passed: ${accuracy}`);
      } else {
        out(`VERDICT: failed (exit 5): ${accuracy}, under the minimum ${percent(result.minAccuracy)}`);
        process.exitCode = EXIT.qualityGate;
      }
    });
}

const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
const signed = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(1)}`);
const slug = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
