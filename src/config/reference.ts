/**
 * The key reference of docs/config.md, generated from the same DEFAULTS the
 * schema uses. A test checks that every key of the schema is listed here and
 * that a config with nothing set really gets the defaults shown.
 */
import { METRICS, type MetricDefinition } from '../compare/metrics.js';
// Each constant from its own module, not a stage's index: loading a config must not load sharp, openai or the renderer.
import { FRAME_STRATEGIES } from '../frames/select.js';
import { DETAILS, IMAGE_MODES } from '../judge/prompt-set.js';
import { DEFAULT_MAX_TOKENS, DEFAULT_REASONING_EFFORT, DEFAULT_REASONING_MAX_TOKENS, REASONING_EFFORTS } from '../judge/model-params.js';
import { JUDGE_DEFAULTS } from '../judge/defaults.js';
import { PROVIDERS } from '../judge/providers.js';
import { RECORD_DEFAULTS } from '../record/defaults.js';
import { VIDEO_FORMATS } from '../render/encode/ffmpeg-args.js';
import { WINDOW_BAR_STYLES } from '../tape/types.js';
import { DEFAULTS, FRAME_FORMATS, LIMITS, PRETEST_PROTOCOLS, RECORD_BACKENDS } from './defaults.js';
import { CRITERIA } from '../criteria.js';
import type { Range } from '../errors/range.js';

export interface KeyDoc {
  key: string;
  type: string;
  /** Shown instead of the value in DEFAULTS, for defaults that depend on something else. */
  defaultText?: string;
  meaning: string;
}

const one = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(' \\| ');
const range = (l: Range, what = l.whole ? 'whole number' : 'number') => `${l.even ? 'even ' : ''}${what} ${l.min}–${l.max}`;
const DURATION = 'duration (`90`, `90s`, `1.5m`, `500ms`; at most `24h`)';

const UNITS: Record<MetricDefinition['unit'], string> = { share: 'share ≥ 0 (0.05 = 5%)', count: 'count ≥ 0', seconds: 'seconds ≥ 0', rate: 'per second ≥ 0' };
const metricMeaning = (m: MetricDefinition) =>
  m.worse === 'none'
    ? `${m.label.charAt(0).toUpperCase()}${m.label.slice(1)} (${m.criterion}): shown in the comparison, never a regression.`
    : `Largest ${m.worse === 'up' ? 'rise' : 'fall'} in ${m.label} before \`termlens compare\` calls it a regression (${m.criterion}).`;

