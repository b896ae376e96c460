/**
 * A tape's settings as renderer options, with a warning (naming the line)
 * for each setting the renderer cannot honour, and the tape's other outputs:
 * screenshots and the screen text after each command.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { quote, suggestName } from '../errors/index.js';
import type { Range } from '../errors/range.js';
import { RENDER_LIMITS } from '../render/defaults.js';
import { builtinThemeNames, findBuiltinTheme, renderCast, type RenderOptions } from '../render/index.js';
import { parseHex, replayCast } from '../terminal/index.js';
import { writeCastUntilMarker } from './run-cast.js';
import type { StepRole } from './run-steps.js';
import type { SourcePos, Tape, TapeDiagnostic } from './types.js';

/** Renderer options from a tape: everything but the output. */
export type TapeRenderOptions = Omit<RenderOptions, 'output' | 'framesDir' | 'sink' | 'signal' | 'onProgress' | 'manifestPath'>;

/** VHS's separator between screens in .txt/.ascii outputs: 80 box-drawing dashes. */
export const TEXT_OUTPUT_SEPARATOR = '─'.repeat(80);

/** Where `Set <name>` was written (the last one), for warnings; the tape's first line otherwise. */
export function settingPos(tape: Tape, sources: ReadonlyMap<string, readonly string[]>, name: string): SourcePos {
  const pattern = new RegExp(`^\\s*Set\\s+${name}\\b`);
  let found: SourcePos | undefined;
  for (const [file, lines] of sources) {
    lines.forEach((line, i) => {
      if (pattern.test(line)) found = { file, line: i + 1, column: line.search(/\S/) + 1 };
    });
  }
  return found ?? { file: tape.file, line: 1, column: 1 };
}

/**
 * Renderer options for the tape's settings. The font size is left to the
 * renderer's fit: the terminal's cols and rows already follow the tape's
 * FontSize the way VHS derives them, and the bundled font's whole-pixel
 * cells are a little larger than VHS's 0.6 × 1.2 em, so the tape's size
 * itself may not fit the window.
 */
export function tapeRenderOptions(tape: Tape, sources: ReadonlyMap<string, readonly string[]>): { options: TapeRenderOptions; warnings: TapeDiagnostic[] } {
  const s = tape.settings;
  const warnings: TapeDiagnostic[] = [];
  const warn = (setting: string, message: string) => warnings.push({ severity: 'warning', message, pos: settingPos(tape, sources, setting) });
  // VHS takes any number; the renderer has limits (render/defaults.ts), so a value past one is brought within it, with a warning.
  const within = (name: string, value: number, range: Range) => {
    const kept = Math.min(range.max, Math.max(range.min, value));
    if (kept !== value) warn(name, `${name} ${value} is ${value > range.max ? 'above' : 'below'} the renderer's ${value > range.max ? range.max : range.min}; ${kept} is used`);
    return kept;
  };
  const even = (name: string, value: number) => {
    if (value % 2 === 0) return value;
    warn(name, `${name} ${value} is odd; the video is ${value + 1} pixels instead, as video encoders need even sizes`);
    return value + 1;
  };

  const options: TapeRenderOptions = {
    width: even('Width', within('Width', s.width, RENDER_LIMITS.width)),
    height: even('Height', within('Height', s.height, RENDER_LIMITS.height)),
    lineHeight: within('LineHeight', s.lineHeight, RENDER_LIMITS.lineHeight),
    padding: within('Padding', s.padding, RENDER_LIMITS.padding),
    margin: within('Margin', s.margin, RENDER_LIMITS.margin),
    borderRadius: within('BorderRadius', s.borderRadius, RENDER_LIMITS.borderRadius),
    windowBarSize: within('WindowBarSize', s.windowBarSize, RENDER_LIMITS.windowBarSize),
    fps: within('Framerate', s.framerate, RENDER_LIMITS.fps),
    speed: within('PlaybackSpeed', s.playbackSpeed, RENDER_LIMITS.speed),
    ...(s.windowBar ? { windowBar: s.windowBar } : {}),
  };
  if (s.marginFill !== null) {
    if (parseHex(s.marginFill)) options.marginFill = s.marginFill;
    else warn('MarginFill', `MarginFill ${quote(s.marginFill)} is not a #rrggbb colour; image fills are not supported, so the theme's background is used`);
  }
  if (s.letterSpacing !== 1) warn('LetterSpacing', `LetterSpacing ${s.letterSpacing} is not supported; letters keep the font's own spacing`);
  if (s.loopOffsetPercent !== 0) warn('LoopOffset', `LoopOffset ${s.loopOffsetPercent}% is not supported; GIFs start at the beginning`);

  const theme = s.theme;
  if (theme.kind === 'inline') {
    options.theme = { ...theme.scheme, name: theme.name ?? 'tape theme', source: tape.file };
  } else if (theme.kind === 'name') {
    const found = findBuiltinTheme(theme.name);
    if (found) options.theme = found;
    else {
      const guess = suggestName(theme.name, builtinThemeNames());
      warn('Theme', `the theme ${quote(theme.name)} is not built in${guess ? ` (did you mean ${quote(guess)}?)` : ''}; VHS's default colours are used. Built-in themes: ${builtinThemeNames().join(', ')}`);
      options.theme = 'VHS';
    }
  } else {
    options.theme = 'VHS';
  }
  return { options, warnings };
}

