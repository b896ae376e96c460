/**
 * The programs VHS needs, found before anything runs. VHS itself drives a
 * browser it downloads or finds on its own; what it cannot do without is
 * ttyd and ffmpeg on the PATH. termlens ships an ffmpeg, so that one is put
 * at the end of VHS's PATH as a fallback.
 */
import { dirname } from 'node:path';
import { delimiter } from 'node:path';
import { TermlensError } from '../errors/index.js';
import { ffmpegPath } from '../media/tools.js';
import { findExecutable } from '../find-executable.js';

export interface VhsTools {
  vhs: string;
  ttyd: string;
  ffmpeg: string;
  /** The PATH to run VHS with. */
  path: string;
}

const USE_PTY = 'or record with the default backend, which needs none of this: `record.backend: pty` in the config, or `--backend pty`';

/** The PATH VHS runs with: the given one, then the bundled ffmpeg's folder as a fallback. */
export function vhsPath(pathValue: string | undefined): string {
  let bundled: string | undefined;
  try {
    bundled = dirname(ffmpegPath());
  } catch {
    bundled = undefined;
  }
  return [pathValue, bundled].filter(Boolean).join(delimiter);
}

/** Find vhs, ttyd and ffmpeg; throws `missing-tool` (exit 2) naming what is missing and how to get it. */
export function findVhsTools(pathValue: string | undefined = process.env.PATH): VhsTools {
  const path = vhsPath(pathValue);
  const vhs = findExecutable('vhs', path);
  if (!vhs) {
    throw new TermlensError('the VHS backend needs the `vhs` program, which is not on the PATH', {
      code: 'missing-tool',
      stage: 'record',
      hint: `Install VHS (brew install vhs, go install github.com/charmbracelet/vhs@latest, or a release from https://github.com/charmbracelet/vhs/releases) with ttyd and ffmpeg, ${USE_PTY}.`,
    });
  }
  const ttyd = findExecutable('ttyd', path);
  if (!ttyd) {
    throw new TermlensError(`VHS is installed (${vhs}) but ttyd, which it runs the terminal in, is not on the PATH`, {
      code: 'missing-tool',
      stage: 'record',
      hint: `Install ttyd (apt install ttyd, brew install ttyd, or a release from https://github.com/tsl0922/ttyd/releases), ${USE_PTY}.`,
    });
  }
  const ffmpeg = findExecutable('ffmpeg', path);
  if (!ffmpeg) {
    throw new TermlensError('VHS needs ffmpeg, which is not on the PATH and the bundled one is missing', {
      code: 'missing-tool',
      stage: 'record',
      hint: `Run npm install to restore the bundled ffmpeg, or install ffmpeg (apt install ffmpeg), ${USE_PTY}.`,
    });
  }
  return { vhs, ttyd, ffmpeg, path };
}
