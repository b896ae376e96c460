import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { appendStepSummary, gatesFromComparison, writeJUnit } from '../../ci/index.js';
import { loadConfig } from '../../config/index.js';
import {
  applyThresholdFlags,
  compareDirFor,
  compareRuns,
  compareViewFor,
  defaultThresholds,
  loadThresholdsFile,
  readRunFolder,
  updateBaseline,
  verdictLines,
  writeComparison,
  type Thresholds,
} from '../../compare/index.js';
import { EXIT, TermlensError, displayPath } from '../../errors/index.js';
import { JUDGE_DEFAULTS, JUDGE_LIMITS, PROVIDERS, resolveProvider } from '../../judge/index.js';
import { writeHtmlReport } from '../../report/index.js';
import { COMPARE_DEFAULTS, COMPARE_LIMITS } from '../../compare/defaults.js';
import { durationFlag, rangeFlag, withRange } from '../parse.js';
import { isSuiteFolder } from '../../suite/detect.js';

interface CompareFlags {
  output?: string;
  config?: string;
  threshold: string[];
  thresholds?: string;
  colours?: boolean;
  pixels: boolean;
  pixelThreshold: number;
  updateBaseline?: boolean;
  judgePair?: boolean;
  provider?: string;
  model?: string;
  baseUrl?: string;
  pairFrames: number;
  timeout: number;
  junit?: string;
  strict?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

const ORDER = 'thresholds are applied in this order, later wins: defaults, --config, --thresholds, each --threshold';

/** Defaults ← the config's compare: section ← a thresholds file ← --threshold flags, later wins. */
async function thresholdsFor(flags: CompareFlags): Promise<Thresholds> {
  // The whole config is validated, so a config that `termlens run` would reject is rejected here too.
  const thresholds = flags.config ? loadConfig(flags.config).compare : defaultThresholds();
  if (flags.thresholds) await loadThresholdsFile(thresholds, flags.thresholds);
  return applyThresholdFlags(thresholds, flags.threshold);
}

export function register(program: Command): void {
  program
    .command('compare')
    .description(
      'Compare two runs\' report folders (or a baseline kept in your repository): score and metric deltas, screen text and pixel differences. Exit 5 when something regressed beyond its threshold.',
    )
    .argument('<baseline>', 'the baseline report folder (a REPORT_DIR, or a copy of one)')
    .argument('<current>', 'the current report folder')
    .option('-o, --output <dir>', 'where compare.md, compare.json and diffs/ go (default: CURRENT/compare)')
    .option('--config <file>', `thresholds from a config file's compare: section (docs/config.md); ${ORDER}`)
    .option(
      '--threshold <name=value>',
      'allowed change before a regression, repeatable: a criterion (visualClarity=0.5), a metric (flicker=1), pixels=0.02, cells=40, criteria=1 for all four, or a bare number for all criteria (default: 1 point per criterion; see compare.md for the metrics); applied after --config and --thresholds, later flags win',
      collect,
      [],
    )
    .option('--thresholds <file>', "thresholds from a YAML file: criteria, metrics, pixels, cells (optionally under compare:), applied over --config's")
    .option('--colours', 'count colour and attribute changes in screen diffs, not only text')
    .option('--no-pixels', 'skip extracting aligned frames and diffing pixels')
    .option(
      '--pixel-threshold <0-1>',
      withRange("pixelmatch's colour tolerance per pixel; smaller is stricter", COMPARE_LIMITS.pixelThreshold),
      rangeFlag('--pixel-threshold', COMPARE_LIMITS.pixelThreshold),
      COMPARE_DEFAULTS.pixelThreshold,
    )
    .option('--update-baseline', 'after a person accepted the change: replace BASELINE with CURRENT (creates it when missing) and exit 0')
    .option('--judge-pair', 'also ask the vision model which side is better per criterion, with the sides in both orders')
    .option('--provider <name>', `for --judge-pair: one of ${PROVIDERS.join(', ')}`)
    .option('--model <name>', 'for --judge-pair: the model')
    .option('--base-url <url>', 'for --judge-pair: an OpenAI-compatible endpoint')
    .option('--pair-frames <n>', withRange('for --judge-pair: most moments shown', COMPARE_LIMITS.pairFrames), rangeFlag('--pair-frames', COMPARE_LIMITS.pairFrames), COMPARE_DEFAULTS.pairFrames)
    .addOption(new Option('--timeout <duration>', 'for --judge-pair: per request attempt').argParser(durationFlag('--timeout', JUDGE_LIMITS.timeout)).default(JUDGE_DEFAULTS.timeout * 1000, `${JUDGE_DEFAULTS.timeout}s`))
    .option('--junit <file>', 'also write a JUnit XML report of the gates')
    .option('--strict', 'suites: a scenario on one side only fails the comparison (by default it is listed)')
    .action(async (baselineDir: string, currentDir: string, flags: CompareFlags) => {
      const out = (line: string) => process.stdout.write(line + '\n');
      // Read first, so a bad config or thresholds file is reported before any work (and even when only a baseline is created).
      const thresholds = await thresholdsFor(flags);
      if (isSuiteFolder(baselineDir) || isSuiteFolder(currentDir)) {
        return (await import('./suite-compare.js')).compareSuitesCommand(baselineDir, currentDir, flags, thresholds);
      }
      if (flags.updateBaseline && !existsSync(baselineDir)) {
        // Nothing to compare with yet: the first accepted run becomes the baseline.
        await readRunFolder(currentDir, 'current');
        const dir = await updateBaseline(currentDir, baselineDir, flags.output ? { exclude: flags.output } : {});
        out(`BASELINE: created ${displayPath(dir)} from ${currentDir}`);
        return;
      }
      let judgePair;
      if (flags.judgePair) {
        const provider = resolveProvider({ flag: { provider: flags.provider, model: flags.model, baseURL: flags.baseUrl } });
        if (!provider.configured) {
          throw new TermlensError(provider.reason, { code: 'config', stage: 'compare', hint: '--judge-pair needs a vision model; drop it to compare offline only.' });
        }
        judgePair = { provider, maxPairs: flags.pairFrames, timeoutMs: flags.timeout };
      }
      const outDir = resolve(flags.output ?? compareDirFor(currentDir));
      const comparison = await compareRuns({
        baseline: baselineDir,
        current: currentDir,
        outDir,
        thresholds,
        colours: flags.colours,
        pixels: flags.pixels,
        pixelThreshold: flags.pixelThreshold,
        ...(judgePair ? { judgePair } : {}),
        log: (line) => process.stderr.write(line + '\n'),
      });
      const written = await writeComparison(outDir, comparison);
      if (flags.junit) await writeJUnit(flags.junit, gatesFromComparison(comparison), 'termlens compare');
      await appendStepSummary(written.markdown);
      out(`COMPARE: ${displayPath(written.markdownFile)}`);
      // The current run's page gains the side-by-side view when the comparison sits inside its folder.
      const view = compareViewFor(comparison, resolve(currentDir), outDir);
      if (view && existsSync(resolve(currentDir, 'scorecard.json'))) out(`HTML: ${displayPath(await writeHtmlReport(resolve(currentDir), { compare: view }))}`);
      for (const line of verdictLines(comparison)) out(line);
      if (flags.updateBaseline) {
        const dir = await updateBaseline(currentDir, baselineDir, { exclude: outDir });
        out(`BASELINE: updated ${displayPath(dir)} from ${currentDir}`);
        return;
      }
      if (!comparison.passed) process.exitCode = EXIT.qualityGate;
    });
}
