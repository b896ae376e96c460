/** `termlens compare` on two suite folders: per-scenario comparisons, one verdict, --update-baseline for the whole suite. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { appendStepSummary, writeJUnit, type QualityGate } from '../../ci/index.js';
import { updateBaseline, type Thresholds } from '../../compare/index.js';
import { EXIT, TermlensError, displayPath, quote } from '../../errors/index.js';
import { compareSuites, suiteVerdictLines, writeSuiteComparison, type SuiteComparison } from '../../suite/compare.js';
import { isSuiteFolder, readSuite } from '../../suite/read.js';

export interface SuiteCompareFlags {
  output?: string;
  colours?: boolean;
  pixels: boolean;
  pixelThreshold?: number;
  updateBaseline?: boolean;
  judgePair?: boolean;
  strict?: boolean;
  junit?: string;
}

/** One test case per paired scenario, one per one-sided scenario (failed only with --strict). */
function gates(c: SuiteComparison): QualityGate[] {
  const out: QualityGate[] = c.scenarios.map((s) =>
    s.passed
      ? { suite: 'termlens.compare', name: s.id, passed: true }
      : { suite: 'termlens.compare', name: s.id, passed: false, message: s.error ? `cannot compare: ${s.error}` : s.regressions[0]!, details: (s.error ? [s.error] : s.regressions).join('\n') },
  );
  for (const [ids, side] of [[c.onlyInBaseline, 'baseline'], [c.onlyInCurrent, 'current suite']] as const) {
    for (const id of ids) out.push({ suite: 'termlens.compare', name: id, passed: !c.strict, ...(c.strict ? { message: `only in the ${side}` } : { details: `only in the ${side}` }) });
  }
  return out;
}

export async function compareSuitesCommand(baselineDir: string, currentDir: string, flags: SuiteCompareFlags, thresholds: Thresholds): Promise<void> {
  const out = (line: string) => process.stdout.write(line + '\n');
  if (!isSuiteFolder(currentDir) || (existsSync(baselineDir) && !isSuiteFolder(baselineDir))) {
    const [suite, other] = isSuiteFolder(currentDir) ? [currentDir, baselineDir] : [baselineDir, currentDir];
    throw new TermlensError(`${quote(suite)} is a suite folder but ${quote(other)} is not`, {
      code: 'usage',
      stage: 'compare',
      hint: 'Compare two suite folders (each with suite.json), or two scenario folders inside them.',
    });
  }
  if (flags.judgePair) throw new TermlensError('--judge-pair compares two single runs; it is not available for suites', { code: 'usage', stage: 'compare', hint: 'Compare a pair of scenario folders with --judge-pair, or drop it.' });
  if (flags.updateBaseline && !existsSync(baselineDir)) {
    readSuite(currentDir);
    const dir = await updateBaseline(currentDir, baselineDir, { nested: true });
    out(`BASELINE: created ${displayPath(dir)} from ${currentDir}`);
    return;
  }
  const comparison = await compareSuites(baselineDir, currentDir, {
    thresholds,
    pixels: flags.pixels,
    ...(flags.colours ? { colours: true } : {}),
    ...(flags.pixelThreshold !== undefined ? { pixelThreshold: flags.pixelThreshold } : {}),
    strict: !!flags.strict,
  });
  const outDir = resolve(flags.output ?? resolve(currentDir, 'compare'));
  const written = await writeSuiteComparison(outDir, comparison);
  if (flags.junit) await writeJUnit(flags.junit, gates(comparison), 'termlens compare');
  await appendStepSummary(written.markdown);
  out(`COMPARE: ${displayPath(written.markdownFile)}`);
  for (const line of suiteVerdictLines(comparison)) out(line);
  if (flags.updateBaseline) {
    const dir = await updateBaseline(currentDir, baselineDir, { exclude: outDir, nested: true });
    out(`BASELINE: updated ${displayPath(dir)} from ${currentDir}`);
    return;
  }
  if (!comparison.passed) process.exitCode = EXIT.qualityGate;
}
