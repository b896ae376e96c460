/**
 * One prompt of a set made into one request body: its images, detail,
 * schema (as response_format or inside the prompt), rendered text and
 * parameters, plus the record judgments.json keeps of it.
 */
import { isAbsolute, resolve } from 'node:path';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { TermlensError } from '../errors/index.js';
import { modelParams } from './model-params.js';
import { traitsOf } from './model-traits.js';
import { renderPrompt } from './prompt-render.js';
import type { ImageMode, PromptSet, PromptTemplate } from './prompt-set.js';
import type { ResolvedProvider } from './providers.js';
import { buildMessages, buildRequestBody, type ImageRef, type LoadedImage } from './request.js';
import { answerSchema, responseFormatFor, type AnswerSchema } from './schema.js';
import type { JudgeFrame, JudgeRunOptions, PromptJudgment } from './types.js';

export interface PromptPlan {
  record: Omit<PromptJudgment, 'samples' | 'criteria' | 'summary'>;
  body: ChatCompletionCreateParamsNonStreaming;
  schema: AnswerSchema;
}

export interface PlanInput {
  set: PromptSet;
  prompt: PromptTemplate;
  options: JudgeRunOptions;
  provider: ResolvedProvider;
  model: string;
  frames: JudgeFrame[];
  baseDir: string;
  /** Shared by the prompts of a run, so each image is read and encoded once. */
  load: (ref: ImageRef) => Promise<LoadedImage>;
}

export async function planPrompt(input: PlanInput): Promise<PromptPlan> {
  const { set, prompt, options, provider, model, frames } = input;
  const images: ImageMode = options.images ?? prompt.images ?? 'frames';
  const abs = (file: string) => (isAbsolute(file) ? file : resolve(input.baseDir, file));
  const gridFile = options.gridFile;
  if (images !== 'frames' && !gridFile) {
    throw new TermlensError(`prompt "${prompt.name}" sends images "${images}" but the run has no grid`, {
      code: 'bad-input',
      stage: 'judge',
      hint: 'Make a grid (termlens frames --grid) or use --images frames.',
    });
  }
  const refs: ImageRef[] = [
    ...(images !== 'grid' ? frames.map((f): ImageRef => ({ kind: 'frame', index: f.index, time: f.time, reason: f.reason, file: abs(f.file) })) : []),
    ...(images !== 'frames' && gridFile ? [{ kind: 'grid' as const, file: abs(gridFile) }] : []),
  ];
  const loadedImages = await Promise.all(refs.map((r) => input.load(r)));

  const schema = answerSchema(prompt.criteria, frames.map((f) => f.index));
  const format = responseFormatFor(schema);
  const viaPrompt = !provider.supportsJsonSchema;
  const rendered = renderPrompt(set, prompt, {
    context: options.context,
    frames,
    images,
    hasGrid: !!options.gridFile,
    ...(viaPrompt ? { schemaJson: JSON.stringify(format.json_schema.schema, null, 2) } : {}),
  });
  const detail = provider.supportsDetail ? (options.detail ?? prompt.detail ?? 'auto') : undefined;
  const asked = { maxTokens: prompt.maxTokens ?? options.maxTokens, reasoningEffort: options.reasoningEffort, temperature: prompt.temperature ?? options.temperature };
  const params = modelParams(model, traitsOf(provider, model), asked, provider.maxTokensParam);
  const body = buildRequestBody({
    model,
    messages: buildMessages({ system: rendered.system, text: rendered.text, images: loadedImages, detail }),
    responseFormat: viaPrompt ? undefined : format,
    params,
  });
  return {
    schema,
    body,
    record: {
      name: prompt.name,
      description: prompt.description,
      file: prompt.file,
      criteriaScored: prompt.criteria,
      images,
      detail: detail ?? null,
      schemaVia: viaPrompt ? 'prompt' : 'response_format',
      system: rendered.system,
      text: rendered.text,
      params: { model, ...params },
      imagesSent: loadedImages.map((img, i) => ({
        kind: img.kind,
        ...(img.index !== undefined ? { index: img.index } : {}),
        file: img.kind === 'grid' && gridFile ? gridFile : frames.find((f) => f.index === img.index)?.file ?? refs[i]!.file,
        mime: img.mime,
        bytes: img.bytes,
        sha256: img.sha256,
      })),
      schema: format.json_schema.schema,
    },
  };
}

