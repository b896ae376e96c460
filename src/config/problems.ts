/**
 * Problems found in a config, turned into one TermlensError that lists them
 * all: where (file:line:column), which key, the bad value, what is allowed.
 */
import type { z } from 'zod';
import { TermlensError, quote, suggestName } from '../errors/index.js';
import { keysAt } from './schema.js';
import type { YamlSource } from './source.js';

export interface Problem {
  path: readonly PropertyKey[];
  /** A predicate that follows the value ("is not a whole number…"), or the whole text when `standalone`. */
  message: string;
  /** Point at the key rather than its value (unknown keys). */
  onKey?: boolean;
  /** The message already names the key and the value. */
  standalone?: boolean;
  /** Text that already carries its own locations (problems reported by the steps parser). */
  located?: boolean;
}

export function pathText(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(top level)';
}

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[String(key)];
  }
  return v;
}

export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return '(empty)';
  if (typeof value === 'object') {
    const json = JSON.stringify(value);
    return quote(json.length > 60 ? `${json.slice(0, 57)}...` : json);
  }
  return quote(value);
}

const SECRET_KEYS = /^(api[-_]?key|key|token|secret|password)$/i;

/** Problems from zod's issues, with values looked up in the raw object and "did you mean" for names. */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = keysAt(issue.path);
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const where = issue.path.length ? `in ${pathText(issue.path)}` : 'at the top level';
        if (SECRET_KEYS.test(key) && pathText(issue.path) === 'judge') {
          out.push({ path, onKey: true, standalone: true, message: `${pathText(path)}: a config file never holds an API key; name the environment variable that holds it with apiKeyEnv: (e.g. apiKeyEnv: OPENAI_API_KEY)` });
          continue;
        }
        const guess = suggestName(key, allowed);
        out.push({
          path,
          onKey: true,
          standalone: true,
          message: `unknown key ${quote(key)} ${where}${guess ? ` (did you mean ${quote(guess)}?)` : ''}; allowed: ${allowed.join(', ')}`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      // A bad name in a free-form mapping (vars, env): the name is the last path element.
      const name = issue.path[issue.path.length - 1];
      const detail = issue.issues[0]?.message ?? 'is not a valid name';
      out.push({ path: issue.path, onKey: true, standalone: true, message: `${pathText(issue.path.slice(0, -1))}: the name ${quote(name)} ${detail}` });
      continue;
    }
    const value = valueAt(raw, issue.path);
    let message = issue.message;
    // A section given as a single value: say what a section is rather than zod's "expected object".
    if (issue.code === 'invalid_type' && issue.expected === 'object' && message.startsWith('Invalid input')) message = `is not a section: write its keys indented below it, e.g. ${pathText(issue.path)}:⏎  key: value (see docs/config.md)`;
    if (issue.code === 'invalid_value' && typeof value === 'string') {
      const guess = suggestName(value, issue.values.map(String));
      if (guess) message += ` (did you mean ${quote(guess)}?)`;
    }
    out.push({ path: issue.path, message });
  }
  return out;
}

/** One line per problem, located, with the source line and a caret when the file is known. */
export function formatProblem(problem: Problem, source: YamlSource | undefined, label: string, raw: unknown): string {
  if (problem.located) return problem.message;
  const body = problem.standalone ? problem.message : `${pathText(problem.path)} ${shown(valueAt(raw, problem.path))} ${problem.message}`;
  if (!source) return `${label}: ${body}`;
  const position = source.position(problem.path, problem.onKey);
  // A key that is missing has no place of its own: the file's start is where it belongs.
  if (!position) return `${source.label}:1:1: ${body}`;
  return `${source.label}:${position.line}:${position.column}: ${body}\n${source.snippet(position)}`;
}

export function configError(problems: readonly Problem[], source: YamlSource | undefined, label: string, raw: unknown): TermlensError {
  const lines = problems.map((p) => formatProblem(p, source, label, raw));
  // In file order, as a person reads the file top to bottom.
  const at = (line: string) => {
    const m = /^.*?:(\d+):(\d+): /.exec(line);
    return m ? Number(m[1]) * 1e6 + Number(m[2]) : Number.MAX_SAFE_INTEGER;
  };
  lines.sort((a, b) => at(a) - at(b));
  const [only] = lines;
  const message = lines.length === 1 && only !== undefined ? only : `${lines.length} problems in ${quote(label)}:\n${lines.map((l) => l.replace(/^/gm, '  ')).join('\n')}`;
  return new TermlensError(message, {
    code: 'config',
    stage: 'config',
    hint: 'Fix the config and try again; docs/config.md lists every key with its type and default.',
  });
}
