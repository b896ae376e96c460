/**
 * The shape of a config file as zod schemas. Every object is strict, so a
 * misspelt key is an error (with "did you mean") rather than a silent
 * default. Messages are predicates that follow the quoted value:
 * `render.fps "abc" is not a whole number from 1 to 120`.
 *
 * What the schema cannot check alone (sizes derived from a window, paths,
 * steps files, templates) is finished in finish.ts.
 */
import { z } from 'zod';
import { METRICS, type MetricKey } from '../compare/metrics.js';
// Each constant from its own module, not a stage's index: loading a config must not load sharp, openai or the renderer.
import { FRAME_STRATEGIES } from '../frames/select.js';
import { DETAILS, IMAGE_MODES } from '../judge/prompt-set.js';
import { REASONING_EFFORTS } from '../judge/model-params.js';
import { PROVIDERS } from '../judge/providers.js';
import { DURATION_EXAMPLES, durationTooLong, MAX_DURATION_MS, parseDuration } from '../record/duration.js';
import { VIDEO_FORMATS } from '../render/encode/ffmpeg-args.js';
import { WINDOW_BAR_STYLES } from '../tape/types.js';
import { DEFAULTS, FRAME_FORMATS, LIMITS, PRETEST_PROTOCOLS, RECORD_BACKENDS } from './defaults.js';
import { CRITERIA } from '../criteria.js';
import { rangeText, type Range } from '../errors/range.js';

const list = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

/** A number within a stage's range, worded as the stage and the flags word it: `is not a whole number from 1 to 120`. */
export const ranged = (range: Range) => {
  const msg = `is not ${rangeText(range)}`;
  const n = z.number({ error: msg }).min(range.min, msg).max(range.max, msg);
  return range.even ? n.multipleOf(2, msg) : range.whole ? n.int(msg) : n;
};

export const oneOf = <T extends string>(values: readonly T[]) =>
  z.enum(values as unknown as [T, ...T[]], { error: `is not one of ${list(values)}` });

/** A duration in seconds: 90, "90s", "1.5m", "500ms". */
export const duration = (maxSeconds = MAX_DURATION_MS / 1000) =>
  z.union([z.string(), z.number()], { error: `is not ${DURATION_EXAMPLES}` }).transform((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === undefined || ms / 1000 > maxSeconds) {
      ctx.addIssue({ code: 'custom', message: ms === undefined ? `is not ${DURATION_EXAMPLES}` : (durationTooLong(ms) ?? `is longer than ${maxSeconds}s`) });
      return z.NEVER;
    }
    return ms / 1000;
  });

const text = (what: string) => z.string({ error: `is not ${what}` }).refine((s) => s.trim() !== '', `is empty; give ${what}`);

/** Values of vars and env: YAML's `seed: 7` and `DEBUG: true` are meant as text. */
const scalar = z.union([z.string(), z.number(), z.boolean()], { error: 'is not text, a number or true/false' }).transform((v) => String(v));

const varName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'is not a variable name (letters, digits and _, not starting with a digit)').refine((n) => n !== 'env', 'is reserved: {{env.NAME}} reads the environment');
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'is not an environment variable name (letters, digits and _)');

const pretest = z.strictObject({
  command: text('a shell command').optional(),
  protocol: oneOf(PRETEST_PROTOCOLS).default(DEFAULTS.pretest.protocol),
  smokeSeconds: z
    .union([z.number(), z.string()], { error: 'is not a number of seconds' })
    .pipe(duration(LIMITS.pretest.smokeSeconds.max))
    .default(DEFAULTS.pretest.smokeSeconds),
  timeout: duration(LIMITS.pretest.timeout.max).refine((s) => s >= LIMITS.pretest.timeout.min, 'is not longer than 0s').default(DEFAULTS.pretest.timeout),
  stallSeconds: z
    .union([z.number(), z.string()], { error: 'is not a number of seconds' })
    .pipe(duration(LIMITS.pretest.stallSeconds.max))
    .default(DEFAULTS.pretest.stallSeconds),
});

const record = z.strictObject({
  cols: ranged(LIMITS.record.cols).optional(),
  rows: ranged(LIMITS.record.rows).optional(),
  width: ranged(LIMITS.record.width).optional(),
  height: ranged(LIMITS.record.height).optional(),
  fontSize: ranged(LIMITS.record.fontSize).optional(),
  padding: ranged(LIMITS.record.padding).optional(),
  env: z.record(envName, scalar, { error: 'is not a mapping of NAME: value' }).default(DEFAULTS.record.env),
  cwd: text('a folder').default(DEFAULTS.record.cwd),
  // Checked and parsed in finish.ts, which knows the source lines.
  steps: z.union([z.string(), z.array(z.unknown())], { error: 'is not a list of steps or the path of a steps file' }).default(DEFAULTS.record.steps),
  tape: text('the path of a VHS tape').nullable().default(DEFAULTS.record.tape),
  backend: oneOf(RECORD_BACKENDS).default(DEFAULTS.record.backend),
  timeout: duration().default(DEFAULTS.record.timeout),
  parallel: z.boolean({ error: 'is not true or false' }).default(DEFAULTS.record.parallel),
  killDaemons: z.boolean({ error: 'is not true or false' }).default(DEFAULTS.record.killDaemons),
});