export const KEY_DOCS: readonly KeyDoc[] = [
  { key: 'name', type: 'text', defaultText: 'the file name without extension', meaning: 'Names the target; run ids start with it.' },
  { key: 'command', type: 'text', defaultText: 'required (unless `record.tape`)', meaning: 'The program with its rich display, run through `/bin/sh -c`. Template variables: `{{name}}`, `{{name \\| shell}}` (quoted for the shell), `{{env.NAME}}`.' },
  { key: 'vars', type: 'mapping name → text', meaning: 'Template variables, e.g. `question`. `--question` and `--var` on the command line override them.' },
  { key: 'pretest.command', type: 'text', defaultText: 'the top-level `command`', meaning: 'What the pre-test runs headless (no terminal), typically the program with `--automation`. Same template variables.' },
  { key: 'pretest.protocol', type: one(PRETEST_PROTOCOLS), meaning: '`exit-code`: must exit 0 in time. `smoke`: must stay up for the smoke window (or exit 0). `massgen`: the multi-agent CLI\'s automation mode: status.json (from a `STATUS:` line, under `LOG_DIR`, or under `.massgen/massgen_logs/` in the working folder), its stderr ERROR lines, and its final answer; see [massgen-protocol.md](massgen-protocol.md).' },
  { key: 'pretest.smokeSeconds', type: `seconds or ${DURATION}`, meaning: 'How long the program must stay healthy before it is stopped and the pre-test passes. With `massgen`, 0 waits for the run to finish: exit 0 with its final answer written.' },
  { key: 'pretest.timeout', type: DURATION, meaning: 'Longest the pre-test may take; then it is stopped with verdict `timeout` (exit 3).' },
  { key: 'pretest.stallSeconds', type: `seconds or ${DURATION}`, meaning: 'With `massgen`: an agent that makes no progress (no new answer or vote in status.json) for this long while other agents progress fails the pre-test. `0` turns the check off.' },
  { key: 'record.cols', type: range(LIMITS.record.cols), meaning: 'Terminal width in cells. Give with `rows`, or size the terminal as a window instead.' },
  { key: 'record.rows', type: range(LIMITS.record.rows), meaning: 'Terminal height in cells.' },
  { key: 'record.width', type: range(LIMITS.record.width, 'pixels'), defaultText: `— (VHS: ${RECORD_DEFAULTS.window.width} when sizing by window)`, meaning: 'Size the terminal as VHS does: cols = ⌊(width − 2·padding) / (0.6·fontSize)⌋.' },
  { key: 'record.height', type: range(LIMITS.record.height, 'pixels'), defaultText: `— (VHS: ${RECORD_DEFAULTS.window.height})`, meaning: 'rows = ⌊(height − 2·padding) / (1.2·fontSize)⌋.' },
  { key: 'record.fontSize', type: range(LIMITS.record.fontSize, 'pixels'), defaultText: `— (VHS: ${RECORD_DEFAULTS.window.fontSize})`, meaning: 'Font size of the window the size is derived from.' },
  { key: 'record.padding', type: range(LIMITS.record.padding, 'pixels'), defaultText: `— (VHS: ${RECORD_DEFAULTS.window.padding})`, meaning: 'Padding of that window.' },
  { key: 'record.env', type: 'mapping NAME → text', meaning: 'Environment variables for the program and the pre-test, on top of the inherited ones.' },
  { key: 'record.cwd', type: 'folder', defaultText: "the config file's folder", meaning: 'Working directory of the program and the pre-test; relative to the config file.' },
  { key: 'record.steps', type: 'list of steps, or a steps file', meaning: 'Keys to type and things to wait for (`- type: ls`, `- key: Enter`, `- wait: /\\$ $/`, `- sleep: 1s`, `- marker: NAME`, `- wait-exit`). Without steps, the recording lasts until the program exits.' },
  { key: 'record.tape', type: 'VHS tape file', meaning: 'A tape that drives the recording instead of `steps`.' },
  { key: 'record.backend', type: one(RECORD_BACKENDS), meaning: '`pty` records natively; `vhs` hands a tape to VHS.' },
  { key: 'record.timeout', type: DURATION, meaning: 'The recording stops after this long (the cast is kept).' },
  { key: 'record.parallel', type: 'true \\| false', meaning: "In a suite run with `--jobs N`, let this recording run while other scenarios record. Off, recordings run one at a time (timing measures need a quiet machine); on, each scorecard says its recording shared the machine." },
  { key: 'record.killDaemons', type: 'true \\| false', meaning: "At the end of a recording the program's whole session is stopped (HUP, TERM, 2 s, KILL). Processes that left it on purpose (`setsid` daemons) are listed in session.json's `leftRunning` and the run's output with their pids; `true` stops them too." },
  { key: 'render.theme', type: 'theme name or file', meaning: 'A built-in theme (VHS, Dracula, Catppuccin Mocha, Tokyo Night, Nord, …) or a .json / .itermcolors file relative to the config.' },
  { key: 'render.fontSize', type: range(LIMITS.render.fontSize, 'pixels'), defaultText: "the record window's, else the largest that fits", meaning: 'Font size of the video.' },
  { key: 'render.width', type: range(LIMITS.render.width, 'pixels'), defaultText: `the record window's, else \`${DEFAULTS.render.width}\``, meaning: 'Video width.' },
  { key: 'render.height', type: range(LIMITS.render.height, 'pixels'), defaultText: `the record window's, else \`${DEFAULTS.render.height}\``, meaning: 'Video height.' },
  { key: 'render.fps', type: range(LIMITS.render.fps), meaning: 'Frame-rate cap; only frames whose cells changed are drawn.' },
  { key: 'render.padding', type: range(LIMITS.render.padding, 'pixels'), defaultText: `the record window's, else \`${DEFAULTS.render.padding}\``, meaning: 'Space between the window edge and the text.' },
  { key: 'render.windowBar', type: one(['none', ...WINDOW_BAR_STYLES]), meaning: 'A window title bar in one of VHS\'s styles.' },
  { key: 'render.speed', type: range(LIMITS.render.speed), meaning: 'Playback speed (2 = twice as fast).' },
  { key: 'render.idleTimeLimit', type: `${DURATION}, above 0`, meaning: 'Longest pause kept in the video; `null` keeps every pause.' },
  { key: 'render.formats', type: `list of ${one(VIDEO_FORMATS)}`, meaning: 'Videos to write.' },
  { key: 'frames.count', type: range(LIMITS.frames.count), meaning: 'Frames extracted for the judge and the report (8–12 is standard).' },
  { key: 'frames.strategy', type: one(FRAME_STRATEGIES), meaning: '`distinct`: the most different frames; `uniform`: evenly spaced; `markers`: one per step marker; `times`: at `frames.times`.' },
  { key: 'frames.times', type: `list of seconds (${LIMITS.frames.time.min}–${LIMITS.frames.time.max})`, meaning: 'For strategy `times`.' },
  { key: 'frames.maxShortSide', type: range(LIMITS.frames.maxShortSide, 'pixels'), meaning: 'Frames are scaled to at most this on the short side…' },
  { key: 'frames.maxLongSide', type: range(LIMITS.frames.maxLongSide, 'pixels'), meaning: '…and at most this on the long side.' },
  { key: 'frames.format', type: one(FRAME_FORMATS), meaning: 'Image format of the frames.' },
  { key: 'frames.grid', type: 'true \\| false', meaning: 'Also write a contact sheet of the frames (grid.png).' },
  { key: 'judge.provider', type: one(['auto', 'none', ...PROVIDERS]), meaning: '`auto` uses whatever the environment configures (OPENAI_API_KEY, OPENAI_BASE_URL, …) and skips judging with a clear line when nothing is; `none` never judges.' },
  { key: 'judge.model', type: 'text', defaultText: "`null` (the provider's default)", meaning: 'Vision model name.' },
  { key: 'judge.baseURL', type: 'http(s) URL', defaultText: "`null` (the provider's URL)", meaning: 'OpenAI-compatible endpoint, e.g. `http://localhost:11434/v1`.' },
  { key: 'judge.apiKeyEnv', type: 'variable name', defaultText: "`null` (the provider's usual variables)", meaning: 'Environment variable that holds the key. A config file never holds a key itself.' },
  { key: 'judge.prompts', type: 'prompt set name or folder', meaning: 'Prompt set: `default`, `overall-ux`, `coordination-voting`, `status-indicators`, or a folder relative to the config.' },
  { key: 'judge.samples', type: range(LIMITS.judge.samples), meaning: 'Requests per prompt; the median and spread are reported.' },
  { key: 'judge.images', type: one(IMAGE_MODES), defaultText: "`null` (each prompt's own)", meaning: 'Send the frames, the contact sheet, or both.' },
  { key: 'judge.detail', type: one(DETAILS), defaultText: "`null` (each prompt's own)", meaning: 'Image detail requested from the model.' },
  {
    key: 'judge.maxTokens',
    type: range(LIMITS.judge.maxTokens),
    defaultText: `\`null\` (${DEFAULT_REASONING_MAX_TOKENS} for reasoning models, ${DEFAULT_MAX_TOKENS} for others)`,
    meaning: "Token budget per request (`max_completion_tokens` or `max_tokens`). A reasoning model spends it on hidden reasoning and the answer together; an answer lost to reasoning is asked once more with double the budget. A prompt's own `maxTokens` wins.",
  },
  {
    key: 'judge.reasoningEffort',
    type: one(REASONING_EFFORTS),
    defaultText: `\`null\` (\`${DEFAULT_REASONING_EFFORT}\` for reasoning models, not sent to others)`,
    meaning: '`reasoning_effort` for models that think before answering. Lower effort leaves more of the budget for the answer; a server that rejects the field has it dropped (recorded in judgments.json).',
  },
  { key: 'judge.concurrency', type: range(LIMITS.judge.concurrency), meaning: 'Requests in flight at once.' },
  { key: 'judge.cache', type: 'true \\| false', meaning: 'Reuse answers to identical requests (failures are never cached).' },
  { key: 'judge.facts', type: one(['none', 'measures']), meaning: "`measures`: the prompt gives the offline measurements as facts (contrast ratios and shares, debris, lines past the edge, silences, flicker, each with its frame), never the offline scores, so the model's judgment stays independent; `none`: the model sees only the frames." },
  { key: 'judge.calibration', type: 'file', defaultText: '`null`', meaning: "A `calibration.json` written by `termlens calibrate` (relative to the config); the scorecard then says next to the model's scores how often this model ordered known pairs correctly on each criterion." },
  { key: 'judge.deadline', type: DURATION, meaning: `The whole judging, every retry and wait included, ends by then: nothing more is sent and the stage fails saying so. Each request also has its own ${JUDGE_DEFAULTS.timeout} s timeout and ${JUDGE_DEFAULTS.retries} retries.` },
  ...CRITERIA.map((c) => ({ key: `judge.minScores.${c}`, type: range(LIMITS.score), defaultText: '— (no minimum)', meaning: `Quality gate: a median ${c} score under this fails the run (exit 5).` })),
  { key: 'outputs.recordings', type: 'folder', defaultText: '`recordings` (under the working directory)', meaning: 'Where `recordings/<run-id>/` (cast, video, frames) goes.' },
  { key: 'outputs.reports', type: 'folder', defaultText: '`reports` (under the working directory)', meaning: 'Where `reports/<run-id>/` (pretest.json, metrics, judgments, scorecards, status.json) goes.' },
  ...CRITERIA.map((c) => ({
    key: `compare.criteria.${c}`,
    type: 'number ≥ 0',
    meaning: `Points the ${c} score (offline or model) may drop before \`termlens compare\` calls it a regression; the model's spread widens it. \`compare.criteria: N\` sets all four.`,
  })),
  ...METRICS.map((m) => ({ key: `compare.metrics.${m.key}`, type: UNITS[m.unit], meaning: metricMeaning(m) })),
  { key: 'compare.pixels', type: 'number 0–1 \\| `off`', defaultText: '`off` (report only)', meaning: 'Largest share of changed pixels allowed in an aligned frame.' },
  { key: 'compare.cells', type: 'whole number ≥ 0 \\| `off`', defaultText: '`off` (report only)', meaning: 'Largest number of changed cells allowed on a compared screen.' },
  {
    key: 'matrix',
    type: 'mapping key → list of values, with `include:` / `exclude:` lists',
    defaultText: '— (one run)',
    meaning:
      'Makes the config a suite: every combination of the lists is a scenario (`size: [80x24, 120x36]`, `theme`, `prompts`, `vars.NAME`, or any key path such as `render.fontSize`), with `include`/`exclude` as in GitHub Actions. See [suites.md](suites.md).',
  },
];

/** The value of DEFAULTS at a dotted key, or undefined. */
export function defaultAt(key: string): unknown {
  let v: unknown = DEFAULTS;
  for (const part of key.split('.')) {
    if (v === null || typeof v !== 'object' || !(part in v)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function inlineValue(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return `\`[${value.join(', ')}]\``;
  if (typeof value === 'object') return Object.keys(value as object).length ? `\`${JSON.stringify(value)}\`` : '`{}`';
  return `\`${String(value)}\``;
}

export function documentedDefault(doc: KeyDoc): string {
  return doc.defaultText ?? inlineValue(defaultAt(doc.key));
}

/** The Markdown table of every key: name, type, default, meaning. */
export function configReferenceTable(): string {
  const rows = KEY_DOCS.map((d) => `| \`${d.key}\` | ${d.type} | ${documentedDefault(d)} | ${d.meaning} |`);
  return ['| key | type | default | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}
