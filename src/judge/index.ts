/**
 * The judge stage: a vision model scores frames of the display against the
 * criteria of a prompt set, several samples each, and the verdicts with
 * their prompts, parameters and raw answers go to judgments.json.
 */
export { judgeRun, writeJudgments, JudgeFailedError } from './run.js';
export { JUDGE_DEFAULTS, JUDGE_LIMITS } from './defaults.js';
export type { JudgeFrame, JudgeRunOptions, JudgeProgress, Judgments, JudgmentTotals, PromptJudgment, SampleRecord, SentImage, Usage } from './types.js';
export {
  PROVIDERS,
  PRESETS,
  NO_KEY,
  resolveProvider,
  judgeSkipLine,
  notConfiguredReason,
  presetForURL,
  type ProviderName,
  type ProviderPreset,
  type DefaultModel,
  type ProviderFlags,
  type JudgeProviderConfig,
  type ProviderResolution,
  type ResolvedProvider,
  type NotConfigured,
  type ResolveInput,
} from './providers.js';
export {
  loadPromptSet,
  listPromptSets,
  defaultPromptDirs,
  BUILTIN_PROMPTS_DIR,
  IMAGE_MODES,
  DETAILS,
  type ImageMode,
  type Detail,
  type PromptSet,
  type PromptSetInfo,
  type PromptTemplate,
  type CriterionDefinition,
} from './prompt-set.js';
export { renderPrompt, promptVariables, type PromptContext, type PromptFrame, type PromptVariables, type RenderedPrompt } from './prompt-render.js';
export { answerSchema, responseFormatFor, parseAnswer, extractJson, SCHEMA_NAME, type JudgeAnswer, type CriterionAnswer, type Finding } from './schema.js';
export { scoreStats, mergeFindings, mergeRecommendations, aggregateAnswers, type ScoreStats, type CriterionAggregate, type MergedFinding } from './aggregate.js';
export { retryDelayMs, isRetryable, interpretCompletion, sendRequest, failureOf, DEFAULT_RETRY, type RetryPolicy, type SampleError, type SampleErrorKind } from './send.js';
export { estimateCost, priceFor, usageOf, usageAndCost, PRICES, type Price } from './cost.js';
export { traitsOf, outdatedDefaultLine, presetTable, monthsSince, OUTDATED_AFTER_MONTHS, type ModelTraits } from './model-traits.js';
export {
  modelParams,
  paramFields,
  REASONING_EFFORTS,
  DEFAULT_MAX_TOKENS,
  DEFAULT_REASONING_MAX_TOKENS,
  DEFAULT_REASONING_EFFORT,
  type ReasoningEffort,
  type ModelParams,
} from './model-params.js';
export { ParamAdapter, sendAdapting, spentOnReasoning, reasoningBudgetMessage, describeAdjustment, type ParamAdjustment } from './adaptive-send.js';
export { DEFAULT_CACHE_DIR, cacheFile } from './cache.js';
export { requestHash, canonicalJson, stripImageData, sniffMime } from './request.js';
export { redactSecrets, sanitizeURL, safeQuote, secretValues, SECRET_NAME } from '../redact.js';
export { measuredFacts, type FactFrame } from './measured-facts.js';
export { readJudgeInputs, siblingRunDir, type JudgeInputs } from './run-dir.js';
