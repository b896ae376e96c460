import type { Command } from 'commander';

/** Every verb's register function; add a verb by adding its module here. */
export const commands: Array<(program: Command) => void> = [];
