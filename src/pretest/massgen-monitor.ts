/**
 * The `massgen` protocol's judgement: follows the program's lines, its
 * status.json (found by STATUS:, else under LOG_DIR, else in the working
 * folder) and its files, notices a failing backend or a stalled agent early,
 * and decides at the end whether the run really completed. The facts it
 * relies on, with file and line in the program's source, are in
 * docs/massgen-protocol.md.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { agentFailures, describeAgents, describeFailures, emptyAutomationLines, parseAutomationLine, stripAnsi, type StatusView } from './automation.js';
import { agentsNamed, backendErrorLine, crossLine, loguruLine } from './massgen-lines.js';
import { exitReason, lastWords, oneLine, seconds } from './reasons.js';
import { StallWatch, type Stall } from './stall-watch.js';
import { LOGS_FOLDER, locateStatus, type StatusLocation } from './status-locate.js';
import { StatusWatcher } from './status-watch.js';
import type { MassgenContract, PretestResult } from './types.js';

type Verdict = Pick<PretestResult, 'verdict' | 'reason'>;
type Failure = { kind: 'backend'; line: string } | { kind: 'status'; text: string } | { kind: 'stall'; stall: Stall };

/** Backend ERROR lines kept in pretest.json. */
const MAX_ERROR_LINES = 10;

export interface MonitorContext {
  cwd: string;
  startedAtMs: number;
  elapsed: () => number;
  /** The program's session (its pid: it leads one), once started. */
  sid: () => number | null;
  /** Seconds an agent may go without progress while others progress (0: no limit). */
  stallSeconds: number;
  /** Only the `massgen` protocol judges; the others just have their lines parsed. */
  judging: boolean;
  onStatus: (view: StatusView) => void;
  /** status.json found, or found elsewhere than before. */
  onLocate: (location: StatusLocation) => void;
}

export class MassgenMonitor {
  readonly parsed = emptyAutomationLines();
  readonly status: StatusWatcher;
  private readonly linesSeen: string[] = [];
  private readonly backendErrors: string[] = [];
  private lastCross: string | undefined;
  private lastErrorLog: string | undefined;
  private location: StatusLocation | null = null;
  private lockedRoot: string | null = null;
  private failure: Failure | null = null;
  private readonly stall: StallWatch;
  private orchestratorTimeout: string | null = null;
  private answerFile: string | null = null;

  constructor(private readonly c: MonitorContext) {
    this.status = new StatusWatcher(c.elapsed, c.onStatus);
    this.stall = new StallWatch(c.stallSeconds);
  }

  /** Take in one output line; returns the protocol key it carried, if any. */
  onLine(stream: 'stdout' | 'stderr', line: string): string | undefined {
    const cross = crossLine(line);
    if (cross) this.lastCross = cross;
    if (stream === 'stderr') {
      const log = loguruLine(line);
      if (log && (log.level === 'ERROR' || log.level === 'CRITICAL')) this.lastErrorLog = oneLine(stripAnsi(line), 300);
      const backend = backendErrorLine(line);
      if (backend) {
        if (this.backendErrors.length < MAX_ERROR_LINES) this.backendErrors.push(backend);
        if (this.c.judging) this.failure ??= { kind: 'backend', line: backend };
      }
    }
    const key = parseAutomationLine(line, this.parsed, this.c.cwd);
    if (key) {
      const name = stripAnsi(line).trim().split(':')[0]!;
      if (!this.linesSeen.includes(name)) this.linesSeen.push(name);
    }
    return key;
  }

  /** A failure noticed and not yet acted on. */
  get failed(): boolean {
    return this.failure !== null;
  }

  /** Find and read status.json once; notes failed or stalled agents. `fresh` waits out a read in flight (the last word). */
  async poll(fresh = false): Promise<void> {
    const found = locateStatus({
      statusLine: this.parsed.statusFile,
      logDir: this.parsed.logDir,
      cwd: this.c.cwd,
      startedAtMs: this.c.startedAtMs,
      sid: this.c.sid(),
      lockedRoot: this.lockedRoot,
    });
    if (!found) return;
    if (found.path !== this.location?.path) this.c.onLocate(found);
    this.location = found;
    if (found.confirmed) this.lockedRoot = found.root;
    const view = await this.status.read(found.path, fresh);
    if (!view || !this.c.judging) return;
    const failures = agentFailures(view);
    if (failures.length) this.failure ??= { kind: 'status', text: describeFailures(failures) };
    const stalled = this.stall.update(view, this.c.elapsed());
    if (stalled) this.failure ??= { kind: 'stall', stall: stalled };
  }

