/** The flags `termlens run` takes for a config with a matrix (a suite). Kept apart so registering them loads nothing else. */
import { Option, type Command } from 'commander';
import { collect } from './run-flags.js';
import { rangeFlag, withRange } from './parse.js';
import { SUITE_DEFAULTS, SUITE_LIMITS } from '../suite/defaults.js';
import { TermlensError } from '../errors/index.js';

export interface SuiteFlags {
  only?: string[];
  shard?: string;
  durations?: string;
  jobs?: number;
}

export function addSuiteOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--only <pattern>', 'suite: run only scenarios whose id contains this, or matches it with * and ? (repeatable)').argParser(collect))
    .option('--shard <K/N|auto>', 'suite: run part K of N (e.g. 2/4, on GitHub ${{ matrix.shard }}/4); auto reads GitLab, CircleCI, Buildkite or Kubernetes (auto/N) variables')
    .option('--durations <suite.json>', "suite: balance --shard by the scenarios' durations in an earlier suite.json (default: round robin over the sorted ids)")
    .option(
      '--jobs <n>',
      withRange(`suite: scenarios in flight at once; recordings still take turns unless record.parallel is true (default ${SUITE_DEFAULTS.jobs})`, SUITE_LIMITS.jobs),
      rangeFlag('--jobs', SUITE_LIMITS.jobs),
    );
}

/** Suite flags on a config without a matrix are a mistake worth saying, not ignoring. */
export function rejectSuiteFlags(flags: SuiteFlags): void {
  const given = (['only', 'shard', 'durations', 'jobs'] as const).filter((k) => flags[k] !== undefined);
  if (given.length === 0) return;
  throw new TermlensError(`--${given[0]} needs a suite: this config has no matrix`, {
    code: 'usage',
    stage: 'suite',
    hint: 'Add a matrix: to the config (e.g. matrix: { size: [80x24, 120x36] }; see docs/suites.md), or drop the flag.',
  });
}
