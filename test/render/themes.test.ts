import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TermlensError } from '../../src/errors/index.js';
import { BUILTIN_THEMES, loadTheme, renderCast, themeFromCastHeader } from '../../src/render/index.js';
import { DEFAULT_SCHEME, toHex } from '../../src/terminal/index.js';
import { CaptureSink, pixelAt, tempDir, writeCast } from './helpers.js';

const hex = (rgb: readonly number[]) => toHex(rgb as [number, number, number]);

test('every built-in theme the issue names is there, with 16 ANSI colours', () => {
  const names = BUILTIN_THEMES.map((t) => t.name);
  for (const n of ['VHS', 'Dracula', 'Catppuccin Mocha', 'Catppuccin Latte', 'Tokyo Night', 'Nord', 'Gruvbox Dark', 'One Dark', 'Solarized Dark', 'Solarized Light', 'GitHub Dark', 'GitHub Light', 'Monokai']) {
    assert.ok(names.includes(n), `missing ${n}`);
  }
  for (const t of BUILTIN_THEMES) assert.equal(t.ansi.length, 16, t.name);
});

test('the default theme is VHS’s and equals the scheme the terminal module uses', async () => {
  const t = await loadTheme();
  assert.equal(t.name, 'VHS');
  assert.deepEqual(t.background, DEFAULT_SCHEME.background);
  assert.deepEqual(t.ansi, DEFAULT_SCHEME.ansi);
});

test('built-in themes carry their published colours', async () => {
  const dracula = await loadTheme('Dracula');
  assert.equal(hex(dracula.background), '#282a36');
  assert.equal(hex(dracula.foreground), '#f8f8f2');
  assert.equal(hex(dracula.ansi[1]!), '#ff5555');
  const nord = await loadTheme('Nord');
  assert.equal(hex(nord.background), '#2e3440');
  assert.equal(hex(nord.ansi[4]!), '#81a1c1');
  const latte = await loadTheme('Catppuccin Latte');
  assert.equal(hex(latte.background), '#eff1f5');
  const solarized = await loadTheme('Solarized Dark');
  assert.equal(hex(solarized.background), '#002b36');
  assert.equal(hex(solarized.ansi[9]!), '#cb4b16');
});

test('theme names match regardless of case, spaces, dashes and underscores', async () => {
  for (const spelling of ['tokyo night', 'TokyoNight', 'tokyo-night', 'TOKYO_NIGHT']) {
    assert.equal((await loadTheme(spelling)).name, 'Tokyo Night', spelling);
  }
});

test('an unknown theme is a usage error that suggests the closest name and lists them all', async () => {
  await assert.rejects(loadTheme('dracla'), (e: unknown) => {
    assert.ok(e instanceof TermlensError);
    assert.equal(e.code, 'usage');
    assert.match(e.message, /unknown theme "dracla"; did you mean "Dracula"\?/);
    assert.match(e.hint ?? '', /Catppuccin Mocha/);
    return true;
  });
  await assert.rejects(loadTheme('zzzzzzzzzz'), (e: unknown) => e instanceof TermlensError && e.code === 'usage' && !/did you mean/.test(e.message));
});

test('a Windows Terminal scheme file is read, purple as magenta', async () => {
  const path = join(await tempDir(), 'wt.json');
  const colours = ['black', 'red', 'green', 'yellow', 'blue', 'purple', 'cyan', 'white'];
  const scheme: Record<string, string> = { name: 'My Scheme', background: '#101010', foreground: '#e0e0e0', cursorColor: '#ff00ff', selectionBackground: '#333333' };
  colours.forEach((c, i) => {
    scheme[c] = `#0${i}0000`;
    scheme['bright' + c[0]!.toUpperCase() + c.slice(1)] = `#0${i}00ff`;
  });
  await writeFile(path, JSON.stringify(scheme));
  const t = await loadTheme(path);
  assert.equal(t.name, 'My Scheme');
  assert.equal(hex(t.background), '#101010');
  assert.equal(hex(t.cursor), '#ff00ff');
  assert.equal(hex(t.ansi[5]!), '#050000');
  assert.equal(hex(t.ansi[13]!), '#0500ff');
  assert.equal(hex(t.selection!), '#333333');
});

