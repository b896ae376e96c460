/**
 * Loading a config: YAML text (with line numbers kept) or a plain object →
 * validated, fully filled TermlensConfig, or one config error listing every
 * problem with its file:line:column.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { TermlensError, quote } from '../errors/index.js';
import { finishConfig } from './finish.js';
import { configError, problemsFromIssues, type Problem } from './problems.js';
import { configSchema } from './schema.js';
import { YamlSource } from './source.js';
import type { TermlensConfig } from './types.js';

export interface LoadOptions {
  /** Variables that override or add to the file's `vars`, e.g. { question } from a flag. */
  vars?: Record<string, string>;
  /** Folder that `outputs` are relative to. @default process.cwd() */
  cwd?: string;
}

/** Read and validate a config file. Relative paths inside it are taken from its folder. */
export function loadConfig(path: string, options: LoadOptions = {}): TermlensConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new TermlensError(missing ? `config file ${quote(path)} does not exist` : `cannot read the config file ${quote(path)}: ${(cause as Error).message}`, {
      code: missing ? 'not-found' : 'config',
      stage: 'config',
      hint: missing ? 'Check the path; examples/demo.yaml is a config to start from.' : 'Check the file permissions.',
      cause,
    });
  }
  return configFromYaml(text, path, options);
}

/** Validate YAML text as if it were the file at `path` (which need not exist; its folder is the base for relative paths). */
export function configFromYaml(text: string, path: string, options: LoadOptions = {}): TermlensConfig {
  const source = new YamlSource(text, path);
  const syntax = source.syntaxError();
  if (syntax) {
    throw new TermlensError(`${path}:${syntax.position.line}:${syntax.position.column}: not valid YAML: ${syntax.message}\n${source.snippet(syntax.position)}`, {
      code: 'config',
      stage: 'config',
      hint: 'Fix the YAML syntax (indentation with spaces, a space after each colon, quotes around values with ": " or "#").',
    });
  }
  const js = source.toJs();
  if ('problem' in js) {
    const { line, column, message } = js.problem;
    throw new TermlensError(`${path}:${line}:${column}: the YAML ${message}\n${source.snippet({ line, column })}`, {
      code: 'config',
      stage: 'config',
      hint: 'A config is a small file written by hand; see docs/config.md for its keys.',
    });
  }
  const raw: unknown = js.value ?? {};
  return validate(raw, { file: resolve(path), baseDir: dirname(resolve(path)), label: path, source, ...options });
}

/** Validate a config given as an object (programmatic use); relative paths are taken from `baseDir`. */
export function configFromObject(obj: unknown, baseDir: string, options: LoadOptions = {}): TermlensConfig {
  return validate(obj, { file: null, baseDir: resolve(baseDir), label: 'config', ...options });
}

/**
 * Validate an object made from the config file at `path` (a suite's scenario:
 * the file's keys with the matrix values set). `source` still locates the keys
 * the scenario did not change.
 */
export function configFromFileObject(obj: unknown, path: string, source: YamlSource | undefined, options: LoadOptions = {}): TermlensConfig {
  return validate(obj, { file: resolve(path), baseDir: dirname(resolve(path)), label: path, ...(source ? { source } : {}), ...options });
}

interface ValidateContext extends LoadOptions {
  file: string | null;
  baseDir: string;
  label: string;
  source?: YamlSource;
}

function validate(raw: unknown, ctx: ValidateContext): TermlensConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw configError([{ path: [], message: `the config must be a mapping of keys such as name:, command:, record:, got ${Array.isArray(raw) ? 'a list' : 'a single value'}`, standalone: true }], ctx.source, ctx.label, raw);
  }
  // `pretest: false` (or an empty `pretest:`) turns the pre-test off, the same as leaving it out.
  const input = { ...(raw as Record<string, unknown>) };
  if (input.pretest === false || input.pretest === null) delete input.pretest;

  const result = configSchema.safeParse(input);
  const problems: Problem[] = result.success ? [] : problemsFromIssues(result.error.issues, raw);
  if (result.success) {
    const finished = finishConfig({
      parsed: result.data,
      file: ctx.file,
      baseDir: ctx.baseDir,
      cwd: resolve(ctx.cwd ?? process.cwd()),
      ...(ctx.source ? { source: ctx.source } : {}),
      ...(ctx.vars ? { vars: ctx.vars } : {}),
    });
    if (finished.config) return finished.config;
    problems.push(...finished.problems);
  }
  throw configError(problems, ctx.source, ctx.label, raw);
}
