/**
 * A suite config → its scenarios: each combination of the matrix applied to
 * the file's own keys and validated as a whole config, with a stable id
 * (`demo[size=80x24,theme=Dracula]`) and a folder-safe slug
 * (`demo_size-80x24_theme-Dracula`) that names its run folder.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { configError, configFromFileObject, YamlSource, type LoadOptions, type TermlensConfig } from '../config/index.js';
import { TermlensError, quote } from '../errors/index.js';
import { expandMatrix, parseSize, sizeProblem, valueText, type Combination } from './matrix.js';

export interface Scenario {
  id: string;
  slug: string;
  /** The matrix values of this scenario, as text, in matrix order. */
  values: Record<string, string>;
  config: TermlensConfig;
}

export interface SuiteDefinition {
  /** The config's name (its `name:` or file name). */
  name: string;
  configFile: string;
  scenarios: Scenario[];
}

export function scenarioId(name: string, combo: Combination): string {
  return combo.length ? `${name}[${combo.map(([k, v]) => `${k}=${valueText(v)}`).join(',')}]` : name;
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 8);

/**
 * Folder names for ids: letters, digits, `.`, `-` and `_` only, at most 100
 * characters. Two ids that would share a folder (also on a case-insensitive
 * disk) both get a hash of the id, so slugs stay unique and stable.
 */
export function slugsFor(ids: readonly string[]): string[] {
  const plain = ids.map((id) => {
    const m = /^(.*?)\[(.*)\]$/.exec(id);
    const text = m ? `${safe(m[1]!)}_${m[2]!.split(',').map((pair) => safe(pair.replace('=', '-'))).join('_')}` : safe(id);
    return text.length > 100 ? `${text.slice(0, 90)}-${hash(id)}` : text;
  });
  const count = new Map<string, number>();
  for (const s of plain) count.set(s.toLowerCase(), (count.get(s.toLowerCase()) ?? 0) + 1);
  return plain.map((s, i) => ((count.get(s.toLowerCase()) ?? 0) > 1 ? `${s.slice(0, 90)}-${hash(ids[i]!)}` : s));
}

/** Set `parents.….key` to value, making the parent mappings that are missing. */
function setPath(obj: Record<string, unknown>, parents: string[], key: string, value: unknown): void {
  let node = obj;
  for (const parent of parents) {
    const next = node[parent];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[parent] = {};
    node = node[parent] as Record<string, unknown>;
  }
  node[key] = value;
}

/** The file's keys with one combination's values set. */
function applyCombination(raw: Record<string, unknown>, combo: Combination): Record<string, unknown> {
  const out = structuredClone(raw);
  delete out.matrix;
  for (const [key, value] of combo) {
    if (key === 'size') {
      const size = parseSize(value);
      // expandMatrix refused such a size already; said again rather than assumed.
      if (!size) throw new TermlensError(sizeProblem(value), { code: 'config', stage: 'config', hint: 'Give sizes as COLSxROWS, e.g. size: [80x24, 120x36].' });
      const [cols, rows] = size;
      const record = { ...((out.record as Record<string, unknown> | undefined) ?? {}) };
      // A size in cells replaces a window the file may size the terminal by.
      for (const k of ['width', 'height', 'fontSize', 'padding']) delete record[k];
      out.record = { ...record, cols, rows };
    } else if (key === 'theme') setPath(out, ['render'], 'theme', value);
    else if (key === 'prompts') setPath(out, ['judge'], 'prompts', value);
    else if (key.startsWith('vars.')) setPath(out, ['vars'], key.slice(5), value);
    else if (key.startsWith('record.env.')) setPath(out, ['record', 'env'], key.slice(11), value);
    else {
      const parts = key.split('.');
      setPath(out, parts.slice(0, -1), parts.slice(-1).join(''), value);
    }
  }
  return out;
}

/** Read a config with a matrix and validate every scenario; one config error (exit 1) names every problem. */
export function loadSuite(path: string, options: LoadOptions = {}): SuiteDefinition {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new TermlensError(`cannot read the config file ${quote(path)}`, { code: 'not-found', stage: 'config', hint: 'Check the path.', cause });
  }
  const source = new YamlSource(text, path);
  const raw = source.doc.toJS() as Record<string, unknown>;
  const { combinations, problems } = expandMatrix(raw.matrix);
  if (problems.length) throw configError(problems.map((p) => ({ path: p.path, message: p.message, standalone: true, ...(p.onKey ? { onKey: true } : {}) })), source, path, raw);
  if (combinations.length === 0) {
    throw configError([{ path: ['matrix'], message: 'matrix: every combination is excluded; nothing would run', standalone: true, onKey: true }], source, path, raw);
  }
  const name = typeof raw.name === 'string' && raw.name.trim() ? raw.name : basename(path, extname(path));
  const ids = combinations.map((combo) => scenarioId(name, combo));
  const slugs = slugsFor(ids);
  const scenarios = combinations.map((combo, i): Scenario => {
    let config: TermlensConfig;
    try {
      config = configFromFileObject(applyCombination(raw, combo), path, source, options);
    } catch (e) {
      if (!(e instanceof TermlensError)) throw e;
      throw new TermlensError(`scenario ${ids[i]}: ${e.message}`, { code: e.code, stage: 'config', ...(e.hint ? { hint: e.hint } : {}), cause: e });
    }
    return { id: ids[i]!, slug: slugs[i]!, values: Object.fromEntries(combo.map(([k, v]) => [k, valueText(v)])), config };
  });
  return { name, configFile: path, scenarios };
}
