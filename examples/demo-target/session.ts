/** What rich and automation mode share: the scenario for the options, the hang point, signals. */
import { buildScenario } from './scenario/build.js';
import type { Scenario } from './scenario/types.js';
import type { Options } from './options.js';

/** Exit codes of the multi-agent CLI's automation protocol. */
export const EXIT = { ok: 0, config: 1, execution: 2, timeout: 3, interrupted: 4 } as const;

/** Real milliseconds between frames (and between automation ticks). */
export const FRAME_MS = 100;

export function scenarioFor(o: Options): Scenario {
  return buildScenario({ question: o.question, agentCount: o.agents, seed: o.seed, agentError: o.faults.agentError, restart: o.faults.restart });
}

/** Scenario time at which `--fault hang` stops all progress: part-way through the initial answers. */
export function hangPoint(s: Scenario): number {
  return s.votingAt * 0.4;
}

/**
 * Calls `onSignal` on SIGINT or SIGTERM. The handlers stay for the life of the
 * process: a second Ctrl+C while the run winds down must not kill it with a
 * signal instead of the exit code that says "interrupted".
 */
export function onInterrupt(onSignal: (signal: NodeJS.Signals) => void): void {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** A message for the crash fault, like a backend connection dying mid-run. */
export function crashMessage(s: Scenario): string {
  const agent = s.agents[s.agents.length > 1 ? 1 : 0]!;
  return `ERROR: Execution failed: lost connection to ${agent.backend} backend for ${agent.id} (ECONNRESET)`;
}

export const CONFIG_ERROR_MESSAGE =
  "ERROR: Configuration error: no API key for backend 'openai' (agent_a). Set OPENAI_API_KEY or remove the agent from the config.";
