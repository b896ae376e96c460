import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SCHEME, resolveCellColors, type Snapshot } from '../../src/terminal/index.js';
import { replay, runDemo, type DemoRun } from './demo-target-run.js';

const SIZE = ['--cols', '100', '--rows', '30'];
const FAST = ['--speed', '20', ...SIZE];

const count = (text: string, needle: string) => text.split(needle).length - 1;

/** WCAG 2 contrast ratio of two RGB colours. */
function contrast(a: readonly number[], b: readonly number[]): number {
  const lum = (c: readonly number[]) =>
    c.map((v) => v / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i]!, 0);
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Share of letter cells whose text contrasts less than 3:1 with its background. */
function lowContrastShare(snap: Snapshot): number {
  let low = 0;
  let all = 0;
  for (const row of snap.lines) {
    for (const cell of row) {
      if (!/[A-Za-z]/.test(cell.char)) continue;
      const { fg, bg } = resolveCellColors(cell, DEFAULT_SCHEME);
      all++;
      if (contrast(fg, bg) < 3) low++;
    }
  }
  return low / all;
}

let cleanRun: Promise<DemoRun> | undefined;
const clean = () => (cleanRun ??= runDemo(['--seed', '3', ...FAST]));

test('the same seed and size give identical output bytes, and another seed different ones', async () => {
  const [a, b, c] = await Promise.all([clean(), runDemo(['--seed', '3', ...FAST]), runDemo(['--seed', '4', ...FAST])]);
  assert.equal(a.code, 0, a.stderr);
  assert.ok(a.stdout.length > 10_000);
  assert.equal(a.stdout, b.stdout);
  assert.notEqual(a.stdout, c.stdout);
});

test('it redraws in place: one screen clear, cursor moves, no scrolling, cursor hidden then restored', async () => {
  const run = await clean();
  assert.equal(count(run.stdout, '\x1b[2J'), 1);
  assert.equal(count(run.stdout, '\n'), 1, 'only the summary line ends with a newline');
  assert.ok(run.stdout.startsWith('\x1b[?25l'));
  assert.ok(run.stdout.lastIndexOf('\x1b[?25h') > run.stdout.lastIndexOf('\x1b[?25l'));
  assert.ok(count(run.stdout, '\x1b[?2026h') > 10, 'frames are drawn as synchronized updates');
});

test('the final screen shows the header, the voting results with the winner, the final answer and a summary', async () => {
  const run = await clean();
  const vt = await replay(run.stdout, 100, 30);
  const lines = vt.text().split('\n');
  assert.match(lines[0]!, /^╭─+╮$/);
  assert.match(lines[1]!, /Multi-Agent Coordination System .*Complete .*100%/);
  assert.match(lines[2]!, /Question: What are the trade-offs/);
  const text = vt.text();
  assert.match(text, /VOTING RESULTS/);
  assert.match(text, /🏆 agent_\w/);
  assert.match(text, /Final Presentation · agent_\w/);
  assert.match(text, /Status|✅ \d completed/);
  assert.match(lines[28]!, /^✅ Coordination complete in [\d.]+s · winner (agent_\w)/);
  const winner = /winner (agent_\w)/.exec(lines[28]!)![1]!;
  assert.match(text, new RegExp(`Final Presentation · ${winner}`));
  vt.dispose();
});

test('COLUMNS and LINES size the display when stdout is not a terminal', async () => {
  const run = await runDemo(['--speed', '40'], { env: { COLUMNS: '90', LINES: '26' } });
  const vt = await replay(run.stdout, 90, 26);
  assert.match(vt.text().split('\n')[0]!, /^╭─{88}╮$/);
  vt.dispose();
});