/**
 * Write each screenshot: the cast up to the screenshot's marker, drawn as
 * one PNG frame by the renderer. Returns the files written, in tape order;
 * screenshots whose step never ran (the recording ended first) are skipped.
 */
export async function writeScreenshots(
  castPath: string,
  roles: readonly StepRole[],
  render: TapeRenderOptions,
  resolvePath: (written: string) => string,
  signal?: AbortSignal,
): Promise<string[]> {
  const shots = roles.flatMap((r, i) => (r.tape === 'screenshot' && r.path ? [{ marker: i + 1, path: r.path }] : []));
  if (shots.length === 0) return [];
  const work = await mkdtemp(join(tmpdir(), 'termlens-shot-'));
  const written: string[] = [];
  try {
    for (const [n, shot] of shots.entries()) {
      const cut = join(work, `shot-${n}.cast`);
      if (!(await writeCastUntilMarker(castPath, shot.marker, cut))) continue;
      const framesDir = join(work, `frames-${n}`);
      // One frame of everything up to the marker; its video.json stays in the scratch folder.
      await renderCast(cut, { ...render, framesDir, manifestPath: join(work, `video-${n}.json`), ...(signal ? { signal } : {}) });
      const png = (await readdir(framesDir)).filter((f) => f.endsWith('.png')).sort().at(-1);
      if (!png) continue;
      const target = resolvePath(shot.path);
      await mkdir(dirname(target), { recursive: true });
      await copyFile(join(framesDir, png), target);
      written.push(target);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return written;
}

/**
 * The text VHS writes to a .txt/.ascii output: after each command it ran
 * while recording, the visible screen's lines (trailing blanks trimmed),
 * then a separator line.
 */
export async function screenTexts(castPath: string, roles: readonly StepRole[]): Promise<string> {
  const parts: string[] = [];
  let marker = 0;
  await replayCast(castPath, {
    async onMarker(_event, screen) {
      const role = roles[marker++];
      if (!role || role.saves.length === 0) return;
      await screen.settle();
      // Trimmed as VHS trims (String.prototype.trimEnd): spaces the program wrote go too.
      const lines = screen.terminal.text().split('\n').map((l) => l.trimEnd());
      const text = lines.join('\n') + '\n' + TEXT_OUTPUT_SEPARATOR + '\n';
      for (let i = 0; i < role.saves.length; i++) parts.push(text);
    },
  });
  return parts.join('');
}

/** Write the screen texts to every text output. */
export async function writeTextOutputs(text: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
}
