/**
 * Template variables in commands: `{{question}}` takes a value from `vars`,
 * `{{env.NAME}}` from the environment, and `{{question | shell}}` inserts
 * the value quoted for /bin/sh, so a question with an apostrophe cannot
 * break the command line. Values are otherwise inserted as they are.
 */
import { TermlensError, quote, suggestName } from '../errors/index.js';
import type { TermlensConfig } from './types.js';

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const INNER = /^\s*(env\.)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|\s*([A-Za-z]+)\s*)?$/;
const FILTERS = ['shell'] as const;

export interface Placeholder {
  /** The whole `{{…}}` text. */
  text: string;
  kind: 'var' | 'env';
  name: string;
  filter?: (typeof FILTERS)[number];
}

/** Quote for /bin/sh: single quotes, with each ' written as '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The placeholders of a template and the problems of the malformed ones. */
export function scanTemplate(template: string): { placeholders: Placeholder[]; problems: string[] } {
  const placeholders: Placeholder[] = [];
  const problems: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    const inner = INNER.exec(m[1] ?? '');
    const name = inner?.[2];
    if (!inner || name === undefined) {
      problems.push(`has ${quote(m[0])}, which is not a template variable; write {{name}}, {{name | shell}} or {{env.NAME}}`);
      continue;
    }
    const filter = inner[3];
    if (filter !== undefined && !(FILTERS as readonly string[]).includes(filter)) {
      const guess = suggestName(filter, FILTERS);
      problems.push(`has ${quote(m[0])} with the unknown filter ${quote(filter)}${guess ? ` (did you mean ${quote(guess)}?)` : ''}; the only filter is "shell"`);
      continue;
    }
    placeholders.push({ text: m[0], kind: inner[1] ? 'env' : 'var', name, ...(filter ? { filter: filter as 'shell' } : {}) });
  }
  return { placeholders, problems };
}

/** Problems with a template given the known vars (the environment is only known when it runs). */
export function templateProblems(template: string, vars: Record<string, string>): string[] {
  const { placeholders, problems } = scanTemplate(template);
  const names = Object.keys(vars);
  for (const p of placeholders) {
    if (p.kind === 'var' && !Object.hasOwn(vars, p.name)) problems.push(unknownVar(p.name, names));
  }
  return problems;
}

function unknownVar(name: string, names: string[]): string {
  const guess = suggestName(name, names);
  const known = names.length ? `vars defines ${names.map((n) => quote(n)).join(', ')}` : 'vars is empty';
  return `uses {{${name}}}, which is not defined${guess ? ` (did you mean ${quote(guess)}?)` : ''}; ${known}`;
}

export interface ExpandOptions {
  vars: Record<string, string>;
  /** For {{env.NAME}}. @default process.env */
  env?: Record<string, string | undefined>;
  /** Write {{env.NAME}} as $NAME instead of its value, for text that is shown or saved. @default false */
  redactEnv?: boolean;
  /** Names the template in messages, e.g. "examples/demo.yaml:3:10: command". @default 'template' */
  where?: string;
}

/** Fill in a template. Throws a config error naming the first unknown variable. */
export function expandTemplate(template: string, options: ExpandOptions): string {
  const env = options.env ?? process.env;
  const where = options.where ?? 'template';
  const { problems } = scanTemplate(template);
  if (problems.length) throw templateError(`${where} ${problems[0]}`);
  return template.replace(PLACEHOLDER, (whole, innerText: string) => {
    const inner = INNER.exec(innerText);
    const name = inner?.[2];
    // scanTemplate has checked every placeholder, so this is only a guard against the two drifting apart.
    if (!inner || !name) throw templateError(`${where} has a placeholder termlens cannot read: ${whole}`, 'Write it as {{name}}, {{env.NAME}} or {{name | shell}}.');
    let value: string;
    if (inner[1]) {
      // Quoted under the shell filter, so the redacted command also runs unchanged through /bin/sh.
      if (options.redactEnv) return inner[3] === 'shell' ? `"$${name}"` : `$${name}`;
      const v = env[name];
      if (v === undefined) {
        throw templateError(`${where} uses ${whole}, but the environment has no ${name}`, `Set ${name} before running, or add it under record.env.`);
      }
      value = v;
    } else {
      const v = Object.hasOwn(options.vars, name) ? options.vars[name] : undefined;
      if (v === undefined) throw templateError(`${where} ${unknownVar(name, Object.keys(options.vars))}`);
      value = v;
    }
    return inner[3] === 'shell' ? shellQuote(value) : value;
  });
}

function templateError(message: string, hint = 'Define the variable under vars:, or pass it on the command line (e.g. --question).'): TermlensError {
  return new TermlensError(message, { code: 'config', stage: 'config', hint });
}

export interface ExpandCommandOptions {
  /** Which command. @default 'command' */
  which?: 'command' | 'pretest';
  /** Overrides of config.vars, e.g. { question } from a flag. */
  vars?: Record<string, string>;
  /** The environment {{env.NAME}} reads. @default process.env with config.record.env on top */
  env?: Record<string, string | undefined>;
  /** Show {{env.NAME}} as $NAME, for logs and JSON artifacts. @default false */
  redactEnv?: boolean;
}

/** The command line to run (or to show, with redactEnv), every template variable filled in. */
export function expandCommand(config: TermlensConfig, options: ExpandCommandOptions = {}): string {
  const which = options.which ?? 'command';
  const template = which === 'pretest' ? config.pretest?.command : config.command;
  const key = which === 'pretest' ? 'pretest.command' : 'command';
  if (template == null) {
    throw new TermlensError(`the config has no ${key}`, {
      code: 'config',
      stage: 'config',
      hint: which === 'pretest' ? 'Add a pretest: section (pretest: { protocol: smoke } runs the main command).' : 'Add command: with the shell command that shows the display.',
    });
  }
  const position = config.source.positions[key];
  // Trimmed: an empty variable at the end (e.g. {{flags}}) must not leave a dangling blank in what is shown.
  return expandTemplate(template, {
    vars: { ...config.vars, ...options.vars },
    env: options.env ?? { ...process.env, ...config.record.env },
    redactEnv: options.redactEnv ?? false,
    where: position ? `${position}: ${key}` : key,
  }).trim();
}
