/**
 * `termlens calibrate`: the configured model scores every recording of the
 * corpus's known pairs (an original and a variant made worse on one
 * criterion) as it would score a run, and, with `pairwise`, sees each pair
 * side by side in both orders. The result says whether this model, with
 * this prompt set and these samples, can tell a better display from a worse
 * one before anyone trusts its scores.
 */
import { join, relative, resolve } from 'node:path';
import { judgePair } from '../compare/pair-judge.js';
import { loadCorpus, type Corpus, type CorpusEntry, type KnownPair } from '../corpus/manifest.js';
import { TermlensError, quote } from '../errors/index.js';
import { checkRange } from '../errors/range.js';
import { JUDGE_DEFAULTS, JUDGE_LIMITS } from '../judge/defaults.js';
import { CALIBRATE_DEFAULTS, CALIBRATE_LIMITS } from './defaults.js';
import { judgeRun, sanitizeURL, type Detail, type ImageMode, type PromptSet, type ResolvedProvider } from '../judge/index.js';
import { CRITERION_TITLES } from '../criteria.js';
import { prepareEntry, type PreparedEntry } from './prepare.js';
import { calibrationNotes, criterionResults, overallResult, passedGate, scorePair, type PairwiseAnswer } from './summarize.js';
import type { CalibratedEntry, CalibratedPair, Calibration } from './types.js';

