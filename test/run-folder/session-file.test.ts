/**
 * session.json goes through its typed artifact like the other run-folder
 * files: the recorder writes it atomically and checked, the judge and
 * `termlens report` read it checked, and a session.json of a newer major
 * schemaVersion is refused by both, naming the file.
 */
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { inspectCast, writeInspectResult } from '../../src/inspect/index.js';
import { readJudgeInputs } from '../../src/judge/index.js';
import { recordSession } from '../../src/record/index.js';
import { framesFile, sessionFile } from '../../src/run-folder/index.js';
import { runCli } from '../helpers/cli.js';
import { startFakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { tempDir } from '../helpers/paths.js';
import { makeFrames } from '../judge/setup.js';

/** A run folder as the record stage leaves it: a real recording of `echo`, its session.json, frames.json and metrics.json. */
async function recordedFolder(): Promise<string> {
  const dir = await tempDir();
  await recordSession({ command: 'echo', args: ['demo-target', '--seed', '1'], output: join(dir, 'session.cast'), sessionPath: join(dir, sessionFile.file) });
  await framesFile.write(join(dir, framesFile.file), { schemaVersion: 1, frames: await makeFrames(dir, 2) });
  await writeInspectResult(await inspectCast(join(dir, 'session.cast')), join(dir, 'metrics.json'));
  return dir;
}

/** The folder's session.json as a newer termlens would write it: schemaVersion 2, everything else the same. */
async function fromNewerTermlens(dir: string): Promise<string> {
  const file = join(dir, sessionFile.file);
  const session = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...session, schemaVersion: 2 }));
  return file;
}

test('the recorder writes session.json through its artifact: it reads back checked, and no temporary file is left', async () => {
  const dir = await recordedFolder();
  const session = await sessionFile.read(join(dir, sessionFile.file), { stage: 'judge' });
  assert.equal(session.schemaVersion, 1);
  assert.equal(session.outcome, 'exited');
  assert.equal(session.exitCode, 0);
  assert.equal(session.commandLine, 'echo demo-target --seed 1');
  assert.deepEqual((await readdir(dir)).filter((f) => f.endsWith('.tmp')), []);
  const inputs = await readJudgeInputs(dir);
  assert.equal(inputs.command, 'echo demo-target --seed 1', "the judge's prompt gets the command line the recorder ran");
});

test('a malformed session.json is named with what is wrong and the stage that writes it', async () => {
  const dir = await recordedFolder();
  const file = join(dir, sessionFile.file);
  const session = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...session, outcome: 'finished' }));
  await assert.rejects(readJudgeInputs(dir), (e: Error) => {
    assert.ok(e.message.includes(file), e.message);
    assert.match(e.message, /is not a valid session\.json: outcome: .*it is written by the record stage/);
    return true;
  });
});

test('termlens report refuses a session.json written by a newer termlens, naming the file, and writes no scorecard', async () => {
  const dir = await recordedFolder();
  const file = await fromNewerTermlens(dir);
  const r = await runCli(['report', dir]);
  assert.equal(r.code, 1, r.stderr);
  assert.ok(r.stderr.includes(file), r.stderr);
  assert.match(r.stderr, /has schemaVersion 2, newer than this termlens reads \(1\)/);
  assert.match(r.stderr, /Upgrade termlens/);
  assert.ok(!(await readdir(dir)).includes('scorecard.json'));
});

test('termlens judge refuses a session.json written by a newer termlens, naming the file, before asking the model', async () => {
  const dir = await recordedFolder();
  const file = await fromNewerTermlens(dir);
  const server = await startFakeOpenAIServer();
  try {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', OPENAI_BASE_URL: server.baseURL, TERMLENS_JUDGE_MODEL: 'fake-vision-1' };
    const r = await runCli(['judge', dir, '--samples', '1', '--no-cache'], { env });
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.stderr.includes(file), r.stderr);
    assert.match(r.stderr, /has schemaVersion 2, newer than this termlens reads \(1\)/);
    assert.equal(server.chatRequests().length, 0, 'no request was sent');
    assert.ok(!(await readdir(dir)).includes('judgments.json'));
  } finally {
    await server.close();
  }
});
