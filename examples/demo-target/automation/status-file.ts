/**
 * status.json as the multi-agent CLI writes it in automation mode, rewritten
 * whole through a temporary file and a rename so a reader never sees half a file.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunState } from '../scenario/state.js';
import type { AgentStatus, Phase, Scenario } from '../scenario/types.js';

export interface StatusFile {
  meta: { last_updated: number; session_id: string; log_dir: string; question: string; start_time: number; elapsed_seconds: number };
  coordination: { phase: Phase; active_agent: string | null; completion_percentage: number; is_final_presentation: boolean };
  agents: Record<
    string,
    {
      status: AgentStatus;
      answer_count: number;
      latest_answer_label: string | null;
      vote_cast: { voted_for_agent: string; voted_for_label: string; reason_preview: string } | null;
      times_restarted: number;
      last_activity: number;
      error: { type: string; message: string; timestamp: number } | null;
    }
  >;
  results: { votes: Record<string, number>; winner: string | null; final_answer_preview: string | null };
}

export interface StatusContext {
  logDir: string;
  sessionId: string;
  /** Unix seconds the run started. */
  startTime: number;
  /** Unix seconds now. */
  now: number;
  speed: number;
  /** The run finished successfully: the winner and answer preview are filled in. */
  finished: boolean;
  /** Statuses forced at the end of a failed run (timeout, crash), with their error. */
  override?: { agents: string[]; status: AgentStatus; error: { type: string; message: string } };
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

export function buildStatus(s: Scenario, state: RunState, c: StatusContext): StatusFile {
  const at = (t: number): number => round3(c.startTime + t / c.speed);
  const agents: StatusFile['agents'] = {};
  for (const a of state.agents) {
    const forced = c.override?.agents.includes(a.id) ? c.override : undefined;
    agents[a.id] = {
      status: forced ? forced.status : a.status,
      answer_count: a.answerCount,
      latest_answer_label: a.answerLabel,
      vote_cast: a.vote ? { voted_for_agent: a.vote.forAgent, voted_for_label: a.vote.forLabel, reason_preview: a.vote.reason.length > 50 ? `${a.vote.reason.slice(0, 47)}...` : a.vote.reason } : null,
      times_restarted: a.timesRestarted,
      last_activity: at(a.lastActivity),
      error: forced
        ? { ...forced.error, timestamp: round3(c.now) }
        : a.error
          ? { type: a.error.type, message: a.error.message, timestamp: at(a.error.t) }
          : null,
    };
  }
  const votes: Record<string, number> = {};
  for (const a of state.agents) if (a.answerLabel) votes[a.answerLabel] = state.votes[a.answerLabel] ?? 0;
  return {
    meta: {
      last_updated: round3(c.now),
      session_id: c.sessionId,
      log_dir: c.logDir,
      question: s.question,
      start_time: round3(c.startTime),
      elapsed_seconds: round3(c.now - c.startTime),
    },
    coordination: {
      phase: state.phase,
      active_agent: state.activeAgent,
      completion_percentage: c.finished ? 100 : Math.min(99, state.completion),
      is_final_presentation: state.phase === 'presentation',
    },
    agents,
    results: {
      votes,
      winner: c.finished ? s.winner : null,
      final_answer_preview: c.finished ? s.finalAnswer.slice(0, 200) : null,
    },
  };
}

/** Writes status.json atomically: a temporary file beside it, then a rename over it. */
export function writeStatus(logDir: string, status: StatusFile): void {
  const path = join(logDir, 'status.json');
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(status, null, 2) + '\n');
  renameSync(tmp, path);
}
