/**
 * Which scenarios a machine runs: `--only` patterns, then `--shard K/N`
 * (K counted from 1, as Playwright does). Without durations the sorted ids are
 * dealt round robin; with the durations of an earlier suite.json, the longest
 * scenario goes to the least-loaded shard first, so shards end close together.
 * Either way every machine computes the same split from the same inputs.
 */
import { TermlensError, quote } from '../errors/index.js';

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
  /** Where it came from: `--shard`, or the CI variables read by `--shard auto`. */
  from: string;
}

function shardError(value: string, why: string): TermlensError {
  return new TermlensError(`--shard ${quote(value)}: ${why}`, {
    code: 'usage',
    stage: 'suite',
    hint: 'Give --shard K/N with 1 ≤ K ≤ N (e.g. --shard 2/4, on GitHub --shard ${{ matrix.shard }}/4), or --shard auto on GitLab, CircleCI, Buildkite or a Kubernetes Indexed Job (--shard auto/N there).',
  });
}

/** CI systems' parallel-job variables: [index variable, total variable, whether the index counts from 0]. */
const CI_VARIABLES: Array<[string, string, string, boolean]> = [
  ['GitLab', 'CI_NODE_INDEX', 'CI_NODE_TOTAL', false],
  ['CircleCI', 'CIRCLE_NODE_INDEX', 'CIRCLE_NODE_TOTAL', true],
  ['Buildkite', 'BUILDKITE_PARALLEL_JOB', 'BUILDKITE_PARALLEL_JOB_COUNT', true],
];

const whole = (s: string | undefined) => (s !== undefined && /^\s*\d+\s*$/.test(s) ? Number(s) : undefined);

/** `K/N`, `auto` or `auto/N` → a shard. */
export function parseShard(value: string, env: NodeJS.ProcessEnv = process.env): Shard {
  const auto = /^auto(?:\/(\d+))?$/.exec(value.trim());
  if (auto) {
    for (const [system, indexVar, totalVar, zeroBased] of CI_VARIABLES) {
      const index = whole(env[indexVar]);
      const total = whole(env[totalVar]);
      if (index === undefined || total === undefined) continue;
      return checked(value, zeroBased ? index + 1 : index, total, `${system} ${indexVar}=${env[indexVar]} ${totalVar}=${env[totalVar]}`);
    }
    const k8s = whole(env.JOB_COMPLETION_INDEX);
    if (k8s !== undefined) {
      const total = auto[1] ? Number(auto[1]) : undefined;
      if (total === undefined) throw shardError(value, `JOB_COMPLETION_INDEX=${env.JOB_COMPLETION_INDEX} is set (a Kubernetes Indexed Job) but the Job's completions are not in the environment; give them as --shard auto/N`);
      return checked(value, k8s + 1, total, `Kubernetes JOB_COMPLETION_INDEX=${env.JOB_COMPLETION_INDEX}`);
    }
    throw shardError(
      value,
      'no CI shard variables found (GitLab CI_NODE_INDEX/CI_NODE_TOTAL, CircleCI CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL, Buildkite BUILDKITE_PARALLEL_JOB/BUILDKITE_PARALLEL_JOB_COUNT, Kubernetes JOB_COMPLETION_INDEX); GitHub Actions passes the matrix value as --shard K/N',
    );
  }
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!m) throw shardError(value, 'is not K/N or auto');
  return checked(value, Number(m[1]), Number(m[2]), '--shard');
}

function checked(value: string, index: number, total: number, from: string): Shard {
  if (total < 1) throw shardError(value, `the total ${total} is not at least 1 (${from})`);
  if (index < 1 || index > total) throw shardError(value, `shard ${index} is not between 1 and ${total} (${from})`);
  return { index, total, from };
}

/** Shell-style `*` and `?` when the pattern has them, else a substring; matched against the id and the slug. */
export function matchesPattern(pattern: string, ...names: string[]): boolean {
  if (!/[*?]/.test(pattern)) return names.some((n) => n.includes(pattern));
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return names.some((n) => re.test(n));
}

/**
 * The ids shard `index` of `total` runs. `durations` (seconds by id, from an
 * earlier suite.json) balance the shards; ids it lacks count as its mean.
 */
export function shardIds(ids: readonly string[], index: number, total: number, durations?: ReadonlyMap<string, number>): string[] {
  const sorted = [...ids].sort();
  if (!durations || durations.size === 0) return sorted.filter((_, i) => i % total === index - 1);
  const known = [...durations.values()];
  const mean = known.reduce((a, b) => a + b, 0) / known.length;
  const cost = (id: string) => durations.get(id) ?? mean;
  const byCost = [...sorted].sort((a, b) => cost(b) - cost(a) || (a < b ? -1 : 1));
  const loads = Array.from({ length: total }, () => 0);
  const mine: string[] = [];
  for (const id of byCost) {
    let best = 0;
    for (let s = 1; s < total; s++) if (loads[s]! < loads[best]!) best = s;
    loads[best]! += cost(id);
    if (best === index - 1) mine.push(id);
  }
  return mine.sort();
}
