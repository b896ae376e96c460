import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contrastRatio, relativeLuminance } from '../../src/inspect/index.js';
import { parseHex } from '../../src/terminal/colors.js';

const hex = (h: string) => parseHex(h)!;

test('black on white has the maximum WCAG contrast of 21:1', () => {
  assert.equal(contrastRatio(hex('#000'), hex('#fff')), 21);
});

test('#777 on white is about 4.48:1, just under the AA threshold for text', () => {
  assert.equal(Math.round(contrastRatio(hex('#777'), hex('#fff')) * 100) / 100, 4.48);
});

test('contrast does not depend on which colour is the text', () => {
  assert.equal(contrastRatio(hex('#3366cc'), hex('#f0e68c')), contrastRatio(hex('#f0e68c'), hex('#3366cc')));
  assert.equal(contrastRatio(hex('#abcdef'), hex('#abcdef')), 1);
});

test('relative luminance follows the sRGB curve (mid grey #808080 is about 0.216)', () => {
  assert.equal(Math.round(relativeLuminance(hex('#808080')) * 1000) / 1000, 0.216);
  assert.equal(relativeLuminance(hex('#fff')), 1);
});
