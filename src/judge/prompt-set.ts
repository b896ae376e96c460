/**
 * Prompt sets are files: a folder of handlebars templates with YAML front
 * matter (or one such file), found by name in the prompt folders or given
 * as a path. Shared pieces live beside them: `_partials/*.hbs` (handlebars
 * partials) and `_criteria/<key>.md` (a criterion's title, sub-points and
 * its 1–10 rubric).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import matter from 'gray-matter';
import Handlebars from 'handlebars';
import YAML from 'yaml';
import { z } from 'zod';
import { TermlensError, quote, suggestName } from '../errors/index.js';
import { JUDGE_LIMITS } from './defaults.js';

export const IMAGE_MODES = ['frames', 'grid', 'both'] as const;
export type ImageMode = (typeof IMAGE_MODES)[number];
export const DETAILS = ['low', 'high', 'auto'] as const;
export type Detail = (typeof DETAILS)[number];

export interface PromptTemplate {
  /** @default the file name without extensions */
  name: string;
  description: string;
  /** Criterion keys this prompt scores; each needs a `_criteria/<key>.md`. */
  criteria: string[];
  /** Which images to send; a --images flag overrides it. @default 'frames' */
  images?: ImageMode;
  /** Image detail; a --detail flag overrides it. @default 'auto' */
  detail?: Detail;
  /** A handlebars template for the system message. @default the `system` partial */
  system?: string;
  temperature?: number;
  maxTokens?: number;
  file: string;
  /** The handlebars template of the user message. */
  body: string;
}

export interface CriterionDefinition {
  key: string;
  title: string;
  subpoints: string[];
  /** What each score level means, 1 to 10. */
  rubric: string;
  file: string;
}

export interface PromptSet {
  name: string;
  description: string;
  /** The folder or file it was loaded from. */
  source: string;
  prompts: PromptTemplate[];
  criteria: Record<string, CriterionDefinition>;
  partials: Record<string, string>;
}

export interface PromptSetInfo {
  name: string;
  description: string;
  path: string;
}

/** The prompts/ folder that ships with termlens (found from this file up to the package root, so it works from src/ and from a build). */
export const BUILTIN_PROMPTS_DIR = findBuiltinPrompts();

function findBuiltinPrompts(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prompts'))) return join(dir, 'prompts');
    const up = dirname(dir);
    if (up === dir) return resolve('prompts');
    dir = up;
  }
}

/** Where set names are looked up: the project's own prompts/ first (so users can add or shadow sets), then the built-in ones. */
export function defaultPromptDirs(cwd = process.cwd()): string[] {
  const local = resolve(cwd, 'prompts');
  return local !== BUILTIN_PROMPTS_DIR && existsSync(local) ? [local, BUILTIN_PROMPTS_DIR] : [BUILTIN_PROMPTS_DIR];
}

const FrontMatter = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().default(''),
  criteria: z.array(z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'criterion keys are camelCase, e.g. visualClarity')).min(1),
  images: z.enum(IMAGE_MODES).optional(),
  detail: z.enum(DETAILS).optional(),
  system: z.string().optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().min(JUDGE_LIMITS.maxTokens.min).max(JUDGE_LIMITS.maxTokens.max).optional(),
});
const FRONT_MATTER_KEYS = Object.keys(FrontMatter.shape);

const CriterionFrontMatter = z.strictObject({ title: z.string().min(1), subpoints: z.array(z.string()).default([]) });

const isTemplate = (name: string) => name.endsWith('.hbs') && !name.startsWith('_') && !name.startsWith('.');
const setNameOf = (file: string) => basename(file).replace(/(\.md)?\.hbs$/, '');

export function listPromptSets(searchDirs: readonly string[] = defaultPromptDirs()): PromptSetInfo[] {
  const seen = new Map<string, PromptSetInfo>();
  for (const dir of searchDirs) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (entry.startsWith('_') || entry.startsWith('.')) continue;
      const files = statSync(path).isDirectory() ? templatesIn(path) : isTemplate(entry) ? [path] : [];
      const name = statSync(path).isDirectory() ? entry : setNameOf(entry);
      if (files.length === 0 || seen.has(name)) continue;
      let description = '';
      try {
        description = readPrompt(files[0]!).description;
      } catch {
        description = '(invalid: load it to see why)';
      }
      seen.set(name, { name, description, path });
    }
  }
  return [...seen.values()];
}

