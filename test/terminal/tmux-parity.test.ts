/**
 * Terminal correctness measured against an independent terminal: each real
 * program is recorded by termlens and run in tmux at the same size, and the
 * screen termlens replays from the cast must show the same text as
 * `tmux capture-pane` (and, where colours are the point, the same colours
 * and attributes cell by cell).
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { recordSession, type Step } from '../../src/record/index.js';
import { VirtualTerminal, screenAt, snapshotText, type Snapshot } from '../../src/terminal/index.js';
import { ROOT, tempDir } from '../record/helpers.js';
import { captureInTmux, normaliseScreen, tmuxAvailable } from './tmux.js';

const HAVE_TMUX = tmuxAvailable();
if (!HAVE_TMUX && process.env.CI === 'true') throw new Error('tmux is required in CI for the terminal parity tests (apt-get install tmux)');
const NO_TMUX = HAVE_TMUX ? false : 'tmux is not installed; the terminal parity tests need it (apt-get install tmux)';
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;

/** The same locale and colour settings for both terminals. */
const ENV = { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', COLORTERM: 'truecolor', LESS: '', LESSHISTFILE: '-', LS_COLORS: '' };

interface ParityCase {
  cols: number;
  rows: number;
  /** Run by sh in the case's folder. */
  script: string;
  cwd?: string;
  /** For full-screen programs: compare once this shows (while the program runs), then quit with `quit`. */
  ready?: RegExp;
  quit?: Step[];
  /** Also compare every cell's colours and attributes. */
  colours?: boolean;
  timeoutMs?: number;
}

async function termlensScreen(c: ParityCase, dir: string): Promise<Snapshot> {
  const scriptFile = join(dir, 'termlens.sh');
  writeFileSync(scriptFile, c.script);
  const steps: Step[] | undefined = c.ready
    ? [
        { kind: 'wait', pattern: c.ready.source, flags: c.ready.flags, timeoutMs: c.timeoutMs ?? 20_000 },
        { kind: 'sleep', ms: 500 },
        { kind: 'marker', label: 'compare' },
        ...(c.quit ?? []),
        { kind: 'wait-exit', timeoutMs: 10_000 },
      ]
    : undefined;
  const result = await recordSession({
    command: 'sh',
    args: [scriptFile],
    output: join(dir, 'parity.cast'),
    cols: c.cols,
    rows: c.rows,
    cwd: c.cwd ?? dir,
    env: ENV,
    steps,
    timeoutMs: c.timeoutMs ?? 30_000,
  });
  assert.ok(['exited', 'steps-done'].includes(result.outcome), `termlens recording ended ${result.outcome}: ${result.stepFailure?.message ?? ''}`);
  return (await screenAt(result.castPath, c.ready ? { marker: 'compare' } : { end: true })).snapshot;
}

/** Decode tmux's `capture-pane -e` output into cells with the same emulator, for a cell-by-cell comparison. */
async function cellsOfAnsi(ansi: string, cols: number, rows: number): Promise<Snapshot> {
  const vt = new VirtualTerminal({ cols, rows });
  // tmux writes each cell's style relative to the cell before, across line ends, so lines are joined as they are.
  await vt.write(ansi.replace(/\n$/, '').split('\n').join('\r\n'));
  const snap = vt.snapshot();
  vt.dispose();
  return snap;
}

function cellDifferences(ours: Snapshot, theirs: Snapshot): string[] {
  const out: string[] = [];
  for (let y = 0; y < ours.rows; y++) {
    for (let x = 0; x < ours.cols; x++) {
      const a = ours.lines[y]![x]!;
      const b = theirs.lines[y]![x]!;
      // Blank cells with default background look the same whatever their foreground.
      const blank = (c: typeof a) => c.char === ' ' && !(c.attrs & ~0) && c.bg === -1;
      if (blank(a) && blank(b)) continue;
      if (a.char !== b.char || a.fg !== b.fg || a.bg !== b.bg || a.attrs !== b.attrs || a.width !== b.width) {
        out.push(`row ${y + 1} col ${x + 1}: termlens ${JSON.stringify(a)} tmux ${JSON.stringify(b)}`);
      }
    }
  }
  return out;
}

async function assertParity(c: ParityCase): Promise<void> {
  const dir = await tempDir('termlens-parity-');
  const ours = await termlensScreen(c, dir);
  const theirs = await captureInTmux({ cols: c.cols, rows: c.rows, dir, cwd: c.cwd ?? dir, script: c.script, env: ENV, ready: c.ready, timeoutMs: c.timeoutMs });
  const oursText = normaliseScreen(snapshotText(ours));
  assert.equal(oursText, theirs.text, `the screens differ.\n--- termlens ---\n${oursText}\n--- tmux ---\n${theirs.text}\n`);
  assert.ok(oursText.trim().length > 0, 'the screen is not empty');
  if (c.colours) {
    const diffs = cellDifferences(ours, await cellsOfAnsi(theirs.ansi, c.cols, c.rows));
    assert.deepEqual(diffs.slice(0, 8), [], `${diffs.length} cells differ in colour or attributes`);
  }
}

describe('the replayed screen equals tmux for real programs', { skip: NO_TMUX }, () => {
  it('ls --color=always, in columns and in long form', async () => {
    const dir = await tempDir('termlens-ls-');
    mkdirSync(join(dir, 'docs'));
    mkdirSync(join(dir, 'src'));
    for (const name of ['notes.txt', 'archive.tar.gz', 'photo.png', 'a file with spaces.md', 'README']) writeFileSync(join(dir, name), 'x');
    for (let i = 1; i <= 14; i++) writeFileSync(join(dir, `file${String(i).padStart(2, '0')}.log`), 'y'.repeat(i));
    writeFileSync(join(dir, 'run.sh'), '#!/bin/sh\n');
    chmodSync(join(dir, 'run.sh'), 0o755);
    symlinkSync('notes.txt', join(dir, 'link-to-notes'));
    symlinkSync('missing-target', join(dir, 'broken-link'));
    await assertParity({
      cols: 72,
      rows: 30,
      cwd: dir,
      script: 'unset LS_COLORS\nls --color=always\nls -l --color=always --time-style=+%Y docs src run.sh link-to-notes broken-link README\n',
      colours: true,
    });
  });

  it('a colour and attribute test printed with printf: SGR attributes, 16, 256 and truecolor, wide characters and emoji', async () => {
    const script = [
      String.raw`printf '\033[1mbold\033[0m \033[2mdim\033[0m \033[3mitalic\033[0m \033[4munderline\033[0m \033[7minverse\033[0m \033[9mstrike\033[0m\n'`,
      String.raw`for i in 0 1 2 3 4 5 6 7; do printf "\033[3\${i}mfg3\$i\033[0m "; done; printf '\n'`,
      String.raw`for i in 0 1 2 3 4 5 6 7; do printf "\033[9\${i}mfg9\$i\033[0m "; done; printf '\n'`,
      String.raw`for i in 0 1 2 3 4 5 6 7; do printf "\033[4\${i}m bg4\$i \033[0m"; done; printf '\n'`,
      String.raw`for n in 16 52 88 124 160 196 202 208 214 220 226 232 244 255; do printf "\033[38;5;\${n}m\$n\033[0m "; done; printf '\n'`,
      String.raw`for n in 17 54 91 128 165; do printf "\033[48;5;\${n}m \$n \033[0m"; done; printf '\n'`,
      String.raw`printf '\033[38;2;255;100;0mtruecolor orange\033[0m \033[48;2;0;80;160m on blue \033[0m \033[1;3;4;38;2;10;200;120mall three\033[0m\n'`,
      String.raw`printf '\033[1;4;31mbold underline red\033[22m still underlined red\033[0m\n'`,
      String.raw`printf 'wide: 中文字符 | 日本語 | 한국어 end\n'`,
      String.raw`printf 'emoji: 😀 🎉 🚀 ✅ ❌ ⏳ done\n'`,
      String.raw`printf '┌──────┬──────┐\n│ box  │ ░▒▓█ │\n└──────┴──────┘\n'`,
      String.raw`printf 'braille ⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏ arrows ←↑→↓ check ✔ ✘\n'`,
    ].join('\n');
    await assertParity({ cols: 70, rows: 16, script, colours: true });
  });

  it('a program that redraws with carriage returns, cursor movement, erasing and wrapping', async () => {
    const script = [
      String.raw`printf 'Progress demo\n'`,
      String.raw`i=0; while [ $i -le 10 ]; do bar=$(printf '%*s' $i '' | tr ' ' '#'); printf '\r[%-10s] %3d%%' "$bar" $((i*10)); i=$((i+1)); sleep 0.01; done; printf '\n'`,
      String.raw`printf 'line A\nline B\nline C\n'`,
      String.raw`printf '\033[2A\033[2Kline B rewritten\n\n'`,
      String.raw`printf '\033[1;40Htop right\033[7;1H'`,
      String.raw`printf 'tab\tstop\tcheck\n'`,
      String.raw`printf 'abc\bX\n'`,
      String.raw`printf 'erase me please\033[6D\033[0K!\n'`,
      String.raw`printf '\033[s\033[3;30Hsaved-restored\033[u'`,
      String.raw`printf 'wrapped: %s\n' "$(printf '%075d' 0)"`,
      String.raw`printf 'spinner: '; for s in '|' '/' '-' '\\' '|'; do printf '%s\b' "$s"; sleep 0.01; done; printf 'done\n'`,
      String.raw`printf '\033[3;4r\033[3;1Hscroll-1\nscroll-2\nscroll-3\033[r\033[14;1Hafter region\n'`,
    ].join('\n');
    await assertParity({ cols: 60, rows: 16, script, colours: true });
  });

  it('less on a file, on the alternate screen, compared while it shows the file', async () => {
    const dir = await tempDir('termlens-less-');
    const lines = Array.from({ length: 120 }, (_, i) => `line ${String(i + 1).padStart(3, '0')}: ${'the quick brown fox jumps over the lazy dog '.repeat((i % 3) + 1).trim()}`);
    writeFileSync(join(dir, 'lines.txt'), lines.join('\n') + '\n');
    await assertParity({
      cols: 64,
      rows: 14,
      cwd: dir,
      script: 'exec less lines.txt\n',
      ready: /^line 001:[\s\S]*lines\.txt$/,
      quit: [{ kind: 'key', key: 'q' }],
      colours: true,
    });
  });

  it('vim on a file, compared while it shows the file', { skip: has('vim') ? false : 'vim is not installed' }, async () => {
    const dir = await tempDir('termlens-vim-');
    writeFileSync(join(dir, 'notes.txt'), 'first line\n\tindented with a tab\nwide 中文 and emoji 🎉\n' + 'x'.repeat(100) + '\nlast line\n');
    await assertParity({
      cols: 60,
      rows: 12,
      cwd: dir,
      script: 'exec vim -u NONE -i NONE -N -n notes.txt\n',
      ready: /"notes\.txt" \d+L, \d+B/,
      quit: [
        { kind: 'type', text: ':q!', speedMs: 20 },
        { kind: 'key', key: 'Enter' },
      ],
      colours: true,
    });
  });

  const demo = join(ROOT, 'examples', 'demo-target', 'main.ts');
  it('the demo target, to its final screen', { skip: existsSync(demo) ? false : `the demo target ${demo} does not exist yet` }, async () => {
    const logDir = await tempDir('termlens-demo-log-');
    await assertParity({
      cols: 100,
      rows: 32,
      cwd: ROOT,
      script: `exec node --import tsx ${demo} --seed 1 --speed 10 --log-dir ${logDir}\n`,
      timeoutMs: 60_000,
      colours: true,
    });
  });
});
