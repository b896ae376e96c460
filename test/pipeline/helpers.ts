/** Shared set-up of the pipeline tests: the demo at high speed, into a temporary folder, with no judge keys. */
import { join } from 'node:path';
import type { TermlensConfig } from '../../src/config/index.js';
import { demoConfig, type DemoOptions } from '../../src/pipeline/index.js';
import { tempDir } from '../helpers/paths.js';

export async function tempRoots(): Promise<{ recordings: string; reports: string; dir: string }> {
  const dir = await tempDir('termlens-pipeline-');
  return { dir, recordings: join(dir, 'recordings'), reports: join(dir, 'reports') };
}

/** The environment without any judge configuration, so runs are offline unless a test points them somewhere. */
export function offlineEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (/^(OPENAI|GEMINI|OPENROUTER|ANTHROPIC|TERMLENS_JUDGE)_/.test(k)) delete env[k];
  return { ...env, ...extra };
}

/** The demo config at speed 10 (about 3 s), small frames and renders, so a whole run takes seconds. */
export function fastDemo(options: DemoOptions = {}): TermlensConfig {
  const c = demoConfig({ ...options, vars: { speed: '10', ...options.vars } });
  return {
    ...c,
    render: { ...c.render, width: 960, height: 540, padding: 20 },
    frames: { ...c.frames, count: 6 },
    judge: { ...c.judge, samples: 1, cache: false },
  };
}
