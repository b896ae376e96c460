/**
 * Step files, YAML or JSON (JSON is YAML, so one parser reads both and knows
 * every step's line). A step is a one-verb mapping with optional settings
 * beside the verb:
 *
 *   - type: "ls -la"
 *     speed: 20ms
 *   - key: Enter
 *   - key: Down
 *     count: 3
 *   - sleep: 500ms
 *   - wait: /\$ $/
 *     scope: line
 *     timeout: 10s
 *   - resize: 100x30
 *   - marker: listing shown
 *   - wait-exit
 *
 * The file is a list of steps, or a mapping with a `steps` list. Every error
 * is collected and reported with file, line, column, step number, key and value.
 */
import { LineCounter, isMap, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { boundedToJs, isStackOverflow, MAX_YAML_DEPTH } from '../yaml-limits.js';
import { TermlensError, quote, suggestName } from '../errors/index.js';
import { looksSecret, redactSecrets, safeQuote } from '../redact.js';
import { DURATION_EXAMPLES, durationTooLong, parseDuration } from './duration.js';
import { parseKey } from './keys.js';
import { STEP_KINDS, type Step, type StepKind, type StepSource } from './steps.js';

// Messages are predicates ("is not …") that follow the quoted value: `count "three" is not a whole number…`.
const duration = z.union([z.string(), z.number()], { error: `is not ${DURATION_EXAMPLES}` }).transform((value, ctx) => {
  const ms = parseDuration(value);
  const problem = ms === undefined ? `is not ${DURATION_EXAMPLES}` : durationTooLong(ms);
  if (ms === undefined || problem) {
    ctx.addIssue({ code: 'custom', message: problem ?? `is not ${DURATION_EXAMPLES}` });
    return z.NEVER;
  }
  return ms;
});

const text = (what: string) =>
  z.union([z.string(), z.number(), z.boolean()], { error: `is not ${what}` }).transform((v) => String(v));

const keyName = text('a key name such as Enter, Ctrl+C or q').transform((value, ctx) => {
  const parsed = parseKey(value);
  if ('error' in parsed) {
    ctx.addIssue({ code: 'custom', message: `is not a key: ${parsed.error}` });
    return z.NEVER;
  }
  return parsed.name;
});

/** `/regex/flags` or a bare regex source. */
const pattern = text('a regular expression such as /Ready/ or "\\$ $"').transform((value, ctx) => {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(value);
  const source = literal ? literal[1]! : value;
  const flags = literal ? literal[2]! : '';
  if (/[^imsuv]/.test(flags)) {
    ctx.addIssue({ code: 'custom', message: `has flags ${quote(flags)}; a wait allows only i, m, s, u and v` });
    return z.NEVER;
  }
  try {
    new RegExp(source, flags);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `is not a valid regular expression (${(e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')})` });
    return z.NEVER;
  }
  return { pattern: source, flags };
});

const size = z
  .union([z.string(), z.strictObject({ cols: z.number(), rows: z.number() })], { error: 'is not a size such as 100x30' })
  .transform((value, ctx) => {
    const m = typeof value === 'string' ? /^\s*(\d+)\s*[x×]\s*(\d+)\s*$/i.exec(value) : undefined;
    const cols = typeof value === 'string' ? Number(m?.[1]) : value.cols;
    const rows = typeof value === 'string' ? Number(m?.[2]) : value.rows;
    if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 1 || rows < 1 || cols > 1000 || rows > 500) {
      ctx.addIssue({ code: 'custom', message: 'is not a size such as 100x30 (columns x rows, at most 1000x500)' });
      return z.NEVER;
    }
    return { cols, rows };
  });

const count = z.number({ error: 'is not a whole number from 1 to 10000' }).int('is not a whole number from 1 to 10000').min(1, 'is not at least 1').max(10_000, 'is more than 10000');

