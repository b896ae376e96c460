/** A six-scenario suite on the demo (3 sizes × clean/low-contrast), fast: speed 10, small renders, 4 frames, no pre-test. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SuiteResult } from '../../src/suite/model.js';
import { ROOT, tempDir } from '../helpers/paths.js';
import { readFileSync } from 'node:fs';

export const SIZES = ['80x24', '120x36', '200x50'] as const;

export async function demoSuite(): Promise<{ dir: string; config: string }> {
  const dir = await tempDir('termlens-suite-');
  const config = join(dir, 'display.yaml');
  writeFileSync(
    config,
    `name: display
command: "node --import tsx examples/demo-target/main.ts --seed 7 --speed 10 {{flags}}"
vars: { flags: "" }
record: { cwd: ${JSON.stringify(ROOT)}, timeout: 60s }
render: { theme: Dracula, width: 960, height: 540, padding: 20 }
frames: { count: 4 }
judge: { provider: none }
matrix:
  size: [${SIZES.join(', ')}]
  vars.flags: ["", "--defect low-contrast"]
`,
  );
  return { dir, config };
}

export function readSuiteJson(suiteDir: string): SuiteResult {
  return JSON.parse(readFileSync(join(suiteDir, 'suite.json'), 'utf8')) as SuiteResult;
}

/** The lines of --automation output with this key. */
export function valuesOf(stdout: string, key: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith(`${key}: `))
    .map((l) => l.slice(key.length + 2));
}
