/**
 * Turning a prompt template into the system and user text of a request.
 * Templates are compiled strict, so a misspelt variable is an error rather
 * than silently empty text in front of the model.
 */
import Handlebars from 'handlebars';
import { TermlensError, quote } from '../errors/index.js';
import type { CriterionDefinition, ImageMode, PromptSet, PromptTemplate } from './prompt-set.js';

/** Facts about the run that the prompt tells the model. */
export interface PromptContext {
  /** A short name for the program being judged, e.g. "htop" or "demo". */
  targetName: string;
  /** The command line that was recorded. */
  command: string;
  /** The task the program was given (e.g. the multi-agent question), if any. */
  question?: string;
  /** Offline measurements as facts (see measuredFacts), never their scores; empty with `judge.facts: none`. */
  measuredFacts?: string;
}

export interface PromptFrame {
  index: number;
  time: number;
  reason: string;
}

export interface RenderInput {
  context: PromptContext;
  frames: readonly PromptFrame[];
  images: ImageMode;
  hasGrid: boolean;
  /** When the provider ignores response_format, the JSON schema is put in the prompt (partial `json-answer`). */
  schemaJson?: string;
}

/** Every variable a template can use; documented in prompts/README.md. */
export interface PromptVariables {
  target: string;
  command: string;
  question: string;
  frames: Array<PromptFrame & { timeText: string }>;
  frameCount: number;
  images: ImageMode;
  sendsFrames: boolean;
  sendsGrid: boolean;
  measuredFacts: string;
  criteria: CriterionDefinition[];
  prompt: { name: string; description: string };
  schemaJson: string;
}

export interface RenderedPrompt {
  system: string;
  text: string;
}

export function promptVariables(set: PromptSet, prompt: PromptTemplate, input: RenderInput): PromptVariables {
  return {
    target: input.context.targetName,
    command: input.context.command,
    question: input.context.question ?? '',
    frames: input.frames.map((f) => ({ ...f, timeText: `${f.time.toFixed(1)} s` })),
    frameCount: input.frames.length,
    images: input.images,
    sendsFrames: input.images !== 'grid',
    sendsGrid: input.images !== 'frames' && input.hasGrid,
    measuredFacts: input.context.measuredFacts ?? '',
    criteria: prompt.criteria.map((key) => set.criteria[key]!),
    prompt: { name: prompt.name, description: prompt.description },
    schemaJson: input.schemaJson ?? '',
  };
}

export function renderPrompt(set: PromptSet, prompt: PromptTemplate, input: RenderInput): RenderedPrompt {
  const hb = Handlebars.create();
  for (const [name, source] of Object.entries(set.partials)) hb.registerPartial(name, source);
  const vars = promptVariables(set, prompt, input);
  const run = (source: string, what: string) => {
    try {
      // noEscape: this is text for a model, not HTML.
      return hb.compile(source, { noEscape: true, strict: true })(vars).replace(/\n{3,}/g, '\n\n').trim();
    } catch (cause) {
      throw new TermlensError(`cannot render the ${what} of ${quote(prompt.file)}: ${(cause as Error).message.split('\n')[0]}`, {
        code: 'config',
        stage: 'judge',
        hint: 'Check the variable and partial names against prompts/README.md.',
        cause,
      });
    }
  };
  const system = run(prompt.system ?? '{{> system}}', 'system message');
  let text = run(prompt.body, 'template');
  if (input.schemaJson) text += '\n\n' + run('{{> json-answer}}', '"json-answer" partial');
  return { system, text };
}
