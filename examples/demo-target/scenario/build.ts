/**
 * Builds the seeded script of a run: each agent streams an initial answer,
 * the agents vote, the winner presents the final answer. Faults that change
 * the story (an agent erroring, a coordination restart) are written into it.
 */
import { createRng, hashSeed, type Rng } from '../prng.js';
import { AGENT_ERRORS, BACKENDS, textPool, type TextPool } from './text.js';
import type { AgentAction, AgentPlan, Scenario, TimelineEvent, Vote } from './types.js';

export interface ScenarioOptions {
  question: string;
  /** 2–4. */
  agentCount: number;
  seed: string;
  /** The last agent fails mid-answer (`--fault agent-error`). */
  agentError?: boolean;
  /** Coordination restarts once during the initial answers (`--fault restart`). */
  restart?: boolean;
}

const AGENT_IDS = ['agent_a', 'agent_b', 'agent_c', 'agent_d'];
/** Words per second of the final presentation. */
const PRESENT_RATE = 19;
/** Restarts allowed, as in `RESTART: Attempt 2/3`. */
export const MAX_ATTEMPTS = 3;

/**
 * Splits text into words, the unit of streaming. Each word keeps the white
 * space before it, so a paragraph break arrives with the word after it.
 */
export function tokens(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

function composeAnswer(rng: Rng, pool: TextPool, heading: string, withLink: boolean): { text: string; sentences: string[]; bullets: string[]; conclusion: string } {
  const sentences = rng.shuffle(pool.sentences).slice(0, rng.int(3, 4));
  const bullets = rng.shuffle(pool.bullets).slice(0, 2);
  const conclusion = rng.pick(pool.conclusions);
  const lines = [heading, sentences.join(' '), ...bullets];
  if (withLink) lines.push(`Source: ${pool.link}`);
  lines.push(conclusion);
  return { text: lines.join('\n'), sentences, bullets, conclusion };
}

/** The part of `text` streamed by time `at` when it streams from t0 to t1. */
function streamedBy(text: string, t0: number, t1: number, at: number): string {
  const words = tokens(text);
  const n = Math.floor((words.length * (at - t0)) / (t1 - t0));
  return words.slice(0, Math.max(0, n)).join('');
}

export function buildScenario(options: ScenarioOptions): Scenario {
  const rng = createRng(hashSeed(options.seed));
  const pool = textPool(options.question);
  const n = options.agentCount;
  const backends = rng.shuffle(BACKENDS).slice(0, n);
  const headings = rng.shuffle(pool.headings);
  const linkAgent = rng.int(0, n - 1);
  const events: TimelineEvent[] = [{ t: 0, text: `Coordination started with ${n} agents`, tone: 'info' }];
  const plans: AgentPlan[] = [];
  const answers = [] as ReturnType<typeof composeAnswer>[];
  const answeredAt: (number | undefined)[] = [];
  const restartAt = options.restart ? 4.5 : undefined;
  const errorAgent = options.agentError ? n - 1 : -1;
  const errorKind = rng.pick(AGENT_ERRORS);

  for (let i = 0; i < n; i++) {
    const id = AGENT_IDS[i]!;
    const [backend, model] = backends[i]!;
    const answer = composeAnswer(rng, pool, headings[i % headings.length]!, i === linkAgent);
    answers.push(answer);
    const rate = rng.range(7.5, 10);
    const duration = tokens(answer.text).length / rate;
    const actions: AgentAction[] = [{ t: 0, kind: 'status', status: 'waiting' }];
    let start = 0.5 + i * 0.45 + rng.range(0, 0.7);
    if (restartAt !== undefined) {
      // The first attempt is cut short, the panel cleared, and the answer starts over.
      const partial = streamedBy(answer.text, start, start + duration, restartAt);
      actions.push({ t: start, kind: 'status', status: 'streaming' }, { t: start, kind: 'stream', t1: restartAt, text: partial });
      actions.push({ t: restartAt, kind: 'status', status: 'restarting' }, { t: restartAt, kind: 'clear' }, { t: restartAt, kind: 'restart' });
      start = restartAt + 1.4 + i * 0.35;
    }
    events.push({ t: start, text: `${id} started answering`, tone: 'info' });
    actions.push({ t: start, kind: 'status', status: 'streaming' });
    if (i === errorAgent) {
      const at = start + duration * 0.45;
      actions.push({ t: start, kind: 'stream', t1: at, text: streamedBy(answer.text, start, start + duration, at) });
      actions.push({ t: at, kind: 'status', status: 'error' }, { t: at, kind: 'error', error: { type: errorKind[0], message: errorKind[1], t: at } });
      events.push({ t: at, text: `${id} failed: ${errorKind[1]}`, tone: 'error' });
      answeredAt.push(undefined);
    } else {
      const end = start + duration;
      actions.push({ t: start, kind: 'stream', t1: end, text: answer.text });
      actions.push({ t: end, kind: 'status', status: 'answered' }, { t: end, kind: 'answer', label: `agent${i + 1}.1` });
      events.push({ t: end, text: `${id} submitted answer agent${i + 1}.1`, tone: 'success' });
      answeredAt.push(end);
    }
    plans.push({ id, number: i + 1, backend, model, actions });
  }
  if (restartAt !== undefined) {
    events.push({ t: restartAt, text: `Coordination restarted (attempt 2/${MAX_ATTEMPTS})`, tone: 'warn', restart: { attempt: 2, of: MAX_ATTEMPTS } });
  }

  // Voting: every agent that answered reviews the answers and votes.
  const candidates = plans.filter((_, i) => answeredAt[i] !== undefined);
  const votingAt = Math.max(...answeredAt.map((t) => t ?? 0)) + 0.8;
  events.push({ t: votingAt, text: 'All answers in: voting begins', tone: 'info' });
  const favourite = rng.pick(candidates);
  const tally = new Map<string, number>();
  let lastVote = votingAt;
  candidates.forEach((voter, k) => {
    const choice = rng.next() < 0.55 ? favourite : rng.pick(candidates);
    const vote: Vote = { forAgent: choice.id, forLabel: `agent${choice.number}.1`, reason: rng.pick(pool.reasons) };
    tally.set(choice.id, (tally.get(choice.id) ?? 0) + 1);
    const labels = candidates.map((c) => `agent${c.number}.1`).join(', ');
    const review = `\n\nReviewing ${labels}.\nVote: ${choice.id} (${vote.forLabel}). ${vote.reason}`;
    const t0 = votingAt + 0.3 * k + rng.range(0, 0.4);
    const t1 = t0 + tokens(review).length / 12;
    const at = t1 + 0.2;
    voter.actions.push(
      { t: t0, kind: 'status', status: 'streaming', note: 'evaluating' },
      { t: t0, kind: 'stream', t1, text: review },
      { t: at, kind: 'status', status: 'voted' },
      { t: at, kind: 'vote', vote },
    );
    events.push({ t: at, text: `${voter.id} voted for ${choice.id}`, tone: 'info' });
    lastVote = Math.max(lastVote, at);
  });

  // Most votes wins; a tie goes to the agent that answered first.
  const ranked = [...candidates].sort((a, b) => (tally.get(b.id) ?? 0) - (tally.get(a.id) ?? 0) || answeredAt[a.number - 1]! - answeredAt[b.number - 1]!);
  const winner = ranked[0]!;
  const votes = tally.get(winner.id) ?? 0;
  const resultsAt = lastVote + 0.7;
  events.push({ t: resultsAt, text: `Voting complete: ${winner.id} wins with ${votes} vote${votes === 1 ? '' : 's'}`, tone: 'success' });
  const presentAt = resultsAt + 1.8;
  events.push({ t: presentAt, text: `Final presentation by ${winner.id}`, tone: 'info' });

  const won = answers[winner.number - 1]!;
  const extra = candidates.filter((c) => c !== winner).flatMap((c) => answers[c.number - 1]!.bullets).find((b) => !won.bullets.includes(b));
  const finalAnswer = [
    `## Final answer (${winner.id}, ${votes} of ${candidates.length} vote${candidates.length === 1 ? '' : 's'})`,
    won.sentences.join(' '),
    ...won.bullets,
    ...(extra ? [extra] : []),
    won.conclusion,
  ].join('\n');
  const finalEnd = presentAt + tokens(finalAnswer).length / PRESENT_RATE;
  for (const plan of plans) {
    if (plan.number - 1 === errorAgent) continue;
    if (plan === winner) {
      plan.actions.push({ t: presentAt, kind: 'status', status: 'streaming', note: 'presenting' }, { t: finalEnd, kind: 'status', status: 'completed' });
    } else {
      plan.actions.push({ t: presentAt, kind: 'status', status: 'completed' });
    }
  }
  events.push({ t: finalEnd, text: `Final answer ready (${tokens(finalAnswer).length} words)`, tone: 'success' });
  for (const plan of plans) plan.actions.sort((a, b) => a.t - b.t);
  events.sort((a, b) => a.t - b.t);
  return {
    question: options.question,
    agents: plans,
    events,
    votingAt,
    resultsAt,
    presentAt,
    winner: winner.id,
    winnerLabel: `agent${winner.number}.1`,
    finalAnswer,
    finalEnd,
    end: finalEnd + 1.6,
  };
}
