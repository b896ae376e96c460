/**
 * status.json as the multi-agent CLI (v0.1.12) writes it: the fields of
 * massgen/coordination_tracker.py:627-799, with the statuses that code really
 * writes (waiting, restarting, streaming, answered, voted; never "completed",
 * and "error"/"timeout" only for a killed agent, which nothing kills), the
 * completion as (answers + votes) / (2 × agents), and the winner set when it
 * is chosen, before the final presentation. Rewritten whole through
 * `status.json.tmp` and a rename, so a reader never sees half a file.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { RunState } from '../scenario/state.js';
import type { Phase, Scenario } from '../scenario/types.js';

export type WrittenStatus = 'waiting' | 'restarting' | 'streaming' | 'answered' | 'voted';

export interface StatusFile {
  meta: { last_updated: number; session_id: string; log_dir: string; question: string; start_time: number; elapsed_seconds: number };
  coordination: { phase: Phase; active_agent: string | null; completion_percentage: number; is_final_presentation: boolean };
  agents: Record<
    string,
    {
      status: WrittenStatus;
      answer_count: number;
      latest_answer_label: string | null;
      vote_cast: { voted_for_agent: string; voted_for_label: string; reason_preview: string } | null;
      times_restarted: number;
      last_activity: number;
      error: null;
    }
  >;
  results: { votes: Record<string, number>; winner: string | null; final_answer_preview: string | null };
}

export interface StatusContext {
  /** The folder status.json goes in, as the program names it: relative to its working folder. */
  statusDir: string;
  /** Unix seconds the run started. */
  startTime: number;
  /** Unix seconds now. */
  now: number;
  speed: number;
  /** Agents whose backend keeps failing: they never answer and stay `waiting`. */
  failing: ReadonlySet<string>;
  /** The winner once chosen (the presentation starts), else null. */
  winner: string | null;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

export function buildStatus(s: Scenario, state: RunState, c: StatusContext): StatusFile {
  const at = (t: number): number => round3(c.startTime + t / c.speed);
  const agents: StatusFile['agents'] = {};
  let answers = 0;
  let votes = 0;
  for (const a of state.agents) {
    const failing = c.failing.has(a.id);
    const answered = !failing && a.answerCount > 0;
    const vote = failing ? null : a.vote;
    answers += answered ? a.answerCount : 0;
    votes += vote ? 1 : 0;
    const status: WrittenStatus = vote ? 'voted' : answered ? 'answered' : a.status === 'restarting' ? 'restarting' : 'waiting';
    agents[a.id] = {
      status,
      answer_count: answered ? a.answerCount : 0,
      latest_answer_label: answered ? a.answerLabel : null,
      vote_cast: vote ? { voted_for_agent: vote.forAgent, voted_for_label: vote.forLabel, reason_preview: vote.reason.slice(0, 100) } : null,
      times_restarted: a.timesRestarted,
      // The time of its last answer or vote, else the start (coordination_tracker.py:730-737).
      last_activity: answered || vote ? at(a.lastActivity) : round3(c.startTime),
      error: null,
    };
  }
  const tally: Record<string, number> = {};
  for (const a of state.agents) if (a.vote && !c.failing.has(a.id)) tally[a.vote.forLabel] = (tally[a.vote.forLabel] ?? 0) + 1;
  const phase: Phase = c.winner ? 'presentation' : votes > 0 ? 'enforcement' : 'initial_answer';
  const active = state.agents.find((a) => (votes > 0 ? !agents[a.id]!.vote_cast : agents[a.id]!.answer_count === 0));
  const winnerAnswer = c.winner ? s.finalAnswer : null;
  return {
    meta: {
      last_updated: round3(c.now),
      session_id: basename(c.statusDir),
      log_dir: c.statusDir,
      question: s.question,
      start_time: round3(c.startTime),
      elapsed_seconds: round3(c.now - c.startTime),
    },
    coordination: {
      phase,
      active_agent: active?.id ?? null,
      completion_percentage: Math.min(100, Math.floor(((answers + votes) / (2 * state.agents.length)) * 100)),
      is_final_presentation: c.winner !== null,
    },
    agents,
    results: { votes: tally, winner: c.winner, final_answer_preview: winnerAnswer ? winnerAnswer.slice(0, 200) : null },
  };
}

/** Writes `dir`/status.json as the program does: `status.json.tmp`, then a rename over it. */
export function writeStatus(dir: string, status: StatusFile): void {
  const path = join(dir, 'status.json');
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(status, null, 2));
  renameSync(tmp, path);
}
