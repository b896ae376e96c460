/**
 * An agent that makes no progress while the others do. The released program
 * never marks a failing agent in status.json: an agent whose backend keeps
 * failing stays `waiting` with no answer while the others answer and vote,
 * until the orchestrator timeout (30 minutes by default) ends the run.
 */
import type { StatusView } from './automation.js';

export interface Stall {
  agent: string;
  /** Seconds since another agent moved on while this one did not. */
  seconds: number;
  status: string | null;
  answerCount: number;
}

export class StallWatch {
  /** Per agent: its progress (answers, vote) as last seen, and since when (pre-test seconds) another agent has moved on while it did not. */
  private readonly agents = new Map<string, { progress: string; behindSince: number | undefined }>();

  /** `limitSeconds` 0 turns the check off. */
  constructor(private readonly limitSeconds: number) {}

  /** Take in a status snapshot read at `now`; returns the first agent stalled for the limit, if any. */
  update(view: StatusView, now: number): Stall | undefined {
    const moved = new Set<string>();
    for (const [id, a] of Object.entries(view.agents)) {
      // Answers and votes only: the status flips between waiting and restarting whenever another agent answers.
      const progress = `${a.answerCount}|${a.voted}`;
      const seen = this.agents.get(id);
      if (!seen) this.agents.set(id, { progress, behindSince: undefined });
      else if (seen.progress !== progress) {
        this.agents.set(id, { progress, behindSince: undefined });
        moved.add(id);
      }
    }
    if (moved.size > 0) {
      for (const [id, s] of this.agents) if (!moved.has(id) && s.behindSince === undefined) s.behindSince = now;
    }
    // In the presentation only the winner works; an agent that voted has done its part.
    if (this.limitSeconds <= 0 || view.phase === 'presentation') return undefined;
    for (const [id, a] of Object.entries(view.agents).sort(([x], [y]) => x.localeCompare(y))) {
      const since = this.agents.get(id)?.behindSince;
      if (a.voted || since === undefined) continue;
      const seconds = now - since;
      if (seconds >= this.limitSeconds) return { agent: id, seconds, status: a.status, answerCount: a.answerCount };
    }
    return undefined;
  }
}
