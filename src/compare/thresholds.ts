/**
 * How big a change must be before compare calls it a regression.
 *
 * Defaults (each can be changed by a config's `compare:` section, a thresholds file or a flag):
 *
 * | what | default | why |
 * | --- | --- | --- |
 * | every criterion score (0–10, offline and model) | 1.0 point | a live recording's timing moves the offline scores by well under a point; each demo defect costs 2–6 points |
 * | contrastFailures (share of text cells under 4.5:1) | +0.05 | 5 points of text newly hard to read |
 * | debris (escape-sequence debris seen on screen) | +0 | any debris is a bug |
 * | unknownSequences (kinds of unknown drawing sequences) | +0 | any new kind changes what is drawn |
 * | overflow (share of rows wrapped or cut) | +0.05 | |
 * | alignment (share of aligned column starts) | −0.1 | |
 * | statusIcons, stateMarkers | −1 | a transient state may fall between samples |
 * | statusWords | −2 | |
 * | flicker (repaints per second) | +0.5 | |
 * | stalls (share of the run spent in stalls) | +0.2 | one late frame of a short recording on a busy machine already stalls 10% of a 2.5 s run |
 * | longestSilence (seconds) | +1 | |
 * | firstOutput (seconds to the first visible output) | +1 | |
 * | pixels (changed-pixel ratio of one aligned frame) | off | report only: a deliberate change moves pixels too |
 * | cells (changed cells of one compared screen) | off | report only, for the same reason |
 *
 * The model's spread (max − min over its samples) widens a criterion's
 * margin: a model criterion regresses only when current < baseline −
 * max(threshold, baseline spread, current spread), so sampling noise is not
 * called a regression.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { TermlensError, quote, suggestName } from '../errors/index.js';
import { CRITERIA, type CriterionKey } from '../report/criteria.js';
import { METRICS, type MetricKey } from './metrics.js';

export interface Thresholds {
  /** Points a criterion score may drop before it is a regression. */
  criteria: Record<CriterionKey, number>;
  /** Change in the worse direction a metric may make before it is a regression. */
  metrics: Record<MetricKey, number>;
  /** Largest changed-pixel ratio (0–1) allowed in any aligned frame; null: report only. @default null */
  pixels: number | null;
  /** Largest number of changed cells allowed on any compared screen; null: report only. @default null */
  cells: number | null;
}

export const DEFAULT_CRITERION_THRESHOLD = 1;

export function defaultThresholds(): Thresholds {
  return {
    criteria: Object.fromEntries(CRITERIA.map((k) => [k, DEFAULT_CRITERION_THRESHOLD])) as Record<CriterionKey, number>,
    metrics: Object.fromEntries(METRICS.map((m) => [m.key, m.threshold])) as Record<MetricKey, number>,
    pixels: null,
    cells: null,
  };
}

/** Every name a threshold can be set by: the criteria, the metrics, `pixels`, `cells`, and `criteria` for all four at once. */
export function thresholdNames(): string[] {
  return ['criteria', ...CRITERIA, ...METRICS.map((m) => m.key), 'pixels', 'cells'];
}

/**
 * Set one threshold by name. `criteria` sets all four criteria; `pixels` and
 * `cells` take null (or "off") for report-only. Throws a usage error naming
 * the bad name (with a did-you-mean) or value.
 */
export function setThreshold(t: Thresholds, name: string, value: unknown, where = '--threshold'): void {
  const off = value === null || value === 'off' || value === 'none';
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  const names = thresholdNames();
  if (!names.includes(name)) {
    const guess = suggestName(name, names);
    throw new TermlensError(`${where}: unknown threshold ${quote(name)}`, {
      code: 'usage',
      stage: 'compare',
      hint: `${guess ? `Did you mean ${quote(guess)}? ` : ''}Known thresholds: ${names.join(', ')}.`,
    });
  }
  if ((name === 'pixels' || name === 'cells') && off) {
    t[name] = null;
    return;
  }
  const max = name === 'pixels' ? 1 : Number.POSITIVE_INFINITY;
  if (!Number.isFinite(n) || n < 0 || n > max) {
    throw new TermlensError(`${where}: threshold ${quote(name)} has the value ${quote(value)}, not a number ≥ 0${max === 1 ? ' and ≤ 1' : ''}`, {
      code: 'usage',
      stage: 'compare',
      hint: name === 'pixels' || name === 'cells' ? 'Give a number, or "off" to only report.' : 'Give a number such as 0.5.',
    });
  }
  if (name === 'criteria') for (const k of CRITERIA) t.criteria[k] = n;
  else if ((CRITERIA as readonly string[]).includes(name)) t.criteria[name as CriterionKey] = n;
  else if (name === 'pixels' || name === 'cells') t[name] = n;
  else t.metrics[name as MetricKey] = n;
}

/**
 * `--threshold` values: `NAME=VALUE`, or a bare number for every criterion.
 * Later entries win.
 */
export function applyThresholdFlags(t: Thresholds, flags: readonly string[]): Thresholds {
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq < 0) setThreshold(t, 'criteria', flag);
    else setThreshold(t, flag.slice(0, eq).trim(), flag.slice(eq + 1).trim());
  }
  return t;
}

/**
 * A thresholds object as YAML or JSON gives it, either bare or under a
 * `compare:` key (the shape a config file's `compare:` section has):
 *
 * ```yaml
 * compare:
 *   criteria: 1            # all four; or a map { visualClarity: 0.5, … }
 *   metrics: { flicker: 0.5, debris: 0 }
 *   pixels: 0.02           # or off
 *   cells: off
 * ```
 */
export function applyThresholdObject(t: Thresholds, data: unknown, where: string): Thresholds {
  const root = isRecord(data) && isRecord(data.compare) ? data.compare : data;
  if (root === null || root === undefined) return t;
  if (!isRecord(root)) throw badFile(where, 'the file does not hold a mapping');
  const known = ['criteria', 'metrics', 'pixels', 'cells', 'thresholds'];
  const body = isRecord(root.thresholds) ? root.thresholds : root;
  for (const [key, value] of Object.entries(body)) {
    if (!known.includes(key)) {
      // A bare `visualClarity: 0.5` or `flicker: 0.5` at the top level is accepted too.
      setThreshold(t, key, value, where);
      continue;
    }
    if (key === 'criteria' && isRecord(value)) {
      for (const [k, v] of Object.entries(value)) setThreshold(t, k, v, `${where} criteria`);
    } else if (key === 'metrics') {
      if (!isRecord(value)) throw badFile(where, '"metrics" must be a mapping of metric names to numbers');
      for (const [k, v] of Object.entries(value)) setThreshold(t, k, v, `${where} metrics`);
    } else if (key !== 'thresholds') setThreshold(t, key, value, where);
  }
  return t;
}

export async function loadThresholdsFile(t: Thresholds, file: string): Promise<Thresholds> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new TermlensError(`cannot read the thresholds file ${quote(file)}`, { code: 'not-found', stage: 'compare', hint: 'Check the path given to --thresholds.', cause });
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (cause) {
    throw badFile(file, `it is not valid YAML: ${(cause as Error).message.split('\n')[0]}`);
  }
  return applyThresholdObject(t, data, file);
}

function badFile(where: string, why: string): TermlensError {
  return new TermlensError(`the thresholds in ${quote(where)} are not usable: ${why}`, {
    code: 'config',
    stage: 'compare',
    hint: 'Write e.g. `criteria: 1`, `metrics: {flicker: 0.5}`, `pixels: 0.02` (optionally under `compare:`).',
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
