/** The merge verb's output: where the merged suite is, its table, its verdict and exit code. */
import { displayPath } from '../../errors/index.js';
import { suiteSummary } from './suite-run.js';
import { mergeSuites } from '../../suite/merge.js';

export async function mergeCommand(dirs: string[], flags: { output: string; automation?: boolean; junit?: string }): Promise<void> {
  const { suite, suiteDir, written } = await mergeSuites(dirs, flags.output, flags.junit ? { junit: flags.junit } : {});
  if (flags.automation) {
    process.stdout.write(`SUITE_DIR: ${suiteDir}\nSCENARIOS: ${suite.scenarios.length} from ${suite.mergedFrom.length} folders\nSUITE: ${written.markdown}\nVERDICT: ${suite.verdict}\n`);
  } else {
    process.stdout.write(`merged ${suite.scenarios.length} scenarios from ${suite.mergedFrom.length} folders into ${displayPath(suiteDir)}\n${suiteSummary(suite, suiteDir)}`);
  }
  process.exitCode = suite.exitCode;
}
