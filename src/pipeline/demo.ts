/** The bundled demo: examples/demo.yaml, whose target is the demo program in examples/demo-target. */
import { join } from 'node:path';
import { loadConfig, type TermlensConfig } from '../config/index.js';
import { PROJECT_ROOT } from '../version.js';

export const DEMO_CONFIG = join(PROJECT_ROOT, 'examples', 'demo.yaml');

export interface DemoOptions {
  /** Template variables: question, seed, speed, flags (extra demo-target switches). */
  vars?: Record<string, string>;
  /** The demo target's --defect switches, added to vars.flags. */
  defects?: string[];
  /** The demo target's --fault switches, added to vars.flags. */
  faults?: string[];
  /** Where relative outputs go. @default process.cwd() */
  cwd?: string;
}

export function demoConfig(options: DemoOptions = {}): TermlensConfig {
  const switches = [...(options.defects ?? []).map((d) => `--defect ${d}`), ...(options.faults ?? []).map((f) => `--fault ${f}`)];
  const flags = [options.vars?.flags ?? '', ...switches].filter(Boolean).join(' ');
  return loadConfig(DEMO_CONFIG, { vars: { ...options.vars, flags }, ...(options.cwd ? { cwd: options.cwd } : {}) });
}
