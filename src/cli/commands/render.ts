/** `termlens render`: draw a cast into a video (MP4, WebM, GIF) and/or PNG frames, plus video.json. */
import type { Command } from 'commander';
import { TermlensError } from '../../errors/index.js';
import { RENDER_DEFAULTS as D, RENDER_LIMITS as L } from '../../render/defaults.js';
import { renderCast, WINDOW_BAR_STYLES, type RenderOptions, type RenderProgress, type WindowBarStyle } from '../../render/index.js';
import { choiceFlag, rangeFlag, withRange } from '../parse.js';

interface RenderFlags {
  output?: string;
  frames?: string;
  width: number;
  height: number;
  fontSize?: number;
  padding: number;
  margin: number;
  marginFill?: string;
  borderRadius: number;
  fps: number;
  speed: number;
  idleTimeLimit?: number;
  theme?: string;
  windowBar?: WindowBarStyle;
}

/** Progress on a terminal: one line rewritten in place on stderr; nothing when piped. */
function progressReporter(): { update(p: RenderProgress): void; done(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const pct = p.duration > 0 ? Math.min(100, (100 * p.time) / p.duration) : 0;
      process.stderr.write(`\rrender: ${p.framesDone} frames, ${p.time.toFixed(1)}/${p.duration.toFixed(1)} s (${pct.toFixed(0)}%)  `);
    },
    done() {
      process.stderr.write('\r\x1b[K');
    },
  };
}

export function register(program: Command): void {
  program
    .command('render')
    .description('Render a cast to video (.mp4, .webm, .gif) and/or PNG frames, with video.json beside it.')
    .argument('<cast>', 'an asciicast v2 or v3 file')
    .option('-o, --output <file>', 'video to write: .mp4 (H.264), .webm (VP9) or .gif')
    .option('--frames <dir>', 'also write every distinct frame as a PNG into this directory')
    .option('--width <px>', withRange('frame width', L.width), rangeFlag('--width', L.width), D.width)
    .option('--height <px>', withRange('frame height', L.height), rangeFlag('--height', L.height), D.height)
    .option('--font-size <px>', withRange('font size (default: the largest that fits)', L.fontSize), rangeFlag('--font-size', L.fontSize))
    .option('--padding <px>', withRange('space around the cells', L.padding), rangeFlag('--padding', L.padding), D.padding)
    .option('--margin <px>', withRange('space around the window', L.margin), rangeFlag('--margin', L.margin), D.margin)
    .option('--margin-fill <#rrggbb>', 'colour of the margin (default: the theme background)')
    .option('--border-radius <px>', withRange('rounded window corners (with a margin)', L.borderRadius), rangeFlag('--border-radius', L.borderRadius), D.borderRadius)
    .option('--fps <n>', withRange('frame-rate cap', L.fps), rangeFlag('--fps', L.fps), D.fps)
    .option('--speed <x>', withRange('playback speed', L.speed), rangeFlag('--speed', L.speed), D.speed)
    .option('--idle-time-limit <s>', withRange("longest pause kept, in seconds (default: the cast's own limit)", L.idleTimeLimit), rangeFlag('--idle-time-limit', L.idleTimeLimit))
    .option('--theme <name|file>', `built-in theme name, or a Windows Terminal/VHS .json or iTerm2 .itermcolors file (default: the cast's, else ${D.theme})`)
    .option('--window-bar <style>', `window bar: ${WINDOW_BAR_STYLES.join(', ')}`, choiceFlag('--window-bar', WINDOW_BAR_STYLES))
    .action(async (cast: string, flags: RenderFlags) => {
      if (!flags.output && !flags.frames) {
        throw new TermlensError('nothing to write', { code: 'usage', stage: 'cli', hint: 'Give -o OUT.mp4 (or .webm, .gif), --frames DIR, or both.' });
      }
      const abort = new AbortController();
      const onSigint = () => abort.abort();
      process.once('SIGINT', onSigint);
      const progress = progressReporter();
      const options: RenderOptions = {
        ...(flags.output ? { output: flags.output } : {}),
        ...(flags.frames ? { framesDir: flags.frames } : {}),
        width: flags.width,
        height: flags.height,
        ...(flags.fontSize !== undefined ? { fontSize: flags.fontSize } : {}),
        padding: flags.padding,
        margin: flags.margin,
        ...(flags.marginFill ? { marginFill: flags.marginFill } : {}),
        borderRadius: flags.borderRadius,
        fps: flags.fps,
        speed: flags.speed,
        ...(flags.idleTimeLimit !== undefined ? { idleTimeLimit: flags.idleTimeLimit } : {}),
        ...(flags.theme ? { theme: flags.theme } : {}),
        ...(flags.windowBar ? { windowBar: flags.windowBar } : {}),
        onProgress: progress.update,
        signal: abort.signal,
      };
      try {
        const result = await renderCast(cast, options);
        progress.done();
        const m = result.manifest;
        const what = [result.output, result.framesDir && `${result.frameCount} PNG frames in ${result.framesDir}`].filter(Boolean).join(' and ');
        process.stdout.write(
          `wrote ${what}: ${result.frameCount} frames, ${m.duration.toFixed(2)} s, ${m.width}×${m.height}, font ${m.fontSize} px, theme ${m.theme} (${(result.elapsedMs / 1000).toFixed(1)} s)\n` +
            `wrote ${result.manifestPath}\n`,
        );
      } finally {
        progress.done();
        process.removeListener('SIGINT', onSigint);
      }
    });
}