  /** The failure noticed, in one line, with what the latest status.json says about the agents. */
  failureReason(): string {
    return this.failure ? this.describe(this.failure) : 'no failure was noticed';
  }

  private describe(f: Failure): string {
    const view = this.status.lastView;
    if (f.kind === 'status') return f.text;
    if (f.kind === 'stall') {
      const s = f.stall;
      return `agent ${s.agent} made no progress for ${seconds(s.seconds)} while the others did (still ${s.status ?? 'unknown'}, ${s.answerCount} answer${s.answerCount === 1 ? '' : 's'}; ${this.where()})`;
    }
    const ids = view ? Object.keys(view.agents) : [];
    const named = agentsNamed(f.line, ids);
    const more = this.backendErrors.length > 1 ? ` (${this.backendErrors.length}${this.backendErrors.length === MAX_ERROR_LINES ? '+' : ''} such lines)` : '';
    if (named.length) return `the backend of agent ${named.join(', ')} failed: "${f.line}"${more}`;
    const waiting = view ? Object.entries(view.agents).filter(([, a]) => a.answerCount === 0 && !a.voted).map(([id]) => id) : [];
    const who = waiting.length ? `; no answer yet from ${waiting.join(', ')}` : '';
    return `an agent's backend failed: "${f.line}"${more}${who}`;
  }

  /** "enforcement at 66%", or where status.json was looked for. */
  private where(): string {
    const v = this.status.lastView;
    return v ? `last seen: ${v.phase ?? 'unknown phase'}${v.completion !== null ? ` at ${v.completion}%` : ''}` : 'no status.json seen';
  }

  /** At the end of the smoke window with the program still running; undefined while a failure waits for its grace. */
  smokeVerdict(smokeSeconds: number): Verdict | undefined {
    if (this.failure) return undefined;
    const window = seconds(smokeSeconds);
    const view = this.status.lastView;
    if (!view) return { verdict: 'failed', reason: `no status.json within the ${window} smoke window: ${this.notFound()}` };
    const where = `${view.phase ?? 'unknown phase'}${view.completion !== null ? ` at ${view.completion}%` : ''}`;
    return { verdict: 'passed', reason: `healthy through the ${window} smoke window: ${where} (${describeAgents(view)})${this.restartNote()}; stopped` };
  }

  /** Why no status.json was found, naming where it was looked for. */
  private notFound(): string {
    const { statusFile, logDir } = this.parsed;
    if (statusFile) return `STATUS: named ${statusFile}, which was never written`;
    if (logDir) return `LOG_DIR: named ${logDir}, where no status.json was written`;
    return `no STATUS: or LOG_DIR: line was printed, and none was written under ${join(this.c.cwd, LOGS_FOLDER)} since the start`;
  }

  /** "; 1 restart (Attempt 2/3)", or nothing. */
  restartNote(): string {
    const r = this.parsed.restarts;
    return r.length ? `; ${r.length} restart${r.length === 1 ? '' : 's'} (${r.join(', ')})` : '';
  }

  timeoutReason(timeout: number): string {
    return `the run did not finish within the ${seconds(timeout)} timeout (${this.where()}); stopped`;
  }

