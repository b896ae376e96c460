import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineText, lineWidth } from '../../examples/demo-target/ansi/styled.js';
import { buildScenario } from '../../examples/demo-target/scenario/build.js';
import { stateAt } from '../../examples/demo-target/scenario/state.js';
import { DEFAULT_QUESTION } from '../../examples/demo-target/scenario/text.js';
import { composeFrame, columnsThatFit, RESERVED_ROWS } from '../../examples/demo-target/display/layout.js';
import { ScreenWriter } from '../../examples/demo-target/display/screen-writer.js';
import { makeTheme } from '../../examples/demo-target/display/theme.js';
import { VirtualTerminal, type Snapshot } from '../../src/terminal/index.js';

const SIZES: Array<[number, number]> = [[80, 24], [120, 36], [160, 45], [60, 18], [200, 50]];

/**
 * Every box on the screen is closed: from each top-left corner, its top-right
 * corner on the same row, straight sides down to a bottom edge with both corners.
 */
function assertBoxesClosed(snap: Snapshot, where: string): number {
  const kinds = [
    { tl: '╭', tr: '╮', v: '│', bl: '╰', br: '╯' },
    { tl: '╔', tr: '╗', v: '║', bl: '╚', br: '╝' },
  ];
  const at = (x: number, y: number) => snap.lines[y]?.[x]?.char;
  let boxes = 0;
  for (let y = 0; y < snap.rows; y++) {
    for (let x = 0; x < snap.cols; x++) {
      const k = kinds.find((k) => k.tl === at(x, y));
      if (!k) continue;
      let x2 = x + 1;
      while (x2 < snap.cols && at(x2, y) !== k.tr) x2++;
      assert.ok(x2 < snap.cols, `${where}: box at ${x},${y} has no top-right corner`);
      let y2 = y + 1;
      while (y2 < snap.rows && at(x, y2) === k.v) {
        assert.equal(at(x2, y2), k.v, `${where}: right side of box at ${x},${y} broken on row ${y2}`);
        y2++;
      }
      assert.equal(at(x, y2), k.bl, `${where}: box at ${x},${y} has no bottom-left corner (row ${y2})`);
      assert.equal(at(x2, y2), k.br, `${where}: box at ${x},${y} has no bottom-right corner`);
      boxes++;
    }
  }
  return boxes;
}

test('at every size and agent count, each frame fits the terminal, redraws exactly, and every box is closed', async () => {
  const theme = makeTheme({ lowContrast: false, noStatusIcons: false });
  for (const [cols, rows] of SIZES) {
    for (const agentCount of [2, 3, 4]) {
      const s = buildScenario({ question: DEFAULT_QUESTION, agentCount, seed: String(cols + agentCount) });
      const vt = new VirtualTerminal({ cols, rows, scrollback: 0 });
      const writer = new ScreenWriter({ cols, rows, level: 'truecolor', flicker: false, overflow: false, debris: false, fill: undefined, altScreen: false });
      await vt.write(writer.start());
      let frame = 0;
      for (let t = 0; t <= s.end + 0.5; t += 0.7, frame++) {
        const where = `${cols}x${rows}, ${agentCount} agents, t=${t.toFixed(1)}`;
        const lines = composeFrame(stateAt(s, Math.min(t, s.end)), s, { cols, rows, theme, frame, question: s.question, logPath: '/tmp/logs/coordination.log', debris: false, overflow: false });
        assert.ok(lines.length <= rows - RESERVED_ROWS, `${where}: ${lines.length} lines`);
        for (const l of lines) assert.ok(lineWidth(l) <= cols, `${where}: a line is ${lineWidth(l)} wide: ${lineText(l)}`);
        await vt.write(writer.frame(lines));
        const screen = vt.text().split('\n');
        lines.forEach((l, i) => assert.equal(screen[i]!.trimEnd(), lineText(l).trimEnd(), `${where}: row ${i} differs after the redraw`));
        const boxes = assertBoxesClosed(vt.snapshot(), where);
        assert.ok(boxes >= 1, `${where}: no box on screen`);
      }
      vt.dispose();
    }
  }
});

test('narrow terminals get fewer columns, and the agents that do not fit still appear on a status strip', () => {
  assert.equal(columnsThatFit(160, 4), 4);
  assert.equal(columnsThatFit(80, 4), 2 + 1);
  assert.equal(columnsThatFit(60, 3), 2);
  const s = buildScenario({ question: DEFAULT_QUESTION, agentCount: 4, seed: '1' });
  const theme = makeTheme({ lowContrast: false, noStatusIcons: false });
  const lines = composeFrame(stateAt(s, 5), s, { cols: 60, rows: 24, theme, frame: 0, question: s.question, logPath: '/l', debris: false, overflow: false });
  const text = lines.map(lineText).join('\n');
  for (const id of ['agent_a', 'agent_b', 'agent_c', 'agent_d']) assert.ok(text.includes(id), `${id} missing at 60 columns`);
});

test('the final screen shows the whole final answer, even at 80x24', () => {
  const theme = makeTheme({ lowContrast: false, noStatusIcons: false });
  for (const [cols, rows] of [[80, 24], [120, 36]] as const) {
    const s = buildScenario({ question: DEFAULT_QUESTION, agentCount: 3, seed: '2' });
    const lines = composeFrame(stateAt(s, s.end), s, { cols, rows, theme, frame: 0, question: s.question, logPath: '/l', debris: false, overflow: false });
    const text = lines.map(lineText).join(' ').replace(/[│\s]+/g, ' ');
    for (const paragraph of s.finalAnswer.split('\n')) {
      const plain = paragraph.replace(/^## /, '').replace(/^- /, '• ');
      assert.ok(text.includes(plain), `${cols}x${rows}: "${plain}" is not fully on screen`);
    }
  }
});
