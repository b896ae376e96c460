/**
 * A config's `matrix:` → its scenarios. Lists are combined as a cartesian
 * product (the first key varies slowest), then `exclude:` entries remove every
 * combination they partly match and `include:` entries extend or add
 * combinations, with the rules of GitHub Actions' job matrix: an include entry
 * is added to every combination whose original values it does not change, and
 * becomes a combination of its own when it fits none.
 */
import { schemaKeyPaths } from '../config/index.js';
import { quote, suggestName } from '../errors/index.js';
import { inRange } from '../errors/range.js';
import { RECORD_LIMITS } from '../record/defaults.js';

/** Matrix keys that stand for a config key (or two). */
export const SHORTHANDS: Readonly<Record<string, string>> = { size: 'record.cols, record.rows', theme: 'render.theme', prompts: 'judge.prompts' };

export interface MatrixProblem {
  /** Key path inside the config file, for the line and column of the message. */
  path: Array<string | number>;
  message: string;
  /** Point at the key rather than its value (an unknown key). */
  onKey?: boolean;
}

/** One combination: matrix keys in the order they were first seen, with their values. */
export type Combination = Array<[key: string, value: unknown]>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The matrix keys a config accepts: the shorthands, `vars.NAME`, `record.env.NAME`, or a key path of the config. */
export function matrixKeyProblem(key: string): string | undefined {
  if (key in SHORTHANDS) return undefined;
  const free = /^(vars|record\.env)\.(.+)$/.exec(key);
  if (free) return NAME.test(free[2]!) ? undefined : `the name ${quote(free[2])} in ${quote(key)} is not a variable name (letters, digits and _)`;
  const paths = schemaKeyPaths().filter((p) => p !== 'matrix' && p !== 'vars' && p !== 'record.env');
  if (paths.includes(key)) return undefined;
  const guess = suggestName(key, [...Object.keys(SHORTHANDS), ...paths]);
  return `unknown matrix key ${quote(key)}${guess ? ` (did you mean ${quote(guess)}?)` : ''}; use size, theme, prompts, vars.NAME, record.env.NAME or a config key path such as render.fontSize`;
}

/** `80x24` → [80, 24], or undefined. */
export function parseSize(value: unknown): [number, number] | undefined {
  const m = /^\s*(\d+)\s*[x×]\s*(\d+)\s*$/.exec(String(value));
  if (!m) return undefined;
  const [cols, rows] = [Number(m[1]), Number(m[2])];
  return inRange(cols, RECORD_LIMITS.cols) && inRange(rows, RECORD_LIMITS.rows) ? [cols, rows] : undefined;
}

/** How a value reads in a scenario id and compares with another: scalars as text, the rest as JSON. */
export function valueText(value: unknown): string {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What is wrong with a matrix size that parseSize refuses. */
export const sizeProblem = (value: unknown) => `matrix size ${quote(valueText(value))} is not COLSxROWS, e.g. 80x24 (cols ${RECORD_LIMITS.cols.min}–${RECORD_LIMITS.cols.max}, rows ${RECORD_LIMITS.rows.min}–${RECORD_LIMITS.rows.max})`;

function checkValue(key: string, value: unknown, path: MatrixProblem['path'], problems: MatrixProblem[]): void {
  if (key === 'size' && !parseSize(value)) problems.push({ path, message: sizeProblem(value) });
}

/** Expand a matrix into its combinations, or the problems that stop it (every one, each with its key path). */
export function expandMatrix(matrix: unknown): { combinations: Combination[]; problems: MatrixProblem[] } {
  const problems: MatrixProblem[] = [];
  if (!isMapping(matrix)) {
    return { combinations: [], problems: [{ path: ['matrix'], message: 'matrix: is not a mapping of keys to lists, e.g. matrix: { size: [80x24, 120x36] }' }] };
  }
  const axes: Array<[string, unknown[]]> = [];
  for (const [key, values] of Object.entries(matrix)) {
    if (key === 'include' || key === 'exclude') continue;
    const bad = matrixKeyProblem(key);
    if (bad) {
      problems.push({ path: ['matrix', key], message: `matrix: ${bad}`, onKey: true });
      continue;
    }
    if (!Array.isArray(values) || values.length === 0) {
      problems.push({ path: ['matrix', key], message: `matrix.${key} is not a non-empty list of values, e.g. ${key}: [a, b]` });
      continue;
    }
    values.forEach((v, i) => checkValue(key, v, ['matrix', key, i], problems));
    axes.push([key, values]);
  }
  const entries = (which: 'include' | 'exclude'): Array<Record<string, unknown>> => {
    const list = matrix[which];
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list) || !list.every(isMapping)) {
      problems.push({ path: ['matrix', which], message: `matrix.${which} is not a list of mappings, e.g. ${which}: [{ size: 80x24, theme: Nord }]` });
      return [];
    }
    list.forEach((entry, i) => {
      for (const [key, value] of Object.entries(entry)) {
        const bad = which === 'exclude' && !axes.some(([k]) => k === key) ? `matrix.exclude names ${quote(key)}, which is not a list of the matrix` : matrixKeyProblem(key);
        if (bad) problems.push({ path: ['matrix', which, i, key], message: bad.startsWith('matrix') ? bad : `matrix.${which}: ${bad}`, onKey: true });
        else checkValue(key, value, ['matrix', which, i, key], problems);
      }
    });
    return list;
  };
  const exclude = entries('exclude');
  const include = entries('include');
  if (axes.length === 0 && include.length === 0 && problems.length === 0) {
    problems.push({ path: ['matrix'], message: 'matrix: has no lists; give at least one, e.g. size: [80x24, 120x36]' });
  }
  if (problems.length) return { combinations: [], problems };

  let product: Combination[] = axes.length ? [[]] : [];
  for (const [key, values] of axes) product = product.flatMap((combo) => values.map((v): Combination => [...combo, [key, v]]));
  const same = (a: unknown, b: unknown) => valueText(a) === valueText(b);
  const get = (combo: Combination, key: string) => combo.find(([k]) => k === key);
  product = product
    .filter((combo) => !exclude.some((ex) => Object.entries(ex).every(([k, v]) => same(get(combo, k)?.[1], v))))
    .map((combo) => combo.map(([k, v]): [string, unknown] => [k, v]));

  const original = new Set(axes.map(([k]) => k));
  const extra: Combination[] = [];
  for (const entry of include) {
    let fitted = false;
    for (const combo of product) {
      // An include entry may not change a value the lists gave, but may change one an earlier include added.
      if (!Object.entries(entry).every(([k, v]) => !original.has(k) || same(get(combo, k)?.[1], v))) continue;
      fitted = true;
      for (const [k, v] of Object.entries(entry)) {
        const slot = get(combo, k);
        if (slot) slot[1] = v;
        else combo.push([k, v]);
      }
    }
    if (!fitted) extra.push(Object.entries(entry));
  }
  const all = [...product, ...extra];
  // The same combination twice (an include repeating one) runs once.
  const seen = new Set<string>();
  return {
    combinations: all.filter((combo) => {
      const key = JSON.stringify(combo.map(([k, v]) => [k, valueText(v)]).sort());
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
    problems,
  };
}
