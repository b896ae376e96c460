/**
 * What makes `--from` cheap and safe: each stage's fingerprint is a hash of
 * what it read (its config section, the files it consumed, the termlens
 * version). A stage whose fingerprint matches the one stored with its outputs,
 * and whose outputs are all still there, is not redone — as make does with
 * timestamps, but by content, so a touched file does not count as a change.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { runFile } from '../run-folder/index.js';
import { checkTape } from '../tape/index.js';
import { VERSION } from '../version.js';
import type { StageName } from './types.js';

export interface StageStamp {
  fingerprint: string;
  /** Absolute paths the stage wrote. */
  outputs: string[];
  finishedAt: string;
}

export interface RunManifest {
  schemaVersion: 1;
  runId: string;
  stages: Partial<Record<StageName, StageStamp>>;
}

/** SHA-256 of a file's bytes, streamed (casts can be large); null when it does not exist. */
export async function fileDigest(path: string): Promise<string | null> {
  if (!existsSync(path)) return null;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The fingerprint of a stage: its settings and the digests of the files it reads. */
export async function stageFingerprint(stage: StageName, settings: unknown, inputFiles: string[]): Promise<string> {
  const digests: Array<[string, string | null]> = [];
  for (const f of inputFiles) digests.push([f, await fileDigest(f)]);
  return createHash('sha256').update(JSON.stringify({ stage, version: VERSION, settings, digests })).digest('hex');
}

/** The theme's file when the theme is a file (a name of a built-in theme reads none), for a stage's input files. */
export function themeFiles(theme: string): string[] {
  return isAbsolute(theme) && existsSync(theme) ? [theme] : [];
}

/**
 * A tape's file and every file it pulls in with `Source`, for a stage's input files: a setting
 * changed in a sourced tape changes the video as surely as one in the tape itself.
 */
export function tapeFiles(tape: string | null): string[] {
  if (!tape) return [];
  try {
    return checkTape(readFileSync(tape, 'utf8'), { file: tape }).files;
  } catch {
    // An unreadable tape fails the record stage with its own message; its path still counts here.
    return [resolve(tape)];
  }
}

export class ManifestStore {
  readonly manifest: RunManifest;

  constructor(
    private readonly path: string,
    runId: string,
  ) {
    this.manifest = ManifestStore.read(path) ?? { schemaVersion: 1, runId, stages: {} };
  }

  private static read(path: string): RunManifest | undefined {
    try {
      return runFile.readSync(path, { stage: 'pipeline' }) as RunManifest;
    } catch {
      // No run.json, or one this termlens cannot use: every stage is redone, which is always safe.
      return undefined;
    }
  }

  /** True when the stage ran before with these inputs and everything it wrote is still there. */
  isCurrent(stage: StageName, fingerprint: string): boolean {
    const s = this.manifest.stages[stage];
    return !!s && s.fingerprint === fingerprint && s.outputs.every((o) => existsSync(o));
  }

  outputsOf(stage: StageName): string[] {
    return this.manifest.stages[stage]?.outputs ?? [];
  }

  record(stage: StageName, fingerprint: string, outputs: string[]): void {
    this.manifest.stages[stage] = { fingerprint, outputs, finishedAt: new Date().toISOString() };
    this.save();
  }

  /** A stage that is redone invalidates its old stamp first, so a crash midway is never mistaken for a finished stage. */
  forget(stage: StageName): void {
    delete this.manifest.stages[stage];
    this.save();
  }

  private save(): void {
    runFile.writeSync(this.path, this.manifest);
  }
}
