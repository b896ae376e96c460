/**
 * Every verb: its name, the one line `termlens --help` lists it with, and how
 * to load its module. A verb's module (src/cli/commands/<verb>.ts) exports
 * `register(program)`, which adds the command with its full description,
 * options and action. Only the module of the verb being run is loaded, so
 * `termlens --version`, `--help` and each verb start without compiling or
 * loading what other verbs use (sharp, openai, xterm, ffmpeg, the renderer).
 *
 * Add a verb by adding one entry here.
 */
import type { Command } from 'commander';

export interface Verb {
  name: string;
  summary: string;
  load: () => Promise<{ register: (program: Command) => void }>;
}

export const VERBS: Verb[] = [
  { name: 'run', summary: 'take a target through every stage, from a config file', load: () => import('./run.js') },
  { name: 'demo', summary: 'run every stage on the bundled demo target (no API key needed)', load: () => import('./run.js') },
  { name: 'pretest', summary: "run a config's pre-test headless and say whether it passed", load: () => import('./pretest.js') },
  { name: 'record', summary: 'record a terminal program through a PTY into an asciicast', load: () => import('./record.js') },
  { name: 'render', summary: 'render a cast to video and/or PNG frames', load: () => import('./render.js') },
  { name: 'frames', summary: 'pick frames from a video for review and for the vision model', load: () => import('./frames.js') },
  { name: 'inspect', summary: 'measure a recorded display offline and score it per criterion', load: () => import('./inspect.js') },
  { name: 'judge', summary: "have a vision model score a run's frames", load: () => import('./judge.js') },
  { name: 'report', summary: "write a run's scorecard again from its report folder", load: () => import('./report.js') },
  { name: 'compare', summary: 'compare two runs (or two suites) and find regressions', load: () => import('./compare.js') },
  { name: 'merge', summary: "bring a suite's shard folders together into one suite report", load: () => import('./merge.js') },
  { name: 'calibrate', summary: 'check a vision model on known pairs before trusting its scores', load: () => import('./calibrate.js') },
  { name: 'screen', summary: 'print the terminal screen a cast shows at a moment', load: () => import('./screen.js') },
  { name: 'tape', summary: 'run a VHS tape with the PTY recorder and the native renderer', load: () => import('./tape.js') },
];

/** The verb a command line asks for: the first word that is not an option (`help VERB` asks for VERB's help). */
export function requestedVerb(args: string[]): Verb | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return VERBS.find((v) => v.name === name);
}

/**
 * Registers the requested verb's module, and every other verb by name and
 * summary only, so help lists them all and a misspelt verb gets a suggestion.
 */
export async function registerVerbs(program: Command, args: string[]): Promise<void> {
  const wanted = requestedVerb(args);
  if (wanted) (await wanted.load()).register(program);
  for (const verb of VERBS) {
    const command = program.commands.find((c) => c.name() === verb.name) ?? program.command(verb.name);
    command.summary(verb.summary);
  }
}
