/**
 * The scenario is the seeded script of a coordination run: what each agent says
 * and does, and when. Times are seconds of scenario time (at --speed 1).
 */

export type AgentStatus = 'waiting' | 'streaming' | 'answered' | 'voted' | 'restarting' | 'error' | 'timeout' | 'completed';
export const AGENT_STATUSES: readonly AgentStatus[] = ['waiting', 'streaming', 'answered', 'voted', 'restarting', 'error', 'timeout', 'completed'];

export type Phase = 'initial_answer' | 'enforcement' | 'presentation';

export interface AgentError {
  type: string;
  message: string;
  /** Scenario time it happened. */
  t: number;
}

export interface Vote {
  forAgent: string;
  forLabel: string;
  reason: string;
}

/** One thing an agent does at a moment. `stream` reveals its text word by word from t to t1. */
export type AgentAction =
  | { t: number; kind: 'status'; status: AgentStatus; note?: string }
  | { t: number; kind: 'stream'; t1: number; text: string }
  | { t: number; kind: 'clear' }
  | { t: number; kind: 'answer'; label: string }
  | { t: number; kind: 'vote'; vote: Vote }
  | { t: number; kind: 'error'; error: AgentError }
  | { t: number; kind: 'restart' };

export interface AgentPlan {
  id: string;
  /** 1-based, as in answer labels (agent2.1 is agent 2's first answer). */
  number: number;
  backend: string;
  model: string;
  /** Sorted by time. */
  actions: AgentAction[];
}

export type EventTone = 'info' | 'success' | 'warn' | 'error';

export interface TimelineEvent {
  t: number;
  text: string;
  tone: EventTone;
  /** Set on a coordination restart, which automation mode reports as `RESTART: Attempt n/m`. */
  restart?: { attempt: number; of: number };
}

export interface Scenario {
  question: string;
  agents: AgentPlan[];
  events: TimelineEvent[];
  /** When voting (enforcement) starts. */
  votingAt: number;
  /** When the voting results are known and shown. */
  resultsAt: number;
  /** When the final presentation starts. */
  presentAt: number;
  winner: string;
  winnerLabel: string;
  /** The final answer, streamed from presentAt to finalEnd. */
  finalAnswer: string;
  finalEnd: number;
  /** When the run ends (the last frame). */
  end: number;
}
