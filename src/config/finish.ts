/**
 * What the schema alone cannot do: derive the terminal size from a window,
 * resolve paths against the config's folder and check they exist, read and
 * parse steps, check templates against vars, and fill the defaults that
 * depend on other keys. Every problem is collected, none thrown one by one.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { TermlensError, quote, suggestName } from '../errors/index.js';
import { parseSteps } from '../record/step-parser.js';
import type { Step } from '../record/steps.js';
import { terminalSize } from '../record/size.js';
import { builtinThemeNames, findBuiltinTheme } from '../render/themes/index.js';
import { DEFAULTS } from './defaults.js';
import type { Problem } from './problems.js';
import type { ParsedConfig } from './schema.js';
import type { YamlSource } from './source.js';
import { expandTemplate, scanTemplate, templateProblems } from './template.js';
import type { RecordConfig, RenderConfig, TermlensConfig } from './types.js';

export interface FinishInput {
  parsed: ParsedConfig;
  /** The config file, absolute; null for an object. */
  file: string | null;
  baseDir: string;
  /** Folder that outputs are relative to. */
  cwd: string;
  source?: YamlSource;
  /** Variables that override (or add to) the file's vars. */
  vars?: Record<string, string>;
}

const looksLikePath = (value: string) => /[\\/]/.test(value) || /\.(json|itermcolors|ya?ml|tape|md)$/i.test(value) || value.startsWith('.');

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function finishConfig(input: FinishInput): { config?: TermlensConfig; problems: Problem[] } {
  const { parsed, baseDir, source } = input;
  const problems: Problem[] = [];
  const add = (path: PropertyKey[], message: string, extra: Partial<Problem> = {}) => problems.push({ path, message, ...extra });
  const shownPath = (p: string) => (isAbsolute(p) ? relative(process.cwd(), p) || '.' : p);

  const vars = { ...parsed.vars, ...input.vars };
  const tapeGiven = parsed.record.tape !== null;
  const command = parsed.command ?? null;
  if (command === null && !tapeGiven) {
    add(['command'], 'command: is missing; give the shell command that shows the display, e.g. command: "htop", or record.tape', { standalone: true });
  }
  for (const [path, template] of [
    [['command'], command],
    [['pretest', 'command'], parsed.pretest?.command],
  ] as const) {
    if (template == null) continue;
    for (const problem of templateProblems(template, vars)) add([...path], `${path.join('.')} ${problem}`, { standalone: true });
  }

  let pretest: TermlensConfig['pretest'] = null;
  if (parsed.pretest) {
    const p = parsed.pretest;
    const pretestCommand = p.command ?? command;
    if (pretestCommand === null) add(['pretest'], 'pretest.command: is missing and there is no top-level command to run instead', { standalone: true });
    if (p.protocol === 'smoke' && p.smokeSeconds === 0) add(['pretest', 'smokeSeconds'], 'is 0, but the smoke protocol needs a window longer than 0s (only massgen treats 0 as "wait for the run to finish")');
    if (p.protocol !== 'exit-code' && p.smokeSeconds > 0 && p.smokeSeconds >= p.timeout) {
      add(['pretest', 'smokeSeconds'], `is not shorter than pretest.timeout (${p.timeout}s), so the smoke window could never pass; lengthen the timeout`);
    }
    pretest = { command: pretestCommand ?? '', protocol: p.protocol, smokeSeconds: p.smokeSeconds, timeout: p.timeout, stallSeconds: p.stallSeconds };
  }

  const record = finishRecord(parsed.record, baseDir, source, input.file, add);
  if (record) record.steps = fillStepTemplates(record.steps, vars, add);
  const render = finishRender(parsed.render, record, baseDir, add);

  const f = parsed.frames;
  if (f.strategy === 'times' && f.times.length === 0) add(['frames', 'strategy'], 'needs frames.times, a list of seconds such as [1, 5.5, 12]');
  if (f.maxShortSide > f.maxLongSide) add(['frames', 'maxShortSide'], `is larger than frames.maxLongSide (${f.maxLongSide})`);

  const j = parsed.judge;
  const prompts = looksLikePath(j.prompts) ? resolve(baseDir, j.prompts) : j.prompts;
  if (prompts !== j.prompts && !existsSync(prompts)) add(['judge', 'prompts'], `is not a prompt set: there is no ${quote(shownPath(prompts))}`);
  const calibration = j.calibration === null ? null : resolve(baseDir, j.calibration);
  if (calibration && !existsSync(calibration)) add(['judge', 'calibration'], `is not a file: there is no ${quote(shownPath(calibration))} (write one with termlens calibrate)`);

  // finishRecord adds a problem whenever it gives no record, and finishRender gives none only without a record.
  if (problems.length || !record || !render) return { problems };
  const positions: Record<string, string> = {};
  if (source) {
    for (const key of ['command', 'pretest.command']) {
      const path = key.split('.');
      if (source.nodeAt(path).exact) positions[key] = source.where(path);
    }
  }
  const stem = input.file ? basename(input.file, extname(input.file)) : 'target';
  return {
    problems,
    config: {
      name: parsed.name ?? stem,
      command,
      vars,
      pretest,
      record,
      render,
      frames: { ...f, times: [...f.times] },
      judge: { ...j, prompts, calibration, minScores: Object.fromEntries(Object.entries(j.minScores).filter(([, v]) => v !== undefined)) },
      outputs: { recordings: resolve(input.cwd, parsed.outputs.recordings), reports: resolve(input.cwd, parsed.outputs.reports) },
      compare: { ...parsed.compare, criteria: { ...parsed.compare.criteria }, metrics: { ...parsed.compare.metrics } },
      source: { file: input.file, baseDir, positions },
    },
  };
}

