/**
 * One artifact of a run folder: its file name, the stage that writes it, the
 * schema its readers rely on and the newest schemaVersion this termlens
 * knows. Every reader gets the same checks and the same error wording: the
 * file, what is wrong with it, and what wrote it (so the user knows what to
 * rerun).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { TermlensError, quote, type Stage } from '../errors/index.js';
import { writeFileAtomic, writeFileAtomicSync, type AtomicWriteOptions } from './atomic-write.js';

export interface ArtifactSpec<S extends z.ZodType> {
  /** The file's name in its folder, e.g. frames.json. */
  file: string;
  /** The stage that writes it, for the errors of a writer. */
  stage: Stage;
  /** Who writes it, as a user would rerun it: "the frames stage (termlens frames, or termlens run --from frames)". */
  writtenBy: string;
  /** The newest schemaVersion this termlens writes and reads. A file of a newer major version is refused. */
  schemaVersion: number;
  /** What readers rely on; fields it does not name are kept as they are. */
  schema: S;
  /** JSON indentation. @default 2 */
  indent?: number;
}

export interface ReadOptions {
  /** The stage reading, named in the error. */
  stage: Stage;
}

export interface WriteOptions extends Partial<AtomicWriteOptions> {
  /** A last pass over the text before it is written, e.g. masking secrets. */
  transform?: (text: string) => string;
}

export interface Artifact<S extends z.ZodType> extends ArtifactSpec<S> {
  /** Check a value read from `path` (already parsed JSON). */
  check(value: unknown, path: string, options: ReadOptions): z.output<S>;
  /** Read and check the file; a missing file is a `not-found` error. */
  read(path: string, options: ReadOptions): Promise<z.output<S>>;
  /** Like read, but undefined when the file does not exist. */
  readIfPresent(path: string, options: ReadOptions): Promise<z.output<S> | undefined>;
  readSync(path: string, options: ReadOptions): z.output<S>;
  /** Write atomically; the value is checked against the schema first, so a stage cannot write a file its readers would refuse. */
  write(path: string, value: z.input<S>, options?: WriteOptions): Promise<void>;
  writeSync(path: string, value: z.input<S>, options?: WriteOptions): void;
}

/** "frames.0.time" for zod's path ["frames", 0, "time"]. */
function pathText(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(the whole file)';
}

export function defineArtifact<S extends z.ZodType>(spec: ArtifactSpec<S>): Artifact<S> {
  const problem = (path: string, what: string, options: ReadOptions, code: 'bad-input' | 'not-found' = 'bad-input', cause?: unknown) =>
    new TermlensError(`${quote(path)} ${what}; it is written by ${spec.writtenBy}`, {
      code,
      stage: options.stage,
      hint: code === 'not-found' ? `Run ${spec.writtenBy} first to write ${spec.file}.` : `Run ${spec.writtenBy} again to write ${spec.file} anew.`,
      ...(cause === undefined ? {} : { cause }),
    });

  const check = (value: unknown, path: string, options: ReadOptions): z.output<S> => {
    const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version !== 'number' || !Number.isFinite(version)) {
      throw problem(path, `is not a termlens ${spec.file}: it has no schemaVersion`, options);
    }
    if (Math.trunc(version) > spec.schemaVersion) {
      throw new TermlensError(
        `${quote(path)} has schemaVersion ${version}, newer than this termlens reads (${spec.schemaVersion}): a newer termlens wrote it`,
        { code: 'bad-input', stage: options.stage, hint: `Upgrade termlens to read it, or run ${spec.writtenBy} again with this version.` },
      );
    }
    const parsed = spec.schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw problem(path, `is not a valid ${spec.file}: ${pathText(issue.path)}: ${issue.message}`, options);
    }
    // The value whole: the schema checks what readers rely on, and fields it does not name (which zod drops) are kept.
    return value as z.output<S>;
  };

  const parseText = (text: string, path: string, options: ReadOptions): z.output<S> => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw problem(path, `is not valid JSON (${(cause as Error).message})`, options, 'bad-input', cause);
    }
    return check(value, path, options);
  };

  const readFailure = (path: string, options: ReadOptions, cause: unknown) =>
    (cause as NodeJS.ErrnoException).code === 'ENOENT'
      ? problem(path, 'does not exist', options, 'not-found', cause)
      : problem(path, `cannot be read (${(cause as Error).message})`, options, 'bad-input', cause);

  const textOf = (value: z.input<S>, options: WriteOptions): string => {
    const parsed = spec.schema.safeParse(value);
    if (!parsed.success) {
      // A stage wrote something its own readers would refuse: a bug in termlens, not in the user's input.
      const issue = parsed.error.issues[0]!;
      throw new TermlensError(`termlens was about to write an invalid ${spec.file}: ${pathText(issue.path)}: ${issue.message}`, {
        code: 'execution',
        stage: options.stage ?? spec.stage,
        hint: 'This is a bug in termlens; please report it with the command you ran.',
      });
    }
    const text = JSON.stringify(value, null, spec.indent ?? 2) + '\n';
    return options.transform ? options.transform(text) : text;
  };

  const writeOptions = (options: WriteOptions): AtomicWriteOptions => ({ stage: options.stage ?? spec.stage, ...(options.hint ? { hint: options.hint } : {}), ...(options.createFolder ? { createFolder: true } : {}) });

  return {
    ...spec,
    check,
    async read(path, options) {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (cause) {
        throw readFailure(path, options, cause);
      }
      return parseText(text, path, options);
    },
    async readIfPresent(path, options) {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw readFailure(path, options, cause);
      }
      return parseText(text, path, options);
    },
    readSync(path, options) {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (cause) {
        throw readFailure(path, options, cause);
      }
      return parseText(text, path, options);
    },
    async write(path, value, options = {}) {
      await writeFileAtomic(path, textOf(value, options), writeOptions(options));
    },
    writeSync(path, value, options = {}) {
      writeFileAtomicSync(path, textOf(value, options), writeOptions(options));
    },
  };
}