/** One schema per verb; each turns the raw mapping into its Step. The Record type makes a missing verb a compile error. */
const SCHEMAS: Record<StepKind, z.ZodType<Step>> = {
  type: z.strictObject({ type: text('the text to type'), speed: duration.optional() }).transform((s) => ({ kind: 'type' as const, text: s.type, ...(s.speed !== undefined ? { speedMs: s.speed } : {}) })),
  key: z.strictObject({ key: keyName, count: count.optional(), speed: duration.optional() }).transform((s) => ({
    kind: 'key' as const,
    key: s.key,
    ...(s.count !== undefined ? { count: s.count } : {}),
    ...(s.speed !== undefined ? { speedMs: s.speed } : {}),
  })),
  sleep: z.strictObject({ sleep: duration }).transform((s) => ({ kind: 'sleep' as const, ms: s.sleep })),
  wait: z.strictObject({ wait: pattern, scope: z.enum(['screen', 'line'], { error: 'is not "screen" or "line"' }).optional(), timeout: duration.optional() }).transform((s) => ({
    kind: 'wait' as const,
    pattern: s.wait.pattern,
    ...(s.wait.flags ? { flags: s.wait.flags } : {}),
    ...(s.scope ? { scope: s.scope } : {}),
    ...(s.timeout !== undefined ? { timeoutMs: s.timeout } : {}),
  })),
  resize: z.strictObject({ resize: size }).transform((s) => ({ kind: 'resize' as const, ...s.resize })),
  marker: z.strictObject({ marker: text('a label').refine((l) => l.trim() !== '', 'is empty; give the marker a label') }).transform((s) => ({ kind: 'marker' as const, label: s.marker })),
  'wait-exit': z.strictObject({
    'wait-exit': z.union([z.null(), duration], { error: 'is not allowed: wait-exit takes no value (write "- wait-exit") or a timeout ("- wait-exit: 30s")' }).optional(), timeout: duration.optional() }).transform((s) => {
    const timeout = s.timeout ?? (typeof s['wait-exit'] === 'number' ? s['wait-exit'] : undefined);
    return { kind: 'wait-exit' as const, ...(timeout !== undefined ? { timeoutMs: timeout } : {}) };
  }),
};

/** Settings allowed beside each verb, for "did you mean". */
const OPTIONS: Record<StepKind, string[]> = {
  type: ['speed'],
  key: ['count', 'speed'],
  sleep: [],
  wait: ['scope', 'timeout'],
  resize: [],
  marker: [],
  'wait-exit': ['timeout'],
};

