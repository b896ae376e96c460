/**
 * Judge: the vision model scores the frames. Without a configured model the
 * stage is skipped with one line and the scorecard is made from the offline
 * measures; a failed judgment is an error (exit 2) but the run still writes
 * the offline scorecard, so nothing measured is lost.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { expandCommand } from '../../config/index.js';
import { defaultPromptDirs, judgeRun, loadPromptSet, outdatedDefaultLine, readJudgeInputs, resolveProvider, type ProviderResolution } from '../../judge/index.js';
import type { Stage, StageContext } from '../context.js';
import { stageFingerprint } from '../fingerprint.js';

function provider(ctx: StageContext): ProviderResolution {
  const j = ctx.config.judge;
  return resolveProvider({
    config: {
      ...(j.provider !== 'auto' && j.provider !== 'none' ? { provider: j.provider } : {}),
      ...(j.model ? { model: j.model } : {}),
      ...(j.baseURL ? { baseURL: j.baseURL } : {}),
      ...(j.apiKeyEnv ? { apiKeyEnv: j.apiKeyEnv } : {}),
    },
    env: ctx.env,
  });
}

/** Everything that changes the model's answer; never the key itself. */
function settings(ctx: StageContext): unknown {
  // Gates and the cited calibration only change the report, not the model's answer.
  const { minScores: _gates, calibration: _cited, ...j } = ctx.config.judge;
  const p = provider(ctx);
  return { ...j, resolved: p.configured ? { provider: p.provider, baseURL: p.baseURL, model: p.model ?? null } : null, vars: ctx.vars };
}

function loadConfiguredPromptSet(ctx: StageContext) {
  return loadPromptSet(ctx.config.judge.prompts, { searchDirs: [...defaultPromptDirs(ctx.config.source.baseDir), ...defaultPromptDirs()] });
}

/** The prompt set's content for the fingerprint; a set that cannot be read gets a value of its own, so the stage runs and says why. */
function promptSetRead(ctx: StageContext): unknown {
  try {
    return loadConfiguredPromptSet(ctx);
  } catch (e) {
    return { unreadable: String(e), at: Date.now() };
  }
}

export const judgeStage: Stage = {
  name: 'judge',
  continueOnError: true,
  skipReason(ctx) {
    if (ctx.config.judge.provider === 'none') return 'judge.provider is none (or --no-judge)';
    const p = provider(ctx);
    return p.configured ? undefined : p.reason;
  },
  // The prompt set as read (templates, partials and criteria of every layer), not its name: an edited template is a change.
  fingerprint: (ctx) => stageFingerprint('judge', { settings: settings(ctx), promptSet: promptSetRead(ctx) }, [ctx.layout.framesJson, ctx.layout.metrics]),
  requiredOutputs: () => [],
  // A judgment is optional for the later stages, so a reused run without one is judged as skipped, not broken.
  reusedSkipReason: (ctx) => (existsSync(ctx.layout.judgments) ? undefined : 'the reused run has no judgments'),
  async run(ctx) {
    const p = provider(ctx);
    if (!p.configured) throw new Error('unreachable: the judge stage runs only with a provider');
    const j = ctx.config.judge;
    const promptSet = loadConfiguredPromptSet(ctx);
    const inputs = await readJudgeInputs(ctx.layout.reportDir);
    ctx.log(`${p.provider} ${p.model ?? '(model from server)'}, prompt set ${promptSet.name}, ${inputs.frames.length} frames, ${j.samples} sample(s)`);
    const outdated = outdatedDefaultLine(p, new Date());
    if (outdated) ctx.log(outdated.replace(/^judge: /, ''));
    const judgments = await judgeRun({
      frames: inputs.frames,
      ...(inputs.gridFile ? { gridFile: inputs.gridFile } : {}),
      baseDir: inputs.baseDir,
      promptSet,
      provider: p,
      samples: j.samples,
      ...(j.images ? { images: j.images } : {}),
      ...(j.detail ? { detail: j.detail } : {}),
      ...(j.maxTokens ? { maxTokens: j.maxTokens } : {}),
      ...(j.reasoningEffort ? { reasoningEffort: j.reasoningEffort } : {}),
      concurrency: j.concurrency,
      cache: j.cache,
      deadlineMs: j.deadline * 1000,
      context: {
        targetName: ctx.config.name || basename(ctx.layout.runId),
        command: ctx.config.command !== null ? expandCommand(ctx.config, { vars: ctx.vars, redactEnv: true }) : '(a tape)',
        ...(ctx.vars.question ? { question: ctx.vars.question } : {}),
        // Blind by default to the offline scores: only the measurements travel, and only with judge.facts: measures.
        measuredFacts: j.facts === 'measures' ? inputs.measuredFacts : '',
      },
      outFile: ctx.layout.judgments,
      signal: ctx.signal,
      onProgress: (e) => ctx.progress({ percent: Math.round((100 * e.done) / e.total), requestsDone: e.done, requestsTotal: e.total, detail: e.status === 'retrying' ? `${e.prompt}${e.sample ? ` sample ${e.sample}` : ''}: ${e.message}` : `${e.prompt} sample ${e.sample}: ${e.status}` }),
    });
    const cost = judgments.costUsd === null ? 'cost unknown' : `$${judgments.costUsd.toFixed(4)}`;
    const reasoning = judgments.totals.reasoningTokens ? ` (${judgments.totals.reasoningTokens} reasoning)` : '';
    return { note: `${judgments.provider} ${judgments.model}: ${judgments.totals.requests} requests, ${judgments.tokens} tokens${reasoning}, ${cost}`, outputs: [ctx.layout.judgments] };
  },
};