const render = z.strictObject({
  theme: text('a theme name such as Dracula, or a theme file').default(DEFAULTS.render.theme),
  fontSize: ranged(LIMITS.render.fontSize).nullable().optional(),
  width: ranged(LIMITS.render.width).optional(),
  height: ranged(LIMITS.render.height).optional(),
  fps: ranged(LIMITS.render.fps).default(DEFAULTS.render.fps),
  padding: ranged(LIMITS.render.padding).optional(),
  windowBar: oneOf(['none', ...WINDOW_BAR_STYLES]).default(DEFAULTS.render.windowBar),
  speed: ranged(LIMITS.render.speed).default(DEFAULTS.render.speed),
  // Like the render stage, a limit of 0 is refused: `null` keeps every pause.
  idleTimeLimit: duration(LIMITS.render.idleTimeLimit.max)
    .refine((s) => s >= LIMITS.render.idleTimeLimit.min, 'is not longer than 0s; use null to keep every pause')
    .nullable()
    .default(DEFAULTS.render.idleTimeLimit),
  formats: z
    .array(oneOf(VIDEO_FORMATS), { error: `is not a list of formats such as [mp4, gif]` })
    .min(1, 'is empty; give at least one of "mp4", "gif", "webm"')
    .refine((f) => new Set(f).size === f.length, 'names a format twice')
    .default(DEFAULTS.render.formats),
});

const frames = z.strictObject({
  count: ranged(LIMITS.frames.count).default(DEFAULTS.frames.count),
  strategy: oneOf(FRAME_STRATEGIES).default(DEFAULTS.frames.strategy),
  times: z.array(ranged(LIMITS.frames.time), { error: 'is not a list of seconds such as [1, 5.5, 12]' }).default(DEFAULTS.frames.times),
  maxShortSide: ranged(LIMITS.frames.maxShortSide).default(DEFAULTS.frames.maxShortSide),
  maxLongSide: ranged(LIMITS.frames.maxLongSide).default(DEFAULTS.frames.maxLongSide),
  format: oneOf(FRAME_FORMATS).default(DEFAULTS.frames.format),
  grid: z.boolean({ error: 'is not true or false' }).default(DEFAULTS.frames.grid),
});

const minScores = z.strictObject(Object.fromEntries(CRITERIA.map((c) => [c, ranged(LIMITS.score).optional()])) as Record<(typeof CRITERIA)[number], z.ZodOptional<z.ZodNumber>>);

const judge = z.strictObject({
  provider: oneOf(['auto', 'none', ...PROVIDERS]).default(DEFAULTS.judge.provider),
  model: text('a model name').nullable().default(DEFAULTS.judge.model),
  baseURL: z
    .string({ error: 'is not a URL' })
    .refine((u) => /^https?:\/\/[^/\s]+/.test(u), 'is not an http(s) URL such as http://localhost:11434/v1')
    .nullable()
    .default(DEFAULTS.judge.baseURL),
  apiKeyEnv: envName.nullable().default(DEFAULTS.judge.apiKeyEnv),
  prompts: text('a prompt set name such as default, or a folder').default(DEFAULTS.judge.prompts),
  samples: ranged(LIMITS.judge.samples).default(DEFAULTS.judge.samples),
  images: oneOf(IMAGE_MODES).nullable().default(DEFAULTS.judge.images),
  detail: oneOf(DETAILS).nullable().default(DEFAULTS.judge.detail),
  maxTokens: ranged(LIMITS.judge.maxTokens).nullable().default(DEFAULTS.judge.maxTokens),
  reasoningEffort: oneOf(REASONING_EFFORTS).nullable().default(DEFAULTS.judge.reasoningEffort),
  concurrency: ranged(LIMITS.judge.concurrency).default(DEFAULTS.judge.concurrency),
  cache: z.boolean({ error: 'is not true or false' }).default(DEFAULTS.judge.cache),
  facts: oneOf(['none', 'measures']).default(DEFAULTS.judge.facts),
  calibration: text('a calibration.json file').nullable().default(DEFAULTS.judge.calibration),
  deadline: duration().refine((s) => s > 0, 'is not longer than 0s').default(DEFAULTS.judge.deadline),
  minScores: minScores.prefault({}),
});