/** Parse and validate a step file. Throws one TermlensError listing every problem. */
export function parseSteps(source: string, fileName = 'steps'): Step[] {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const where = (node: YamlNode | null | undefined): StepSource | undefined => {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const pos = lines.linePos(offset);
    return { file: fileName, line: pos.line, column: pos.col };
  };
  const at = (src: StepSource | undefined) => (src ? `${fileName}:${src.line}:${src.column}` : fileName);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
    const what = isStackOverflow(e.message) ? `nests too deeply (more than ${MAX_YAML_DEPTH} levels are refused)` : e.message.split('\n')[0];
    throw invalid(fileName, [`${fileName}:${pos.line}:${pos.col}: not valid YAML or JSON: ${what}`]);
  }
  const bounded = boundedToJs(doc, lines);
  if ('problem' in bounded) {
    const p = bounded.problem;
    throw invalid(fileName, [`${fileName}:${p.line}:${p.column}: the YAML ${p.message}`]);
  }

  let list: YamlNode | null = doc.contents as YamlNode | null;
  if (isMap(list)) {
    const keys = list.items.map((p) => String((p.key as { value?: unknown })?.value ?? p.key));
    const stepsNode = list.get('steps', true) as YamlNode | undefined;
    if (!stepsNode || keys.length !== 1) {
      const extra = keys.filter((k) => k !== 'steps');
      throw invalid(fileName, [`${at(where(list))}: expected a list of steps or a mapping with only "steps"${extra.length ? `; found ${extra.map((k) => quote(k)).join(', ')}` : ''}`]);
    }
    list = stepsNode;
  }
  if (!isSeq(list)) {
    throw invalid(fileName, [`${at(where(list))}: expected a list of steps (each item like "- type: ls" or "- key: Enter"), got ${list ? 'a single value' : 'nothing'}`]);
  }

  const errors: string[] = [];
  const steps: Step[] = [];
  // Items that are steps or nearly (a known verb, or a misspelt one).
  let stepLike = 0;
  const isStepLike = (name: unknown) => typeof name === 'string' && ((STEP_KINDS as readonly string[]).includes(name) || suggest(name, STEP_KINDS) !== undefined);
  list.items.forEach((item, i) => {
    const n = i + 1;
    const node = item as YamlNode;
    const src = where(node);
    let raw = node && typeof (node as { toJSON?: unknown }).toJSON === 'function' ? (node as { toJSON(): unknown }).toJSON() : node;
    // A value that looks like a credential is never quoted back, however a message came to hold it.
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? Object.keys(raw).some(isStepLike) : isStepLike(raw)) stepLike++;
    const secrets = (typeof raw === 'object' && raw !== null ? Object.values(raw) : [raw]).filter((v): v is string => typeof v === 'string' && looksSecret(v));
    const fail = (what: string, verb?: StepKind) => errors.push(redactSecrets(`${at(src)}: step ${n}${verb ? ` (${verb})` : ''}: ${what}`, secrets));
    if (typeof raw === 'string') {
      // A bare verb: only wait-exit needs no value.
      if (raw === 'wait-exit') raw = { 'wait-exit': null };
      else if ((STEP_KINDS as readonly string[]).includes(raw)) return fail(`"${raw}" needs a value, e.g. "- ${raw}: ${exampleValue(raw as StepKind)}"`);
      else return fail(unknownVerb(raw));
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return fail(`expected a step such as "- key: Enter", got ${safeQuote(JSON.stringify(raw))}`);
    }
    const record = raw as Record<string, unknown>;
    const verbs = Object.keys(record).filter((k) => (STEP_KINDS as readonly string[]).includes(k)) as StepKind[];
    if (verbs.length === 0) return fail(unknownVerb(Object.keys(record)[0] ?? ''));
    if (verbs.length > 1) return fail(`a step does one thing, but this one has ${verbs.map((v) => quote(v)).join(' and ')}; split it into separate list items`);
    const verb = verbs[0]!;
    const result = SCHEMAS[verb].safeParse(record);
    if (result.success) {
      steps.push(src ? { ...result.data, source: src } : result.data);
      return;
    }
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const guess = suggest(key, OPTIONS[verb]);
          const allowed = OPTIONS[verb].length ? `it takes ${OPTIONS[verb].map((o) => quote(o)).join(', ')}` : 'it takes no settings';
          fail(`unknown setting ${quote(key)}${guess ? ` (did you mean ${quote(guess)}?)` : ''}; ${allowed}`, verb);
        }
        continue;
      }
      const key = String(issue.path[0] ?? verb);
      const value = record[key];
      const shown = value === undefined ? 'nothing' : safeQuote(typeof value === 'object' ? JSON.stringify(value) : String(value));
      fail(`${key === verb ? '' : `${key} `}${shown} ${issue.message}`, verb);
    }
  });
  if (errors.length > 0 && stepLike === 0 && list.items.length > 1) {
    // Not one item is a step: this is some other file (a .env, a key file) given by mistake; quote none of it.
    throw invalid(fileName, [`${at(where(list))}: this does not look like a steps file: none of its ${list.items.length} items is a step`]);
  }
  if (errors.length > 0) throw invalid(fileName, errors.length > MAX_LISTED ? [...errors.slice(0, MAX_LISTED), `… and ${errors.length - MAX_LISTED} more`] : errors);
  return steps;
}

/** suggestName, but a swap of two letters ("kye") first finds the word with the same letters ("key"). */
function suggest(name: string, candidates: readonly string[]): string | undefined {
  const letters = (s: string) => [...s.toLowerCase()].sort().join('');
  return candidates.find((c) => letters(c) === letters(name)) ?? suggestName(name, candidates);
}

/** Problems listed in one message; the rest are counted. */
const MAX_LISTED = 10;

function unknownVerb(name: string): string {
  const guess = suggest(name, STEP_KINDS);
  return `unknown step ${safeQuote(name)}${guess ? ` (did you mean ${quote(guess)}?)` : ''}; steps are ${STEP_KINDS.join(', ')}`;
}

function exampleValue(kind: StepKind): string {
  const examples: Record<StepKind, string> = { type: 'ls', key: 'Enter', sleep: '1s', wait: '/Ready/', resize: '100x30', marker: 'ready', 'wait-exit': '' };
  return examples[kind];
}

function invalid(fileName: string, errors: string[]): TermlensError {
  const head = errors.length === 1 ? errors[0]! : `${errors.length} problems in ${quote(fileName)}:\n${errors.map((e) => `  ${e}`).join('\n')}`;
  return new TermlensError(head, {
    code: 'config',
    stage: 'record',
    hint: 'Each step is one list item such as "- type: ls", "- key: Enter", "- sleep: 1s", "- wait: /Ready/", "- resize: 100x30", "- marker: NAME" or "- wait-exit".',
  });
}
