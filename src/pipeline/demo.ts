/** The bundled demo: examples/demo.yaml, whose target is the demo program in examples/demo-target. */
import { join } from 'node:path';
import { loadConfig, type TermlensConfig } from '../config/index.js';
import { FROM_SOURCES, PROJECT_ROOT } from '../version.js';

export const DEMO_CONFIG = join(PROJECT_ROOT, 'examples', 'demo.yaml');

/**
 * `termlens demo --speed/--seed`. The demo program itself takes speeds up to
 * 1000, but above 50 its ~25 s run lasts under half a second: too short to
 * show a frame of each state.
 */
export const DEMO_LIMITS = {
  speed: { min: 0.05, max: 50 },
  seed: { min: 0, max: 2 ** 31, whole: true },
} as const;

/** How node runs the demo program when termlens runs from its sources: the sources too, so an edit shows without a build. */
const DEMO_PROGRAM_FROM_SOURCES = '--import tsx examples/demo-target/main.ts';

export interface DemoOptions {
  /** Template variables: question, seed, speed, flags (extra demo-target switches), program (how node runs the demo). */
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
  const program: Record<string, string> = FROM_SOURCES ? { program: DEMO_PROGRAM_FROM_SOURCES } : {};
  return loadConfig(DEMO_CONFIG, { vars: { ...program, ...options.vars, flags }, ...(options.cwd ? { cwd: options.cwd } : {}) });
}
