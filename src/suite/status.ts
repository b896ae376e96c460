/**
 * A suite's status.json while it runs: one line per scenario (its state,
 * the stage under way, its exit code) and the counts, rewritten whole at
 * each change, as a run's status.json is. A merge writes the finished form.
 */
import { join } from 'node:path';
import { TermlensError, quote } from '../errors/index.js';
import { suiteStatusFile } from '../run-folder/index.js';
import type { SuiteResult } from './model.js';
import { writeSuiteStatus, type SuiteStatus } from './write.js';

type ScenarioLine = SuiteStatus['scenarios'][number];

function countsOf(lines: readonly ScenarioLine[]): SuiteStatus['counts'] {
  return {
    total: lines.length,
    done: lines.filter((x) => x.exitCode !== null).length,
    passed: lines.filter((x) => x.state === 'passed').length,
    failed: lines.filter((x) => x.state === 'failed' || x.state === 'interrupted').length,
    running: lines.filter((x) => x.state === 'running').length,
  };
}

export class SuiteStatusBoard {
  readonly startedAt = Date.now();
  private readonly status: SuiteStatus;

  constructor(suiteDir: string, suiteId: string, configFile: string | null, scenarios: ReadonlyArray<{ id: string; slug: string }>) {
    const now = new Date(this.startedAt).toISOString();
    this.status = {
      schemaVersion: suiteStatusFile.schemaVersion,
      kind: 'suite',
      suiteId,
      suiteDir,
      pid: process.pid,
      configFile,
      state: 'running',
      scenarios: scenarios.map((s) => ({ id: s.id, slug: s.slug, state: 'pending', stage: null, exitCode: null, reportDir: join(suiteDir, s.slug) })),
      counts: countsOf([]),
      startedAt: now,
      updatedAt: now,
      elapsedSeconds: 0,
      exitCode: null,
      verdict: null,
    };
    this.save();
  }

  /** The scenario's line, to change in place before the next save. */
  scenario(id: string): ScenarioLine {
    const line = this.status.scenarios.find((s) => s.id === id);
    if (!line) {
      // The board is made with every scenario of the suite, so this is a termlens bug, said as one rather than a TypeError.
      throw new TermlensError(`scenario ${quote(id)} is not on the suite's status board`, { code: 'execution', stage: 'suite', hint: 'This is a bug in termlens; please report it with the suite config you ran.' });
    }
    return line;
  }

  save(): void {
    this.status.counts = countsOf(this.status.scenarios);
    this.status.updatedAt = new Date().toISOString();
    this.status.elapsedSeconds = Math.round((Date.now() - this.startedAt) / 100) / 10;
    try {
      writeSuiteStatus(this.status.suiteDir, this.status);
    } catch {
      // A status file that cannot be written must not end the suite it describes.
    }
  }

  finish(suite: Pick<SuiteResult, 'state' | 'exitCode' | 'verdict'>): void {
    Object.assign(this.status, { state: suite.state, exitCode: suite.exitCode, verdict: suite.verdict });
    this.save();
  }
}

/** The status.json of a suite that is already whole (a merge): every scenario done. */
export function finishedSuiteStatus(suite: SuiteResult, suiteDir: string, now: string): SuiteStatus {
  const scenarios = suite.scenarios.map((s) => ({ id: s.id, slug: s.slug, state: s.state, stage: null, exitCode: s.exitCode, reportDir: join(suiteDir, s.slug) }));
  return {
    schemaVersion: suiteStatusFile.schemaVersion,
    kind: 'suite',
    suiteId: suite.suiteId,
    suiteDir,
    pid: process.pid,
    configFile: suite.configFile,
    state: suite.state,
    scenarios,
    counts: countsOf(scenarios),
    startedAt: now,
    updatedAt: now,
    elapsedSeconds: 0,
    exitCode: suite.exitCode,
    verdict: suite.verdict,
  };
}