test('a VHS theme file is read, with magenta, cursor, cursorAccent and selection', async () => {
  const path = join(await tempDir(), 'vhs-theme.json');
  const theme = {
    name: 'VHS style',
    black: '#000000', red: '#aa0000', green: '#00aa00', yellow: '#aaaa00', blue: '#0000aa', magenta: '#aa00aa', cyan: '#00aaaa', white: '#aaaaaa',
    brightBlack: '#555555', brightRed: '#ff5555', brightGreen: '#55ff55', brightYellow: '#ffff55', brightBlue: '#5555ff', brightMagenta: '#ff55ff', brightCyan: '#55ffff', brightWhite: '#ffffff',
    background: '#1d1f21', foreground: '#c5c8c6', cursor: '#c5c8c7', cursorAccent: '#1d1f22', selection: '#373b41',
  };
  await writeFile(path, JSON.stringify(theme));
  const t = await loadTheme(path);
  assert.equal(hex(t.ansi[5]!), '#aa00aa');
  assert.equal(hex(t.ansi[13]!), '#ff55ff');
  assert.equal(hex(t.cursor), '#c5c8c7');
  assert.equal(hex(t.cursorAccent!), '#1d1f22');
  assert.equal(hex(t.selection!), '#373b41');
});

test('a theme file missing a colour names the missing key', async () => {
  const path = join(await tempDir(), 'broken.json');
  await writeFile(path, JSON.stringify({ background: '#000000', foreground: '#ffffff' }));
  await assert.rejects(loadTheme(path), (e: unknown) => e instanceof TermlensError && e.code === 'bad-input' && /missing "black"/.test(e.message));
});

function itermColor(key: string, r: number, g: number, b: number): string {
  return `\t<key>${key}</key>\n\t<dict>\n\t\t<key>Alpha Component</key>\n\t\t<real>1</real>\n\t\t<key>Blue Component</key>\n\t\t<real>${b}</real>\n\t\t<key>Color Space</key>\n\t\t<string>sRGB</string>\n\t\t<key>Green Component</key>\n\t\t<real>${g}</real>\n\t\t<key>Red Component</key>\n\t\t<real>${r}</real>\n\t</dict>\n`;
}

test('an iTerm2 .itermcolors plist is read, components 0–1 scaled to bytes', async () => {
  const path = join(await tempDir(), 'Night Owl.itermcolors');
  let body = '';
  for (let n = 0; n < 16; n++) body += itermColor(`Ansi ${n} Color`, n / 15, 0, 1 - n / 15);
  body += itermColor('Background Color', 0.0039, 0.0863, 0.1529);
  body += itermColor('Foreground Color', 0.8392, 0.8706, 0.9216);
  body += itermColor('Cursor Color', 0.5, 0.5, 0.5);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n${body}</dict>\n</plist>\n`;
  await writeFile(path, xml);
  const t = await loadTheme(path);
  assert.equal(t.name, 'Night Owl');
  assert.equal(hex(t.background), '#011627');
  assert.equal(hex(t.foreground), '#d6deeb');
  assert.deepEqual(t.ansi[0], [0, 0, 255]);
  assert.deepEqual(t.ansi[15], [255, 0, 0]);
  assert.deepEqual(t.cursor, [128, 128, 128]);
});

test('a cast header theme becomes a scheme; 8 colours serve as the bright ones too', () => {
  const t = themeFromCastHeader({ theme: { fg: '#aabbcc', bg: '#112233', palette: '#000000:#110000:#001100:#000011:#111100:#110011:#001111:#111111' } })!;
  assert.equal(hex(t.background), '#112233');
  assert.equal(hex(t.foreground), '#aabbcc');
  assert.equal(t.ansi.length, 16);
  assert.deepEqual(t.ansi[9], t.ansi[1]);
  assert.equal(themeFromCastHeader({}), undefined);
  assert.throws(() => themeFromCastHeader({ theme: { fg: '#fff', bg: 'nope', palette: '' } }), (e: unknown) => e instanceof TermlensError && /"nope"/.test(e.message));
});

test('a render uses the cast header’s theme unless another is chosen', async () => {
  const palette = Array.from({ length: 16 }, (_, i) => `#${(i * 16).toString(16).padStart(2, '0')}0000`).join(':');
  const cast = await writeCast([[0, 'hi']], { theme: { fg: '#eeeeee', bg: '#123456', palette } });
  const fromHeader = new CaptureSink();
  const a = await renderCast(cast, { sink: fromHeader, width: 320, height: 180, manifestPath: join(await tempDir(), 'v.json') });
  assert.deepEqual(pixelAt(fromHeader.last, a.manifest, 0, 0), [0x12, 0x34, 0x56]);
  const chosen = new CaptureSink();
  const b = await renderCast(cast, { sink: chosen, width: 320, height: 180, theme: 'Nord', manifestPath: join(await tempDir(), 'v.json') });
  assert.equal(b.manifest.theme, 'Nord');
  assert.deepEqual(pixelAt(chosen.last, b.manifest, 0, 0), [0x2e, 0x34, 0x40]);
});
