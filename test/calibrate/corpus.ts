/**
 * A small corpus in the manifest format of src/corpus/manifest.ts, written
 * into a temporary folder: a build panel, the same panel in dim grey text
 * (worse on visual clarity) and without its status icons and colours (worse
 * on status indicators). Handwritten casts, so the tests need no PTY.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CastWriter } from '../../src/cast/index.js';
import { tempDir } from '../helpers/paths.js';

type Look = 'clean' | 'dim' | 'plain';

const RESET = '\x1b[0m';
const fg = (hex: string) => `\x1b[38;2;${parseInt(hex.slice(1, 3), 16)};${parseInt(hex.slice(3, 5), 16)};${parseInt(hex.slice(5, 7), 16)}m`;

function screen(step: number, look: Look): string {
  const text = (s: string, hex: string) => (look === 'dim' ? `${fg('#3a3a3a')}${s}${RESET}` : look === 'plain' ? s : `${fg(hex)}${s}${RESET}`);
  const icon = (emoji: string, plain: string) => (look === 'plain' ? plain : emoji);
  const state = (i: number) => (i < step ? ['✅', '[ok]', 'done', '#50fa7b'] : i === step ? ['🔄', '[..]', 'working', '#f1fa8c'] : ['⏳', '[  ]', 'waiting', '#8be9fd']);
  const rows = ['fetch', 'compile', 'test', 'package'].map((name, i) => {
    const [emoji, plain, word, colour] = state(i);
    return `\x1b[${i + 3};1H\x1b[2K ${icon(emoji!, plain!)} ${text(name.padEnd(10), '#f8f8f2')} ${text(word!, colour!)}`;
  });
  const done = Math.round((step / 4) * 20);
  return `\x1b[1;1H\x1b[2K ${text('build panel', '#ff79c6')}  ${text(`${'█'.repeat(done)}${'░'.repeat(20 - done)} ${step * 25} %`, '#bd93f9')}` + rows.join('');
}

async function writeCast(file: string, look: Look): Promise<void> {
  const w = new CastWriter(file, { width: 48, height: 8 });
  w.write(0.1, 'o', '\x1b[2J');
  for (let step = 0; step <= 4; step++) w.write(0.2 + step * 0.6, 'o', screen(step, look));
  w.write(3.2, 'o', '\r\n');
  w.close();
}

/** The corpus folder, with corpus.yaml and casts/<id>.cast. */
export async function writeTestCorpus(): Promise<string> {
  const dir = join(await tempDir(), 'corpus');
  await mkdir(join(dir, 'casts'), { recursive: true });
  await writeCast(join(dir, 'casts', 'panel.cast'), 'clean');
  await writeCast(join(dir, 'casts', 'panel-dim.cast'), 'dim');
  await writeCast(join(dir, 'casts', 'panel-plain.cast'), 'plain');
  await writeFile(
    join(dir, 'corpus.yaml'),
    [
      'recordings:',
      '  - id: panel',
      '    program: build-panel --watch',
      '    kind: progress',
      '    expect: { visualClarity: [8, 10], statusIndicators: [6, 10] }',
      '  - id: panel-dim',
      '    program: build-panel --watch --dim-every-colour',
      '    kind: progress',
      '    expect: { visualClarity: [0, 5] }',
      '    variantOf: panel',
      '    attacks: visualClarity',
      '  - id: panel-plain',
      '    program: build-panel --watch --no-icons',
      '    kind: progress',
      '    expect: { statusIndicators: [0, 5] }',
      '    variantOf: panel',
      '    attacks: statusIndicators',
      '',
    ].join('\n'),
  );
  return dir;
}
