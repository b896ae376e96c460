/**
 * session.json: what the recorder ran and how the recording ended, beside
 * the cast (record/session-file.ts documents every field). The judge takes
 * the command line for its prompt from it, and `termlens report` the run's
 * facts on a folder without a scorecard; the schema checks what they and
 * users' scripts rely on. It is written even when the cast filled the disk
 * (outcome `write-failed`), from the room the recorder keeps in reserve.
 * The recorder writes it through the same atomic write as every artifact,
 * but checked by the compiler rather than by this schema (session-version.ts
 * says why).
 */
import { z } from 'zod';
import { defineArtifact } from './artifact.js';
import { num, version } from './schema-parts.js';
import { SESSION_FILE_NAME, SESSION_SCHEMA_VERSION } from './session-version.js';

export const sessionFile = defineArtifact({
  file: SESSION_FILE_NAME,
  stage: 'record',
  writtenBy: 'the record stage (termlens record, or termlens run)',
  schemaVersion: SESSION_SCHEMA_VERSION,
  schema: z.object({
    schemaVersion: version,
    termlensVersion: z.string(),
    cast: z.string(),
    command: z.string(),
    args: z.array(z.string()),
    commandLine: z.string(),
    cols: num,
    rows: num,
    startedAt: z.string(),
    durationSeconds: num,
    outcome: z.enum(['exited', 'steps-done', 'timed-out', 'interrupted', 'step-failed', 'write-failed']),
    exitCode: num.nullable(),
    signal: z.string().nullable(),
    steps: z.array(z.object({ index: num, kind: z.string(), description: z.string(), status: z.string() })),
    leftRunning: z.array(z.object({ pid: num, command: z.string() })).optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
});

export type SessionArtifact = z.output<typeof sessionFile.schema>;
/** What a writer must give: the recorder's SessionFile is checked against it at compile time. */
export type SessionArtifactInput = z.input<typeof sessionFile.schema>;
