/**
 * The answer the model must give, as one zod schema per request (the
 * criteria and frame numbers vary), sent as a strict JSON schema and used
 * again to validate what comes back. Reasoning comes before the score in
 * every criterion, because models write in schema order and a score written
 * after its reasoning follows from it.
 */
import { z } from 'zod';
import { zodResponseFormat } from 'openai/helpers/zod';

export interface Finding {
  /** The frame number (as labelled in frames.json and on the grid) the finding is about. */
  frame: number;
  observation: string;
}

export interface CriterionAnswer {
  reasoning: string;
  /** 1 (worst) – 10 (best). */
  score: number;
  findings: Finding[];
  recommendations: string[];
}

export interface JudgeAnswer {
  criteria: Record<string, CriterionAnswer>;
  summary: string;
}

export type AnswerSchema = z.ZodType<JudgeAnswer>;

export const SCHEMA_NAME = 'termlens_judgment';

/** The schema for one request: exactly these criteria, findings only on frames that were sent. */
export function answerSchema(criteria: readonly string[], frameNumbers: readonly number[]): AnswerSchema {
  if (criteria.length === 0) throw new Error('answerSchema needs at least one criterion');
  if (frameNumbers.length === 0) throw new Error('answerSchema needs at least one frame number');
  const frame = z.literal(frameNumbers as [number, ...number[]]).describe('number of the frame this observation is about');
  const criterion = z.object({
    reasoning: z.string().describe('what you see in the frames that bears on this criterion, before deciding the score'),
    score: z.number().int().min(1).max(10).describe('1 (worst) to 10 (best), following the rubric'),
    findings: z.array(z.object({ frame, observation: z.string() })).describe('concrete observations, each tied to one frame'),
    recommendations: z.array(z.string()).describe('specific changes that would raise the score'),
  });
  const shape = Object.fromEntries(criteria.map((key) => [key, criterion]));
  return z.object({
    criteria: z.object(shape),
    summary: z.string().describe('two or three sentences on the display overall'),
  }) as unknown as AnswerSchema;
}

/** `response_format` for Chat Completions: `{type: 'json_schema', json_schema: {name, schema, strict: true}}`. */
export function responseFormatFor(schema: AnswerSchema) {
  // zodResponseFormat (openai v6) understands zod 4 and applies strict-mode rules (all fields required, no extra properties).
  const format = zodResponseFormat(schema as unknown as z.ZodType, SCHEMA_NAME);
  // Plain data only: zodResponseFormat attaches non-enumerable parse hooks we do not use.
  const plain = JSON.parse(JSON.stringify(format)) as { type: 'json_schema'; json_schema: { name: string; strict: boolean; schema: Record<string, unknown> } };
  integerEnums(plain.json_schema.schema);
  return plain;
}

/**
 * zod writes a set of whole-number literals as `type: number` with `enum`,
 * or `const` when there is one; `type: integer` with `enum` is the form every
 * structured-output implementation understands.
 */
function integerEnums(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  if (n.type === 'number' && typeof n.const === 'number') {
    n.enum = [n.const];
    delete n.const;
  }
  if (n.type === 'number' && Array.isArray(n.enum) && n.enum.every((v) => Number.isInteger(v))) n.type = 'integer';
  for (const child of Object.values(n)) integerEnums(child);
}

export type ParseResult = { ok: true; value: JudgeAnswer } | { ok: false; message: string };

/**
 * Parse and validate a model's text. Tolerates what models wrap JSON in when
 * no schema is enforced (```json fences, a sentence before the object);
 * anything that is not the schema is an error, never a partial pass.
 */
export function parseAnswer(text: string, schema: AnswerSchema): ParseResult {
  const candidate = extractJson(text);
  if (candidate === undefined) return { ok: false, message: 'the answer contains no JSON object' };
  let data: unknown;
  try {
    data = JSON.parse(candidate);
  } catch (error) {
    return { ok: false, message: `the answer is not valid JSON (${(error as Error).message})` };
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, message: `the answer does not match the schema: ${issues.join('; ')}` };
  }
  return { ok: true, value: result.data };
}

/** The JSON text inside a model answer: the whole text, else a fenced block, else the outermost braces. */
export function extractJson(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return trimmed;
  const fence = /```(?:json|JSON)?\s*\n([\s\S]*?)\n?```/.exec(trimmed);
  if (fence && fence[1]!.trim().startsWith('{')) return fence[1]!.trim();
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  return start >= 0 && end > start ? trimmed.slice(start, end + 1) : undefined;
}
