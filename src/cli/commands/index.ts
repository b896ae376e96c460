import type { Command } from 'commander';
import { register as calibrate } from './calibrate.js';
import { register as compare } from './compare.js';
import { register as frames } from './frames.js';
import { register as inspect } from './inspect.js';
import { register as judge } from './judge.js';
import { register as merge } from './merge.js';
import { register as pretest } from './pretest.js';
import { register as record } from './record.js';
import { register as render } from './render.js';
import { register as report } from './report.js';
import { register as run } from './run.js';
import { register as screen } from './screen.js';
import { register as tape } from './tape.js';

/** Every verb's register function; add a verb by adding its module here. */
export const commands: Array<(program: Command) => void> = [calibrate, compare, frames, inspect, judge, merge, pretest, record, render, report, run, screen, tape];