  /** The verdict when the program exited by itself. */
  exitVerdict(code: number | null, signal: string | null, stdout: readonly string[], stderr: readonly string[]): Verdict {
    if (code !== 0 || signal) {
      const detail = this.failure ? this.describe(this.failure) : this.status.lastView ? describeFailures(agentFailures(this.status.lastView)) : '';
      // The program's own error message, not whatever it printed last.
      const quoted = this.lastCross ?? this.lastErrorLog ?? lastWords(stderr, stdout);
      return { verdict: 'failed', reason: exitReason(code, signal, 'massgen', detail, quoted) };
    }
    if (this.failure) return { verdict: 'failed', reason: `${this.describe(this.failure)}; the program then exited 0` };
    const timeout = this.findOrchestratorTimeout();
    if (timeout) return { verdict: 'failed', reason: timeout };
    const winner = this.parsed.winner ?? this.status.lastView?.winner ?? null;
    this.answerFile = this.findAnswerFile(winner);
    const phases = this.status.phases.length ? `; phases: ${this.status.phases.join(' → ')}` : '';
    if (this.answerFile) {
      return { verdict: 'passed', reason: `run completed: winner ${winner ?? basename(dirname(this.answerFile))}, final answer in ${relative(this.c.cwd, this.answerFile) || this.answerFile}${phases}${this.restartNote()}` };
    }
    if (this.parsed.completed) return { verdict: 'passed', reason: `run completed: COMPLETED: ${this.parsed.completed}${winner ? `; winner ${winner}` : ''}${phases}${this.restartNote()}` };
    const named = winner ? `; status.json named the winner ${winner}, but its final answer was never written` : '';
    return {
      verdict: 'failed',
      reason: `exited 0 without finishing the run: no final/<winner>/answer.txt and no COMPLETED: line (${this.where()})${named}; the program also exits 0 when interrupted`,
    };
  }

  /** The folders of the session's turn: where final/ and massgen.log are. */
  private runFolders(): string[] {
    const path = this.location?.path;
    if (!path) return [];
    const dir = dirname(path);
    // turn_1/attempt_2/status.json: the final answer is copied up to turn_1/final, massgen.log stays in turn_1.
    return /^attempt_\d+$/.test(basename(dir)) ? [dir, dirname(dir)] : [dir];
  }

  private findAnswerFile(winner: string | null): string | null {
    const candidates: string[] = [];
    if (this.parsed.answerFile) candidates.push(this.parsed.answerFile);
    for (const dir of this.runFolders()) {
      if (winner) candidates.push(join(dir, 'final', winner, 'answer.txt'));
      else {
        try {
          for (const agent of readdirSync(join(dir, 'final'))) candidates.push(join(dir, 'final', agent, 'answer.txt'));
        } catch {
          // No final folder.
        }
      }
    }
    return candidates.find((p) => existsSync(p)) ?? null;
  }

  /**
   * An orchestrator timeout ends the run with exit 0 and whatever it has
   * (massgen/orchestrator.py:1252-1267): its log says "Orchestrator Timeout",
   * and agents that never answered or voted leave completion under 100 %.
   */
  private findOrchestratorTimeout(): string | null {
    let logged: string | undefined;
    for (const dir of this.runFolders()) {
      try {
        logged = readFileSync(join(dir, 'massgen.log'), 'utf8').split('\n').find((l) => l.includes('Orchestrator Timeout'));
      } catch {
        continue;
      }
      if (logged) break;
    }
    const view = this.status.lastView;
    const unfinished = view ? Object.entries(view.agents).filter(([, a]) => !a.voted) : [];
    const partial = view !== null && view.completion !== null && view.completion < 100 && unfinished.some(([, a]) => a.answerCount === 0);
    if (!logged && !partial) return null;
    this.orchestratorTimeout = logged ? oneLine(stripAnsi(logged), 200) : null;
    const names = unfinished.map(([id, a]) => `${id} (${a.answerCount === 0 ? 'no answer' : 'no vote'})`);
    const quoted = logged ? `: "${this.orchestratorTimeout}"` : '';
    const completion = view?.completion !== null && view?.completion !== undefined ? ` at ${view.completion}% completion` : '';
    return `orchestrator timeout${quoted}; the program exited 0 with a partial result${completion}; did not finish: ${names.length ? names.join(', ') : 'unknown (no status.json read)'}`;
  }

  /** What pretest.json records of the contract the program was seen to speak. */
  contract(unbuffered: boolean): MassgenContract {
    return {
      statusFile: this.location?.path ?? null,
      statusFoundBy: this.location?.foundBy ?? null,
      linesSeen: this.linesSeen,
      answerFile: this.answerFile,
      completedLine: this.parsed.completed,
      orchestratorTimeout: this.orchestratorTimeout,
      backendErrors: this.backendErrors,
      pythonUnbuffered: unbuffered,
    };
  }
}
