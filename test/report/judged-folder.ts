/** A judged report folder for the agreement tests: the measures see dim text, the model says what the test scripts. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { row, syntheticReport } from '../compare/synthetic.js';
import { runCli } from '../helpers/cli.js';
import { startFakeOpenAIServer } from '../helpers/fake-openai-server.js';
import { tempDir } from '../helpers/paths.js';

const DIM = (text: string) => `\x1b[38;2;60;60;60m${text}\x1b[0m`;

/** A report folder of dim grey text (real cast, video, frames and metrics), judged over HTTP by a model giving `scores`. */
export async function judgedDimFolder(scores: Record<string, number>): Promise<string> {
  const dir = join(await tempDir(), 'report');
  await syntheticReport(dir, [
    { marker: 'start', output: row(1, DIM('status: waiting for the build')) },
    { marker: 'middle', output: row(2, DIM('compiling 12 of 40 files')) },
    { marker: 'end', output: row(3, DIM('done in 4.2 s')) },
  ]);
  const server = await startFakeOpenAIServer({ responder: () => ({ type: 'answer', scores }) });
  try {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', OPENAI_BASE_URL: server.baseURL, TERMLENS_JUDGE_MODEL: 'fake-vision-1' };
    const judged = await runCli(['judge', dir, '--samples', '1', '--no-cache'], { env });
    assert.equal(judged.code, 0, judged.stderr);
  } finally {
    await server.close();
  }
  return dir;
}