type Add = (path: PropertyKey[], message: string, extra?: Partial<Problem>) => void;

function finishRecord(r: ParsedConfig['record'], baseDir: string, source: YamlSource | undefined, file: string | null, add: Add): RecordConfig | undefined {
  const byCells = r.cols !== undefined || r.rows !== undefined;
  const byPixels = r.width !== undefined || r.height !== undefined || r.fontSize !== undefined || r.padding !== undefined;
  let size: ReturnType<typeof terminalSize> | undefined;
  if (byCells && byPixels) {
    add(['record'], 'record: give the size either in cells (cols, rows) or as a window (width, height, fontSize, padding), not both', { standalone: true });
  } else if (byCells && (r.cols === undefined || r.rows === undefined)) {
    const [given, missing] = r.cols === undefined ? ['rows', 'cols'] : ['cols', 'rows'];
    add(['record', given], `record.${given} is given without record.${missing}; give both, e.g. cols: 120 and rows: 36`, { standalone: true, onKey: true });
  } else {
    try {
      size = terminalSize({ cols: r.cols, rows: r.rows, width: r.width, height: r.height, fontSize: r.fontSize, padding: r.padding });
    } catch (e) {
      add(['record'], `record: ${(e as Error).message.replace(/--/g, '')}`, { standalone: true });
    }
  }

  const cwd = resolve(baseDir, r.cwd);
  if (!isDir(cwd)) add(['record', 'cwd'], `is not a folder: there is no ${quote(cwd)} (relative paths are taken from the config file's folder)`);

  let steps: Step[] = [];
  let stepsFile: string | null = null;
  if (typeof r.steps === 'string') {
    const file = resolve(baseDir, r.steps);
    stepsFile = file;
    if (!isFile(file)) add(['record', 'steps'], `is not a steps file: there is no ${quote(file)}`);
    else steps = collectSteps(() => parseSteps(readFileSync(file, 'utf8'), relative(process.cwd(), file) || file), add);
  } else if (r.steps.length > 0) {
    const isolated = source?.isolate(['record', 'steps']);
    const text = isolated ?? stringify(r.steps);
    const label = source && isolated !== undefined ? source.label : file ? `${file} (record.steps)` : 'record.steps';
    steps = collectSteps(() => parseSteps(text, label), add);
  }

  const tape = r.tape === null ? null : resolve(baseDir, r.tape);
  if (tape !== null && !isFile(tape)) add(['record', 'tape'], `is not a tape: there is no ${quote(tape)}`);
  if (tape !== null && (steps.length > 0 || stepsFile)) add(['record', 'tape'], 'record: give either steps or a tape, not both; a tape carries its own steps', { standalone: true, onKey: true });

  if (!size) return undefined;
  return {
    cols: size.cols,
    rows: size.rows,
    width: size.window?.width ?? null,
    height: size.window?.height ?? null,
    fontSize: size.window?.fontSize ?? null,
    padding: size.window?.padding ?? null,
    env: { ...r.env },
    cwd,
    steps,
    stepsFile,
    tape,
    backend: r.backend,
    timeout: r.timeout,
    parallel: r.parallel,
    killDaemons: r.killDaemons,
  };
}

