/**
 * The request parameters that depend on the model: the token budget and
 * which field carries it, reasoning_effort, and temperature. Reasoning
 * models spend hidden tokens from the same budget as their answer, so they
 * get a larger default budget and a low effort unless told otherwise; a
 * model that accepts only its default temperature is never sent one.
 */
import type { ModelTraits } from './model-traits.js';

export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** Budget for a model that does not reason: the answer alone (four criteria with findings fit in about 2000 tokens). */
export const DEFAULT_MAX_TOKENS = 8192;
/** Budget for a reasoning model: the answer plus room for reasoning at low effort. */
export const DEFAULT_REASONING_MAX_TOKENS = 16384;
export const DEFAULT_REASONING_EFFORT: ReasoningEffort = 'low';

export interface ParamRequest {
  /** A prompt's own, else the run's (judge.maxTokens), else the default for the model. */
  maxTokens?: number;
  reasoningEffort?: ReasoningEffort;
  temperature?: number;
}

export interface ModelParams {
  maxTokens: number;
  maxTokensParam: 'max_completion_tokens' | 'max_tokens';
  /** Absent for a model that does not reason (and none was asked for). */
  reasoningEffort?: ReasoningEffort;
  temperature?: number;
  /** What was asked for but left out, and why (recorded in judgments.json). */
  omitted?: string[];
}

export function modelParams(model: string, traits: ModelTraits, asked: ParamRequest, maxTokensParam: ModelParams['maxTokensParam']): ModelParams {
  const omitted: string[] = [];
  let temperature = asked.temperature;
  if (temperature !== undefined && !traits.temperature) {
    omitted.push(`temperature ${temperature} not sent: ${model} accepts only its default`);
    temperature = undefined;
  }
  // An effort the user asked for is sent to any model; the default only to models that reason.
  const reasoningEffort = asked.reasoningEffort ?? (traits.reasoning ? DEFAULT_REASONING_EFFORT : undefined);
  return {
    maxTokens: asked.maxTokens ?? (traits.reasoning ? DEFAULT_REASONING_MAX_TOKENS : DEFAULT_MAX_TOKENS),
    maxTokensParam,
    ...(reasoningEffort ? { reasoningEffort } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(omitted.length ? { omitted } : {}),
  };
}

/** The body fields for these parameters. */
export function paramFields(p: ModelParams): Record<string, unknown> {
  return {
    [p.maxTokensParam]: p.maxTokens,
    ...(p.reasoningEffort ? { reasoning_effort: p.reasoningEffort } : {}),
    ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
  };
}
