/**
 * The state of a run at a moment, folded from the scenario. A pure function
 * of time, so the display and the status file always agree and a frame at a
 * given time is always the same frame.
 */
import { tokens } from './build.js';
import type { AgentError, AgentStatus, Phase, Scenario, TimelineEvent, Vote } from './types.js';

export interface AgentState {
  id: string;
  number: number;
  backend: string;
  model: string;
  status: AgentStatus;
  /** What the agent is doing beyond its status: 'evaluating' or 'presenting'. */
  note: string | undefined;
  /** Text streamed into its panel so far. */
  text: string;
  /** Words streamed so far in its panel. */
  words: number;
  answerCount: number;
  answerLabel: string | null;
  vote: Vote | null;
  error: AgentError | null;
  timesRestarted: number;
  /** Scenario time of its last action. */
  lastActivity: number;
}

export interface RunState {
  t: number;
  phase: Phase;
  /** 0–100, never falling as time goes on. */
  completion: number;
  agents: AgentState[];
  /** Events that have happened, oldest first. */
  events: TimelineEvent[];
  /** Votes per answer label, counted as they are cast. */
  votes: Record<string, number>;
  /** Votes per agent id. */
  votesByAgent: Record<string, number>;
  resultsShown: boolean;
  /** Known once the voting results are in. */
  winner: string | null;
  presenting: boolean;
  /** The final answer streamed so far. */
  finalText: string;
  finalDone: boolean;
  done: boolean;
  activeAgent: string | null;
}

function reveal(text: string, t0: number, t1: number, t: number): { text: string; words: number } {
  const words = tokens(text);
  if (t >= t1) return { text, words: words.length };
  const n = Math.max(0, Math.floor((words.length * (t - t0)) / (t1 - t0)));
  return { text: words.slice(0, n).join(''), words: n };
}

function agentAt(plan: Scenario['agents'][number], t: number): AgentState {
  const state: AgentState = {
    id: plan.id,
    number: plan.number,
    backend: plan.backend,
    model: plan.model,
    status: 'waiting',
    note: undefined,
    text: '',
    words: 0,
    answerCount: 0,
    answerLabel: null,
    vote: null,
    error: null,
    timesRestarted: 0,
    lastActivity: 0,
  };
  for (const a of plan.actions) {
    if (a.t > t) break;
    state.lastActivity = a.t;
    switch (a.kind) {
      case 'status':
        state.status = a.status;
        state.note = a.note;
        break;
      case 'stream': {
        const part = reveal(a.text, a.t, a.t1, t);
        state.text += part.text;
        state.words += part.words;
        if (t < a.t1) state.lastActivity = t;
        break;
      }
      case 'clear':
        state.text = '';
        state.words = 0;
        break;
      case 'answer':
        state.answerCount += 1;
        state.answerLabel = a.label;
        break;
      case 'vote':
        state.vote = a.vote;
        break;
      case 'error':
        state.error = a.error;
        break;
      case 'restart':
        state.timesRestarted += 1;
        break;
    }
  }
  return state;
}

function completionAt(s: Scenario, t: number): number {
  const part = (from: number, to: number): number => Math.min(1, Math.max(0, (t - from) / (to - from)));
  if (t < s.votingAt) return Math.floor(50 * part(0, s.votingAt));
  if (t < s.presentAt) return 50 + Math.floor(30 * part(s.votingAt, s.presentAt));
  return 80 + Math.floor(20 * part(s.presentAt, s.finalEnd));
}

export function stateAt(s: Scenario, t: number): RunState {
  const agents = s.agents.map((p) => agentAt(p, t));
  const votes: Record<string, number> = {};
  const votesByAgent: Record<string, number> = {};
  for (const a of agents) {
    if (!a.vote) continue;
    votes[a.vote.forLabel] = (votes[a.vote.forLabel] ?? 0) + 1;
    votesByAgent[a.vote.forAgent] = (votesByAgent[a.vote.forAgent] ?? 0) + 1;
  }
  const phase: Phase = t < s.votingAt ? 'initial_answer' : t < s.presentAt ? 'enforcement' : 'presentation';
  const presenting = t >= s.presentAt;
  const final = presenting ? reveal(s.finalAnswer, s.presentAt, s.finalEnd, t) : { text: '', words: 0 };
  const streaming = agents.find((a) => a.status === 'streaming');
  return {
    t,
    phase,
    completion: completionAt(s, t),
    agents,
    events: s.events.filter((e) => e.t <= t),
    votes,
    votesByAgent,
    resultsShown: t >= s.resultsAt,
    winner: t >= s.resultsAt ? s.winner : null,
    presenting,
    finalText: final.text,
    finalDone: t >= s.finalEnd,
    done: t >= s.end,
    activeAgent: presenting ? s.winner : streaming ? streaming.id : null,
  };
}