/** Steps problems come located by the steps parser; keep its lines. */
function collectSteps(parse: () => Step[], add: Add): Step[] {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof TermlensError)) throw e;
    const [first = '', ...rest] = e.message.split('\n');
    const items = /^\d+ problems in /.test(first) ? rest.map((l) => l.trim()) : [e.message];
    // Name the key after the location the steps parser put first.
    for (const item of items) add(['record', 'steps'], item.replace(/^(.*?:\d+:\d+: )?/, (loc) => `${loc}record.steps `), { located: true });
    return [];
  }
}

function finishRender(r: ParsedConfig['render'], record: RecordConfig | undefined, baseDir: string, add: Add): RenderConfig | undefined {
  let theme = r.theme;
  const builtin = findBuiltinTheme(r.theme);
  if (builtin && !looksLikePath(r.theme)) theme = builtin.name;
  else if (looksLikePath(r.theme) || isFile(resolve(baseDir, r.theme))) {
    theme = resolve(baseDir, r.theme);
    if (!isFile(theme)) add(['render', 'theme'], `is not a theme file: there is no ${quote(theme)}`);
  } else {
    const guess = suggestName(r.theme, builtinThemeNames());
    add(['render', 'theme'], `is not a built-in theme${guess ? ` (did you mean ${quote(guess)}?)` : ''}; built-in: ${builtinThemeNames().join(', ')}; or give a .json or .itermcolors file`);
  }
  if (!record) return undefined;
  // A window-sized recording renders, by default, as the window VHS would show (an odd side one pixel larger, as video needs).
  const evenUp = (n: number) => n + (n % 2);
  const { width, height, padding } = record;
  const window = width !== null && height !== null && padding !== null ? { width: evenUp(width), height: evenUp(height), padding, fontSize: record.fontSize } : undefined;
  return {
    theme,
    fontSize: r.fontSize !== undefined ? r.fontSize : window ? window.fontSize : DEFAULTS.render.fontSize,
    width: r.width ?? window?.width ?? DEFAULTS.render.width,
    height: r.height ?? window?.height ?? DEFAULTS.render.height,
    fps: r.fps,
    padding: r.padding ?? window?.padding ?? DEFAULTS.render.padding,
    windowBar: r.windowBar as RenderConfig['windowBar'],
    speed: r.speed,
    idleTimeLimit: r.idleTimeLimit,
    formats: [...r.formats],
  };
}

/**
 * `type` steps may use {{name}} variables, filled in here so the recorder
 * types the final text (a question given on the command line reaches the
 * recording too). The environment is not offered: typing it would put its
 * values on screen and into the cast. Text that is not a well-formed
 * placeholder, such as a Go template's {{ .Name }}, is typed as it is.
 */
function fillStepTemplates(steps: Step[], vars: Record<string, string>, add: Add): Step[] {
  return steps.map((step, i) => {
    if (step.kind !== 'type') return step;
    const { placeholders } = scanTemplate(step.text);
    if (placeholders.length === 0) return step;
    const at = step.source ? `${step.source.file ?? 'steps'}:${step.source.line}:${step.source.column}: ` : '';
    const env = placeholders.find((p) => p.kind === 'env');
    if (env) {
      add(['record', 'steps'], `${at}record.steps step ${i + 1} (type) uses ${env.text}; typed text cannot read the environment (it would show on screen and in the cast)`, { located: true });
      return step;
    }
    const problems = templateProblems(step.text, vars).filter((p) => p.startsWith('uses'));
    if (problems.length) {
      for (const p of problems) add(['record', 'steps'], `${at}record.steps step ${i + 1} (type) ${p}`, { located: true });
      return step;
    }
    return { ...step, text: expandWellFormed(step.text, vars) };
  });
}

/** Fill the well-formed placeholders and keep anything else literally. */
function expandWellFormed(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{[^{}]*\}\}/g, (whole) => (scanTemplate(whole).placeholders.length ? expandTemplate(whole, { vars }) : whole));
}