/** Load a set by name (looked up in `searchDirs`) or by path to a folder or a single template file. */
export function loadPromptSet(nameOrPath: string, options: { searchDirs?: string[] } = {}): PromptSet {
  const searchDirs = options.searchDirs ?? defaultPromptDirs();
  const path = locate(nameOrPath, searchDirs);
  const isDir = statSync(path).isDirectory();
  const files = isDir ? templatesIn(path) : [path];
  if (files.length === 0) {
    throw new TermlensError(`prompt set ${quote(path)} has no templates`, {
      code: 'config',
      stage: 'judge',
      hint: 'Put one or more <name>.hbs files with front matter in the folder.',
    });
  }
  // Shared pieces: built-in first, then the folder the set sits in, then the set's own folder; later ones win.
  const layers = [BUILTIN_PROMPTS_DIR, dirname(path), ...(isDir ? [path] : [])].filter((d, i, all) => all.indexOf(d) === i);
  const partials: Record<string, string> = {};
  const criteria: Record<string, CriterionDefinition> = {};
  for (const layer of layers) {
    for (const file of filesIn(join(layer, '_partials'), '.hbs')) partials[basename(file, '.hbs')] = readFileSync(file, 'utf8');
    for (const file of filesIn(join(layer, '_criteria'), '.md')) {
      const def = readCriterion(file);
      criteria[def.key] = def;
    }
  }
  const prompts = files.map(readPrompt);
  for (const prompt of prompts) {
    for (const key of prompt.criteria) {
      if (criteria[key]) continue;
      const guess = suggestName(key, Object.keys(criteria));
      throw new TermlensError(`${quote(prompt.file)} scores ${quote(key)}, which has no definition${guess ? `; did you mean ${quote(guess)}?` : ''}`, {
        code: 'config',
        stage: 'judge',
        hint: `Use one of ${Object.keys(criteria).join(', ')}, or add _criteria/${key}.md (front matter: title, subpoints; body: the 1–10 rubric).`,
      });
    }
    checkSyntax(prompt.file, prompt.body);
    if (prompt.system) checkSyntax(prompt.file, prompt.system);
  }
  return {
    name: isDir ? basename(path) : setNameOf(path),
    description: prompts[0]!.description,
    source: path,
    prompts,
    criteria,
    partials,
  };
}

function locate(nameOrPath: string, searchDirs: readonly string[]): string {
  const looksLikePath = /[\\/]/.test(nameOrPath) || nameOrPath.startsWith('.') || nameOrPath.endsWith('.hbs');
  if (looksLikePath) {
    const path = resolve(nameOrPath);
    if (!existsSync(path)) {
      throw new TermlensError(`prompt set ${quote(nameOrPath)} does not exist`, {
        code: 'not-found',
        stage: 'judge',
        hint: 'Give a folder of .hbs templates, one .hbs file, or the name of a set in prompts/.',
      });
    }
    return path;
  }
  for (const dir of searchDirs) {
    for (const candidate of [join(dir, nameOrPath), join(dir, `${nameOrPath}.hbs`), join(dir, `${nameOrPath}.md.hbs`)]) {
      if (!existsSync(candidate)) continue;
      if (statSync(candidate).isDirectory() ? templatesIn(candidate).length > 0 : true) return candidate;
    }
  }
  const known = listPromptSets(searchDirs).map((s) => s.name);
  const guess = suggestName(nameOrPath, known);
  throw new TermlensError(`unknown prompt set ${quote(nameOrPath)}${guess ? `; did you mean ${quote(guess)}?` : ''}`, {
    code: 'usage',
    stage: 'judge',
    hint: `Available sets: ${known.join(', ') || '(none)'}. Or give a path to a folder or .hbs file.`,
  });
}

function templatesIn(dir: string): string[] {
  return readdirSync(dir).filter(isTemplate).sort().map((f) => join(dir, f));
}

function filesIn(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => join(dir, f));
}

function readFront(file: string): { data: unknown; content: string } {
  const text = readFileSync(file, 'utf8');
  try {
    // Options passed so gray-matter does not cache (its cache shares parsed objects between calls).
    const parsed = matter(text, { engines: { yaml: (s: string) => YAML.parse(s) as object } });
    return { data: parsed.data, content: parsed.content };
  } catch (cause) {
    throw new TermlensError(`the front matter of ${quote(file)} is not valid YAML: ${(cause as Error).message}`, {
      code: 'config',
      stage: 'judge',
      hint: 'Fix the YAML between the --- lines at the top of the file.',
      cause,
    });
  }
}

function readPrompt(file: string): PromptTemplate {
  const { data, content } = readFront(file);
  const result = FrontMatter.safeParse(data ?? {});
  if (!result.success) throw frontMatterError(file, result.error, FRONT_MATTER_KEYS);
  const fm = result.data;
  return { ...fm, name: fm.name ?? setNameOf(file), file, body: content.replace(/^\n+/, '') };
}

function readCriterion(file: string): CriterionDefinition {
  const { data, content } = readFront(file);
  const result = CriterionFrontMatter.safeParse(data ?? {});
  if (!result.success) throw frontMatterError(file, result.error, ['title', 'subpoints']);
  return { key: basename(file, '.md'), title: result.data.title, subpoints: result.data.subpoints, rubric: content.trim(), file };
}

function frontMatterError(file: string, error: z.ZodError, knownKeys: string[]): TermlensError {
  // A misspelt key also leaves its field missing; naming the misspelling helps more.
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const guess = suggestName(key, knownKeys);
    return new TermlensError(`${quote(file)}: unknown front matter key ${quote(key)}${guess ? `; did you mean ${quote(guess)}?` : ''}`, {
      code: 'config',
      stage: 'judge',
      hint: `Front matter keys: ${knownKeys.join(', ')}.`,
    });
  }
  return new TermlensError(`${quote(file)}: front matter ${issue.path.join('.') || '(root)'}: ${issue.message}`, {
    code: 'config',
    stage: 'judge',
    hint: 'See prompts/README.md for the front matter of a prompt.',
  });
}

function checkSyntax(file: string, template: string): void {
  try {
    Handlebars.parse(template);
  } catch (cause) {
    throw new TermlensError(`${quote(file)} is not a valid handlebars template: ${(cause as Error).message.split('\n')[0]}`, {
      code: 'config',
      stage: 'judge',
      hint: 'Fix the {{…}} expression at the line shown.',
      cause,
    });
  }
}
