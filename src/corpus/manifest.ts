/**
 * The corpus manifest: real programs recorded as casts, each with the scores a
 * careful reviewer gave it after looking at its frames, and "degraded" variants
 * that make one criterion worse on purpose. The offline measures are tested
 * against it, and `termlens calibrate` uses its known pairs to check a model.
 *
 * Layout of a corpus folder (test/corpus/ in this repository):
 *   corpus.yaml          the manifest (this module reads it)
 *   casts/<id>.cast      one recording per entry
 *   frames/<id>.png      a frame a reader can open to see what the reviewer saw
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { CRITERIA, type CriterionKey } from '../criteria.js';
import { TermlensError, quote } from '../errors/index.js';

const range = z
  .tuple([z.number().min(0).max(10), z.number().min(0).max(10)])
  .refine(([lo, hi]) => lo <= hi, 'a range is [low, high] with low ≤ high');

const criterion = z.enum(CRITERIA);

const entrySchema = z
  .object({
    /** Unique, kebab-case; the cast is casts/<id>.cast and the frame frames/<id>.png. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are kebab-case: a-z, 0-9 and -'),
    /** The command line as recorded, for people. */
    program: z.string().min(1),
    /** dashboard | progress | editor | pager | file-manager | menu | stream | redraw | silent-wait | demo … */
    kind: z.string().min(1),
    /** The Debian package(s) the program comes from, for the re-recording script and .ci/run. */
    packages: z.array(z.string()).default([]),
    /** The reviewer's expected offline score range per criterion. */
    expect: z.partialRecord(criterion, range),
    /** One line per criterion: why the reviewer chose that range. */
    why: z.partialRecord(criterion, z.string()).default({}),
    /** For a degraded variant: the id of the original it is compared with… */
    variantOf: z.string().optional(),
    /** …and the criterion it makes worse (the others should stay within about a point)… */
    attacks: criterion.optional(),
    /** …except these, which the reviewer expects to drop with it (a program that shows nothing is unclear and silent too). */
    alsoLowers: z.array(criterion).default([]),
  })
  .strict()
  .refine((e) => (e.variantOf === undefined) === (e.attacks === undefined), 'variantOf and attacks go together');

const manifestSchema = z.object({ recordings: z.array(entrySchema).min(1) }).strict();

export interface CorpusEntry {
  id: string;
  program: string;
  kind: string;
  packages: string[];
  expect: Partial<Record<CriterionKey, [number, number]>>;
  why: Partial<Record<CriterionKey, string>>;
  variantOf?: string;
  attacks?: CriterionKey;
  /** Criteria besides `attacks` that the variant is expected to lower too (empty for most). */
  alsoLowers?: CriterionKey[];
  /** Absolute path of the cast. */
  cast: string;
  /** Absolute path of the frame a reader can open. */
  frame: string;
}

/** A known pair: `worse` is `better` made worse on `criterion`. */
export interface KnownPair {
  better: CorpusEntry;
  worse: CorpusEntry;
  criterion: CriterionKey;
}

export interface Corpus {
  dir: string;
  entries: CorpusEntry[];
  pairs: KnownPair[];
}

/** Read and validate `<dir>/corpus.yaml`; every variantOf must name an entry. */
export function loadCorpus(dir: string): Corpus {
  const root = resolve(dir);
  const file = join(root, 'corpus.yaml');
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new TermlensError(`cannot read the corpus manifest ${quote(file)}: ${(cause as Error).message}`, {
      code: 'config',
      stage: 'config',
      hint: 'A corpus folder holds corpus.yaml, casts/<id>.cast and frames/<id>.png (see src/corpus/manifest.ts).',
      cause,
    });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new TermlensError(`${file}: ${first.path.join('.')}: ${first.message}`, {
      code: 'config',
      stage: 'config',
      hint: 'Each recording needs id, program, kind and expect; a variant adds variantOf and attacks.',
    });
  }
  const entries: CorpusEntry[] = parsed.data.recordings.map((e) => ({
    ...e,
    cast: join(root, 'casts', `${e.id}.cast`),
    frame: join(root, 'frames', `${e.id}.png`),
  }));
  const byId = new Map<string, CorpusEntry>();
  for (const e of entries) {
    if (byId.has(e.id)) throw new TermlensError(`${file}: the id ${quote(e.id)} is used twice`, { code: 'config', stage: 'config', hint: 'Give each recording its own id.' });
    byId.set(e.id, e);
  }
  const pairs: KnownPair[] = [];
  for (const e of entries) {
    if (e.variantOf === undefined || e.attacks === undefined) continue;
    const better = byId.get(e.variantOf);
    if (!better) {
      throw new TermlensError(`${file}: ${quote(e.id)} is a variant of ${quote(e.variantOf)}, which is not in the corpus`, {
        code: 'config',
        stage: 'config',
        hint: 'variantOf names the id of the original recording.',
      });
    }
    pairs.push({ better, worse: e, criterion: e.attacks });
  }
  return { dir: root, entries, pairs };
}