test('the flicker defect clears the whole screen and repaints every row on every frame', async () => {
  const [base, run] = await Promise.all([clean(), runDemo(['--seed', '3', '--defect', 'flicker', ...FAST])]);
  const frames = count(base.stdout, '\x1b[?2026h');
  assert.ok(count(run.stdout, '\x1b[2J') >= frames, `${count(run.stdout, '\x1b[2J')} clears for ${frames} frames`);
  // The header's top border never changes: drawn once normally, on every frame with flicker.
  assert.equal(count(base.stdout, '\x1b[1;1H'), 1);
  assert.ok(count(run.stdout, '\x1b[1;1H') >= frames);
});

test('the escape-debris defect leaves escape sequences visible as text on the screen', async () => {
  const [base, run] = await Promise.all([clean(), runDemo(['--seed', '3', '--defect', 'escape-debris', ...FAST])]);
  const debris = /\[0m|\^\[\[|\[39;49m|\\e\[/;
  const before = await replay(base.stdout, 100, 30);
  const after = await replay(run.stdout, 100, 30);
  assert.doesNotMatch(before.text(), debris);
  assert.match(after.text(), debris);
  assert.ok(run.stdout.includes('\x1b\x1b'), 'a lone ESC is written');
  before.dispose();
  after.dispose();
});

test('the low-contrast defect paints text dark grey on black, below 3:1, where the clean display stays readable', async () => {
  const [base, run] = await Promise.all([clean(), runDemo(['--seed', '3', '--defect', 'low-contrast', ...FAST])]);
  const before = await replay(base.stdout, 100, 30);
  const after = await replay(run.stdout, 100, 30);
  assert.ok(lowContrastShare(before.snapshot()) < 0.05, `clean: ${lowContrastShare(before.snapshot())}`);
  assert.ok(lowContrastShare(after.snapshot()) > 0.8, `low-contrast: ${lowContrastShare(after.snapshot())}`);
  assert.equal(before.text(), after.text(), 'only the colours change');
  before.dispose();
  after.dispose();
});

test('the no-status-icons defect drops status icons, spinners and state colours so all agents look alike', async () => {
  const [base, run] = await Promise.all([clean(), runDemo(['--seed', '3', '--defect', 'no-status-icons', ...FAST])]);
  for (const icon of ['⏳', '🔄', '✅', '🗳', '🏆', '⠋']) {
    assert.ok(base.stdout.includes(icon), `clean display has ${icon}`);
    assert.ok(!run.stdout.includes(icon), `no-status-icons still has ${icon}`);
  }
  const titles = /\x1b\[(?:1;)?38;2;([\d;]+)m(?:\S+ )?agent_[a-d] · (?:openai|claude|gemini|grok|ollama)/g;
  const titleColours = (out: string) => new Set([...out.matchAll(titles)].map((m) => m[1])).size;
  assert.ok(titleColours(base.stdout) >= 4, `clean titles use ${titleColours(base.stdout)} colours`);
  assert.equal(titleColours(run.stdout), 1);
});

test('the overflow defect writes rows wider than the terminal, which wrap and break the columns', async () => {
  const [base, run] = await Promise.all([clean(), runDemo(['--seed', '3', '--defect', 'overflow', '--speed', '20', '--cols', '100', '--rows', '40'])]);
  const wrapped = async (out: string, rows: number) => {
    const vt = await replay(out, 100, rows);
    const n = vt.wrappedRows().filter(Boolean).length;
    vt.dispose();
    return n;
  };
  assert.ok(run.stdout.includes('\x1b[?7h') && !run.stdout.includes('\x1b[?7l'), 'autowrap stays on');
  assert.equal(await wrapped(base.stdout, 30), 0);
  let peak = 0;
  // Replay frame by frame: the wrapped rows appear while agents stream.
  const frames = run.stdout.split('\x1b[?2026h');
  for (let i = 1; i <= frames.length; i += 3) peak = Math.max(peak, await wrapped(frames.slice(0, i).join('\x1b[?2026h'), 40));
  assert.ok(peak > 0, 'some rows wrapped');
});

test('the silent defect shows nothing for long stretches: far fewer frames and a long wait before the first one', async () => {
  const [base, run] = await Promise.all([clean(), runDemo(['--seed', '3', '--defect', 'silent', ...FAST])]);
  const frames = (r: DemoRun) => count(r.stdout, '\x1b[?2026h');
  assert.ok(frames(run) < frames(base) * 0.8, `${frames(run)} frames against ${frames(base)}`);
  // One-sided: a slow machine can only make the gaps look shorter relative to the run, never longer.
  const gaps = run.chunks.map((c, i) => c.ms - (i ? run.chunks[i - 1]!.ms : 0));
  assert.ok(Math.max(...gaps) > run.ms * 0.2, `longest gap ${Math.max(...gaps)} ms of ${run.ms} ms`);
});

test('colours follow the terminal: truecolor, 256 colours, the 16-colour fallback, or none with NO_COLOR', async () => {
  const [tc, c256, c16, none] = await Promise.all([
    runDemo(['--speed', '40', ...SIZE]),
    runDemo(['--speed', '40', ...SIZE], { env: { COLORTERM: '' } }),
    runDemo(['--speed', '40', ...SIZE], { env: { COLORTERM: '', TERM: 'xterm' } }),
    runDemo(['--speed', '40', ...SIZE], { env: { NO_COLOR: '1' } }),
  ]);
  const sgr = (out: string) => [...out.matchAll(/\x1b\[([\d;]*)m/g)].map((m) => m[1]!);
  assert.ok(sgr(tc.stdout).some((p) => p.includes('38;2;')));
  assert.ok(sgr(c256.stdout).some((p) => p.includes('38;5;')) && !c256.stdout.includes('38;2;'));
  assert.ok(sgr(c16.stdout).some((p) => /(^|;)(9[0-7]|3[0-7])$/.test(p)) && !/38;[25];/.test(c16.stdout));
  assert.ok(sgr(none.stdout).every((p) => !/(^|;)(3[0-8]|9[0-7])(;|$)/.test(p)), 'no colour codes');
  const [a, b] = await Promise.all([replay(tc.stdout, 100, 30), replay(c16.stdout, 100, 30)]);
  assert.equal(a.text(), b.text(), 'the same screen in any colour mode');
  a.dispose();
  b.dispose();
});

test('an erroring agent shows ❌ in red on its panel', async () => {
  const run = await runDemo(['--seed', '3', '--fault', 'agent-error', ...FAST]);
  assert.equal(run.code, 0);
  const vt = await replay(run.stdout, 100, 30);
  const snap = vt.snapshot();
  const row = snap.lines.find((l) => l.map((c) => c.char).join('').includes('❌ agent_c'))!;
  assert.ok(row, vt.text());
  const x = row.findIndex((c) => c.char === '❌');
  const { fg } = resolveCellColors(row[x + 3]!, DEFAULT_SCHEME);
  assert.ok(fg[0] > 200 && fg[1] < 120 && fg[2] < 120, `title colour ${fg}`);
  vt.dispose();
});

test('a crash restores the terminal, prints the error and exits 2', async () => {
  const run = await runDemo(['--fault', 'crash-after=0.4', ...SIZE]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /ERROR: Execution failed: lost connection/);
  assert.ok(run.stdout.endsWith('\r\n') && run.stdout.includes('\x1b[?25h\x1b['), 'cursor restored');
});

test('bad flags and unknown defects exit 1 naming the valid choices; --help exits 0', async () => {
  const bad = await runDemo(['--defect', 'sparkles']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /unknown defect 'sparkles'; valid defects: low-contrast, escape-debris, flicker, no-status-icons, overflow, silent/);
  assert.equal(bad.stdout, '');
  const flag = await runDemo(['--speeed', '2']);
  assert.equal(flag.code, 1);
  assert.match(flag.stderr, /unknown option '--speeed' \(did you mean '--speed'\?\)/);
  const help = await runDemo(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--defect NAME[\s\S]*--fault NAME[\s\S]*--automation[\s\S]*Exit codes/);
});