export interface CalibrateOptions {
  corpusDir: string;
  /** calibration.json/.md/.html, the frames and each recording's judgments.json go here. */
  outDir: string;
  provider: ResolvedProvider;
  promptSet: PromptSet;
  /** Requests per recording and prompt. @default JUDGE_DEFAULTS.samples */
  samples?: number;
  /** @default JUDGE_DEFAULTS.facts */
  facts?: 'none' | 'measures';
  /** Also ask pairwise verdicts, in both orders. @default false */
  pairwise?: boolean;
  /** @default CALIBRATE_DEFAULTS.minAccuracy */
  minAccuracy?: number;
  /** Frames per recording. @default CALIBRATE_DEFAULTS.frames */
  frames?: number;
  images?: ImageMode;
  detail?: Detail;
  concurrency?: number;
  cache?: boolean;
  cacheDir?: string;
  timeoutMs?: number;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export async function calibrate(options: CalibrateOptions): Promise<Calibration> {
  const log = options.log ?? (() => {});
  const outDir = resolve(options.outDir);
  // Checked before the corpus is read, in the words the flags use; samples are the judge's.
  const samples = checkRange('samples', options.samples ?? JUDGE_DEFAULTS.samples, JUDGE_LIMITS.samples, 'calibrate');
  const minAccuracy = checkRange('minimum accuracy', options.minAccuracy ?? CALIBRATE_DEFAULTS.minAccuracy, CALIBRATE_LIMITS.minAccuracy, 'calibrate');
  const frames = checkRange('frames per recording', options.frames ?? CALIBRATE_DEFAULTS.frames, CALIBRATE_LIMITS.frames, 'calibrate');
  const corpus = loadCorpus(options.corpusDir);
  const { pairs, skipped, scored } = pairsThePromptSetScores(corpus, options.promptSet);
  const facts = options.facts ?? JUDGE_DEFAULTS.facts;
  const recordings = await scoreRecordings(corpus, pairs, outDir, { samples, facts, frames }, options, log);
  const results = await scorePairs(pairs, recordings, outDir, options, log);

  const pairwise = options.pairwise ?? false;
  const entries = [...recordings.entries.values()];
  const criteria = criterionResults(results, entries, pairwise);
  const overall = overallResult(results, pairwise);
  const notes = [
    ...skipped.map((p) => `${p.worse.id} (against ${p.better.id}) attacks ${CRITERION_TITLES[p.criterion].toLowerCase()}, which the prompt set does not score: left out`),
    ...calibrationNotes(criteria, minAccuracy, scored),
  ];
  return {
    schemaVersion: 1,
    createdAt: new Date().toISOString(),
    corpus: corpus.dir,
    provider: options.provider.provider,
    model: recordings.model,
    baseURL: sanitizeURL(options.provider.baseURL),
    promptSet: options.promptSet.name,
    samples,
    facts,
    pairwise,
    minAccuracy,
    passed: passedGate(overall, minAccuracy),
    overall,
    criteria,
    entries,
    pairs: results,
    totals: totals(entries, results),
    notes,
  };
}

/** The known pairs attacking a criterion the prompt set scores; none at all is an error saying what to change. */
function pairsThePromptSetScores(corpus: Corpus, promptSet: PromptSet): { pairs: KnownPair[]; skipped: KnownPair[]; scored: ReadonlySet<string> } {
  const scored = new Set(promptSet.prompts.flatMap((p) => p.criteria));
  const skipped = corpus.pairs.filter((p) => !scored.has(p.criterion));
  const pairs = corpus.pairs.filter((p) => scored.has(p.criterion));
  if (pairs.length === 0) {
    throw new TermlensError(`the corpus ${quote(corpus.dir)} has no known pair the prompt set ${quote(promptSet.name)} scores`, {
      code: 'bad-input',
      stage: 'calibrate',
      hint: 'Known pairs are corpus entries with variantOf and attacks; use a prompt set that scores the criteria they attack (default scores all four).',
    });
  }
  return { pairs, skipped, scored };
}

interface ScoredRecordings {
  /** Frames and facts of each recording, by corpus id. */
  prepared: Map<string, PreparedEntry>;
  entries: Map<string, CalibratedEntry>;
  /** The model that answered (the server's first when none was named). */
  model: string;
}

/** Every recording of the pairs, scored by the model as a run would be. */
async function scoreRecordings(
  corpus: Corpus,
  pairs: KnownPair[],
  outDir: string,
  settings: { samples: number; facts: 'none' | 'measures'; frames: number },
  options: CalibrateOptions,
  log: (line: string) => void,
): Promise<ScoredRecordings> {
  // Each recording a pair names, once, in the order the pairs name them.
  const toScore = [...new Map(pairs.flatMap((p) => [[p.better.id, p.better] as const, [p.worse.id, p.worse] as const])).values()];
  const byId = new Map(corpus.entries.map((e) => [e.id, e]));
  const scored: ScoredRecordings = { prepared: new Map(), entries: new Map(), model: options.provider.model ?? '' };
  for (const [n, entry] of toScore.entries()) {
    checkInterrupted(options.signal, outDir);
    const id = entry.id;
    const ready = await prepareEntry(entry, outDir, settings.frames, settings.facts === 'measures');
    scored.prepared.set(id, ready);
    log(`[${n + 1}/${toScore.length}] ${id}: ${ready.frames.length} frames, ${settings.samples} sample(s)`);
    const judgments = await judgeRecording(ready, originalOf(entry, byId), join(outDir, 'entries', id, 'judgments.json'), settings.samples, options);
    scored.model = judgments.model;
    const scores: CalibratedEntry['scores'] = {};
    for (const [key, c] of Object.entries(judgments.criteria)) scores[key as keyof typeof scores] = { median: c.median, min: c.min, max: c.max, n: c.n };
    scored.entries.set(id, { id, program: entry.program, frames: ready.frames.length, framesDir: relative(outDir, ready.dir), scores, requests: judgments.totals.requests, tokens: judgments.tokens, costUsd: judgments.costUsd });
  }
  return scored;
}

function judgeRecording(ready: PreparedEntry, original: CorpusEntry, outFile: string, samples: number, options: CalibrateOptions): ReturnType<typeof judgeRun> {
  return judgeRun({
    frames: ready.frames,
    baseDir: ready.dir,
    promptSet: options.promptSet,
    provider: options.provider,
    samples,
    ...(options.images ? { images: options.images } : {}),
    ...(options.detail ? { detail: options.detail } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.cache !== undefined ? { cache: options.cache } : {}),
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    // Both sides of a pair are named as the original: a variant's own command line would tell the model what was made worse.
    context: { targetName: programName(original.program), command: original.program, measuredFacts: ready.facts },
    outFile,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** Each pair judged by its two recordings' scores, and with `pairwise` side by side in both orders. */
async function scorePairs(pairs: KnownPair[], recordings: ScoredRecordings, outDir: string, options: CalibrateOptions, log: (line: string) => void): Promise<CalibratedPair[]> {
  const results: CalibratedPair[] = [];
  for (const [n, pair] of pairs.entries()) {
    checkInterrupted(options.signal, outDir);
    let pairwise: PairwiseAnswer | undefined;
    if (options.pairwise) {
      log(`[pair ${n + 1}/${pairs.length}] ${pair.better.id} vs ${pair.worse.id} on ${pair.criterion}, both orders`);
      pairwise = await askPairwise(pair, recordings.prepared, outDir, options).catch((error: unknown) => {
        // An aborted request fails as a judge error; say interrupted, as the user asked.
        checkInterrupted(options.signal, outDir);
        throw error;
      });
    }
    results.push(scorePair(pair, recordings.entries, pairwise));
  }
  return results;
}

async function askPairwise(pair: KnownPair, prepared: Map<string, PreparedEntry>, outDir: string, options: CalibrateOptions): Promise<PairwiseAnswer> {
  const better = preparedEntry(prepared, pair.better.id);
  const worse = preparedEntry(prepared, pair.worse.id);
  const count = Math.min(better.frames.length, worse.frames.length);
  // Frames are spread evenly over each recording, so the i-th of each shows the same stage of the program.
  const moments = Array.from({ length: count }, (_, i) => ({
    label: `frame ${i + 1}`,
    baselineFile: join(better.dir, better.frames[i]!.file),
    currentFile: join(worse.dir, worse.frames[i]!.file),
  }));
  const judged = await judgePair({
    provider: options.provider,
    pairs: moments,
    outDir: join(outDir, 'pairs', `${pair.worse.id}-vs-${pair.better.id}`),
    maxPairs: count,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const verdict = judged.criteria[pair.criterion];
  const costs = judged.orders.map((o) => o.costUsd);
  return {
    first: verdict.first,
    second: verdict.second,
    tokens: judged.orders.reduce((t, o) => t + (o.usage?.totalTokens ?? 0), 0),
    costUsd: sumOrNull(costs),
  };
}

/** The frames of one recording of a pair; every recording a pair names is prepared before its pairs are judged. */
function preparedEntry(prepared: Map<string, PreparedEntry>, id: string): PreparedEntry {
  const entry = prepared.get(id);
  if (!entry) {
    throw new TermlensError(`the corpus recording "${id}" has no frames prepared, so its pair cannot be shown to the model`, { code: 'execution', stage: 'calibrate', hint: 'This is a bug in termlens; please report it with the corpus you used.' });
  }
  return entry;
}

/** The sum, or null when any cost is unknown (a model without a price): a partial total would understate it. */
function sumOrNull(costs: Array<number | null>): number | null {
  let sum = 0;
  for (const c of costs) {
    if (c === null) return null;
    sum += c;
  }
  return sum;
}

function totals(entries: CalibratedEntry[], pairs: CalibratedPair[]): Calibration['totals'] {
  const costs = [...entries.map((e) => e.costUsd), ...pairs.flatMap((p) => (p.pairwise ? [p.pairwise.costUsd] : []))];
  const totalTokens = entries.reduce((t, e) => t + e.tokens, 0) + pairs.reduce((t, p) => t + (p.pairwise?.tokens ?? 0), 0);
  return {
    requests: entries.reduce((t, e) => t + e.requests, 0) + pairs.filter((p) => p.pairwise).length * 2,
    totalTokens,
    costUsd: roundedCost(sumOrNull(costs)),
  };
}

const roundedCost = (usd: number | null) => (usd === null ? null : Math.round(usd * 1e6) / 1e6);

function checkInterrupted(signal: AbortSignal | undefined, outDir: string): void {
  if (!signal?.aborted) return;
  throw new TermlensError('calibration was interrupted', {
    code: 'interrupted',
    stage: 'calibrate',
    hint: `The answers that arrived are kept in ${quote(join(outDir, 'entries'))}; run it again to finish (answers are cached).`,
  });
}

/** The recording a variant was made from (following variantOf to the end). */
function originalOf(entry: CorpusEntry, byId: Map<string, CorpusEntry>): CorpusEntry {
  let e = entry;
  const seen = new Set<string>();
  while (e.variantOf && !seen.has(e.id)) {
    const original = byId.get(e.variantOf);
    if (!original) break;
    seen.add(e.id);
    e = original;
  }
  return e;
}

/** "htop -d 10" → "htop"; "/usr/bin/watch -n1 date" → "watch". */
function programName(commandLine: string): string {
  const first = commandLine.trim().split(/\s+/)[0] ?? commandLine;
  return first.split('/').pop() || first;
}
