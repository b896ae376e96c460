/** pretest.json, written whole or not at all (run-folder's atomic write). */
import { pretestFile } from '../run-folder/index.js';
import type { PretestResult } from './types.js';

export async function writePretest(path: string, result: PretestResult): Promise<void> {
  await pretestFile.write(path, result, { createFolder: true, hint: 'Check that the folder is writable, or pass another -o.' });
}