const outputs = z.strictObject({
  recordings: text('a folder').default(DEFAULTS.outputs.recordings),
  reports: text('a folder').default(DEFAULTS.outputs.reports),
});

/**
 * Regression thresholds for `termlens compare`, in the shape a
 * `--thresholds` file has. The names come from the compare stage's own
 * tables, so a metric added there is configurable (and documented) here.
 */
const atLeastZero = 'is not a number ≥ 0';
const threshold = z.number({ error: atLeastZero }).min(0, atLeastZero);
/** `off` (or false, or empty) makes a pixel or cell gate a figure that is only reported. */
const off = z.union([z.literal('off'), z.literal(false), z.null()]).transform(() => null);
const offOr = (n: z.ZodNumber, msg: string) => z.union([n, off], { error: msg }).default(null);
const ratioOrOff = 'is not a number from 0 to 1, or off';
const countOrOff = 'is not a whole number ≥ 0, or off';

const criteriaThresholds = z.preprocess(
  (value, ctx) => {
    if (typeof value !== 'number') return value;
    // A bare number sets all four, as `criteria=1` does on the command line.
    if (!(value >= 0)) {
      ctx.addIssue({ code: 'custom', message: `${atLeastZero}; give one number for all four criteria, or a mapping such as {visualClarity: 0.5}` });
      return z.NEVER;
    }
    return Object.fromEntries(CRITERIA.map((c) => [c, value]));
  },
  z.strictObject(Object.fromEntries(CRITERIA.map((c) => [c, threshold.default(DEFAULTS.compare.criteria[c])])) as Record<(typeof CRITERIA)[number], z.ZodDefault<z.ZodNumber>>, {
    error: 'is not a number (for all four criteria) or a mapping such as {visualClarity: 0.5}',
  }),
);

const metricThresholds = z.strictObject(
  Object.fromEntries(METRICS.map((m) => [m.key, threshold.default(DEFAULTS.compare.metrics[m.key])])) as Record<MetricKey, z.ZodDefault<z.ZodNumber>>,
  { error: 'is not a mapping of metric names to numbers, such as {flicker: 0.5, debris: 0}' },
);

const compare = z.strictObject(
  {
    criteria: criteriaThresholds.prefault({}),
    metrics: metricThresholds.prefault({}),
    pixels: offOr(z.number({ error: ratioOrOff }).min(0, ratioOrOff).max(1, ratioOrOff), ratioOrOff),
    cells: offOr(z.number({ error: countOrOff }).int(countOrOff).min(0, countOrOff), countOrOff),
  },
  { error: 'is not a mapping of criteria, metrics, pixels and cells' },
);

export const configSchema = z.strictObject({
  name: text('a name for the target').optional(),
  command: text('a shell command').optional(),
  vars: z.record(varName, scalar, { error: 'is not a mapping of name: value' }).default(DEFAULTS.vars),
  pretest: pretest.optional(),
  record: record.prefault({}),
  render: render.prefault({}),
  frames: frames.prefault({}),
  judge: judge.prefault({}),
  outputs: outputs.prefault({}),
  compare: compare.prefault({}),
  // A suite's scenarios; expanded and checked value by value in src/suite (a single run ignores it).
  matrix: z.record(z.string(), z.unknown(), { error: 'is not a mapping of keys to lists of values, such as {size: [80x24, 120x36]}' }).optional(),
});

export type ParsedConfig = z.output<typeof configSchema>;

/** The object schema under wrappers (default, optional, nullable, pipe), or undefined. */
export function objectSchema(schema: z.ZodType): z.ZodObject | undefined {
  let s: unknown = schema;
  for (let i = 0; i < 10; i++) {
    if (s instanceof z.ZodObject) return s;
    if (s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    // A preprocess (a transform in front) checks its result against the schema behind it.
    else if (s instanceof z.ZodPipe) s = s.in instanceof z.ZodTransform ? s.out : s.in;
    else return undefined;
  }
  return undefined;
}

/** The keys allowed at a path (for "did you mean"); empty for free-form mappings such as vars. */
export function keysAt(path: readonly PropertyKey[]): string[] {
  let s: z.ZodObject | undefined = configSchema;
  for (const key of path) {
    const child: z.ZodType | undefined = s?.shape[String(key)] as z.ZodType | undefined;
    s = child ? objectSchema(child) : undefined;
  }
  return s ? Object.keys(s.shape) : [];
}

/** Every key path of the schema, depth first ("render.fps", "judge.minScores.visualClarity"). */
export function schemaKeyPaths(schema: z.ZodObject = configSchema, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, child] of Object.entries(schema.shape)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const inner = objectSchema(child as z.ZodType);
    if (inner) out.push(...schemaKeyPaths(inner, path));
    else out.push(path);
  }
  return out;
}
