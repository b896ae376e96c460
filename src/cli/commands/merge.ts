/** `termlens merge DIR… -o OUT`: a suite's shards (CI artifacts) into one suite folder and report. */
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('merge')
    .description("Merge a suite's shard folders into one suite folder: suite.json, suite.md, index.html, gates. Exit 1 when a scenario is missing or comes twice, 5 when a quality gate failed.")
    .argument('<dirs...>', 'shard suite folders (each holds suite.json), or folders holding them')
    .requiredOption('-o, --output <dir>', 'the merged suite folder to create')
    .option('--automation', 'KEY: value lines on stdout: SUITE_DIR, SUITE, VERDICT')
    .option('--junit <file>', 'also write the gates as JUnit XML: one test case per scenario and per quality gate')
    .action(async (dirs: string[], flags: { output: string; automation?: boolean; junit?: string }) => {
      const { mergeCommand } = await import('./suite-merge.js');
      await mergeCommand(dirs, flags);
    });
}
