import assert from 'node:assert/strict';
import { mkdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { DEFAULTS, configFromObject, configFromYaml, loadConfig } from '../../src/config/index.js';
import { TermlensError, exitCodeFor } from '../../src/errors/index.js';
import { load, loadError, tempDir, writeConfig } from './helpers.js';

test('a config with only a command gets every default filled in', () => {
  const path = writeConfig('command: htop\n');
  const c = loadConfig(path, { cwd: '/srv/work' });
  assert.equal(c.name, 'config');
  assert.equal(c.command, 'htop');
  assert.deepEqual(c.vars, {});
  assert.equal(c.pretest, null);
  assert.equal(c.record.cols, 80);
  assert.equal(c.record.rows, 24);
  assert.equal(c.record.width, null);
  assert.equal(c.record.cwd, dirname(path));
  assert.deepEqual(c.record.steps, []);
  assert.equal(c.record.tape, null);
  assert.equal(c.record.backend, 'pty');
  assert.equal(c.record.timeout, 300);
  assert.deepEqual(c.render, { theme: 'VHS', fontSize: null, width: 1920, height: 1080, fps: 30, padding: 40, windowBar: 'none', speed: 1, idleTimeLimit: null, formats: ['mp4'] });
  assert.deepEqual(c.frames, { count: 12, strategy: 'distinct', times: [], maxShortSide: 768, maxLongSide: 2000, format: 'png', grid: true });
  assert.deepEqual(c.judge, { ...DEFAULTS.judge, minScores: {} });
  assert.deepEqual(c.outputs, { recordings: '/srv/work/recordings', reports: '/srv/work/reports' });
});

test('the keys of the issue example load as written', () => {
  const c = load(`
name: my-cli
command: "my-cli --config team.yaml '{{question}}'"
vars: { question: "What is 2+2?" }
pretest: { command: "my-cli --automation", protocol: massgen, smokeSeconds: 45, timeout: 120s }
record: { cols: 160, rows: 45, env: {}, cwd: ., steps: [], timeout: 300s }
render: { theme: Dracula, fontSize: 15, width: 1920, height: 1080, fps: 30, formats: [mp4] }
frames: { count: 12, strategy: distinct }
judge: { provider: openai, model: gpt-4.1-mini, prompts: default, samples: 3, minScores: { visualClarity: 6 } }
`);
  assert.equal(c.name, 'my-cli');
  assert.deepEqual(c.pretest, { command: 'my-cli --automation', protocol: 'massgen', smokeSeconds: 45, timeout: 120, stallSeconds: 30 });
  assert.equal(c.record.cols, 160);
  assert.equal(c.render.theme, 'Dracula');
  assert.equal(c.render.fontSize, 15);
  assert.equal(c.judge.provider, 'openai');
  assert.deepEqual(c.judge.minScores, { visualClarity: 6 });
});

test('durations accept seconds, minutes, milliseconds and bare numbers', () => {
  const c = load('command: x\npretest: { timeout: 5m, smokeSeconds: 1500ms }\nrecord: { timeout: 90 }\nrender: { idleTimeLimit: 2.5s }\n');
  assert.equal(c.pretest!.timeout, 300);
  assert.equal(c.pretest!.smokeSeconds, 1.5);
  assert.equal(c.record.timeout, 90);
  assert.equal(c.render.idleTimeLimit, 2.5);
});

test('a window size in pixels gives the cells VHS would show, and the video keeps that window', () => {
  const c = load('command: x\nrecord: { width: 1920, height: 1080, fontSize: 15 }\n');
  assert.deepEqual([c.record.cols, c.record.rows], [200, 53]);
  assert.deepEqual([c.record.width, c.record.height, c.record.fontSize, c.record.padding], [1920, 1080, 15, 60]);
  assert.deepEqual([c.render.width, c.render.height, c.render.fontSize, c.render.padding], [1920, 1080, 15, 60]);
});

test('a bad value is reported with its key path, the quoted value, what is allowed and file:line:column', () => {
  const path = writeConfig('command: x\nrender:\n  fps: abc\n');
  assert.throws(
    () => loadConfig(path),
    (e: TermlensError) => {
      assert.equal(e.code, 'config');
      assert.equal(exitCodeFor(e), 1);
      assert.match(e.message, new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:8: render\\.fps "abc" is not a whole number from 1 to 120`));
      assert.match(e.message, /3 \|   fps: abc\n\s+\|\s{8}\^/);
      return true;
    },
  );
});

test('an unknown key is an error with did-you-mean, never a silent default', () => {
  const e = loadError('command: x\nrender:\n  fsp: 60\n');
  assert.match(e.message, /:3:3: unknown key "fsp" in render \(did you mean "fps"\?\); allowed: theme, fontSize/);
  const top = loadError('command: x\nredner: {}\n');
  assert.match(top.message, /unknown key "redner" at the top level \(did you mean "render"\?\)/);
});

test('a misspelt choice suggests the closest allowed one', () => {
  const e = loadError('command: x\npretest: { protocol: masgen }\n');
  assert.match(e.message, /pretest\.protocol "masgen" is not one of "exit-code", "smoke", "massgen" \(did you mean "massgen"\?\)/);
  const theme = loadError('command: x\nrender: { theme: Draculla }\n');
  assert.match(theme.message, /render\.theme "Draculla" is not a built-in theme \(did you mean "Dracula"\?\)/);
});

test('every problem is reported at once, in the order of the file', () => {
  const e = loadError('command: x\nframes: { count: 0 }\nrender: { fps: 500, speed: fast }\n');
  const lines = e.message.split('\n').filter((l) => /^\s+\S+:\d+:\d+: /.test(l));
  assert.match(e.message, /^3 problems in /);
  assert.deepEqual(
    lines.map((l) => /: (\S+) /.exec(l.trim())![1]),
    ['frames.count', 'render.fps', 'render.speed'],
  );
});

test('a YAML syntax error names the line and column', () => {
  const e = loadError('command: x\nrender:\n  fps: 30\n   theme: Dracula\n');
  assert.equal(e.code, 'config');
  assert.match(e.message, /config\.yaml:3:8: not valid YAML: Nested mappings are not allowed/);
  assert.match(e.message, /3 \|   fps: 30\n\s+\|\s{8}\^/);
});

test('a config that is not a mapping, or has no command, says what is expected', () => {
  assert.match(loadError('- a\n- b\n').message, /must be a mapping .* got a list/);
  assert.match(loadError('name: x\n').message, /command: is missing; give the shell command/);
});

test('a missing config file is a not-found error', () => {
  assert.throws(() => loadConfig(join(tempDir(), 'nope.yaml')), (e: TermlensError) => e.code === 'not-found' && /does not exist/.test(e.message));
});

test('paths are taken from the config file\'s folder and must exist', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'app'));
  const path = join(dir, 'config.yaml');
  const c = configFromYaml('command: x\nrecord: { cwd: app }\n', path);
  assert.equal(c.record.cwd, join(dir, 'app'));
  const e = loadError('command: x\nrecord: { cwd: missing-folder }\n');
  assert.match(e.message, /record\.cwd "missing-folder" is not a folder: there is no ".*missing-folder"/);
});

test('sizes in cells and in pixels cannot be mixed, and cols needs rows', () => {
  assert.match(loadError('command: x\nrecord: { cols: 100, rows: 30, width: 800 }\n').message, /either in cells \(cols, rows\) or as a window/);
  assert.match(loadError('command: x\nrecord: { cols: 100 }\n').message, /record\.cols is given without record\.rows/);
});

test('inline steps are parsed, and a bad step is reported at its line in the config', () => {
  const c = load('command: bash\nrecord:\n  steps:\n    - type: ls\n    - key: Enter\n    - wait: /\\$ $/\n');
  assert.deepEqual(
    c.record.steps.map((s) => [s.kind, s.source?.line]),
    [['type', 4], ['key', 5], ['wait', 6]],
  );
  const e = loadError('command: bash\nrecord:\n  steps:\n    - type: ls\n    - kye: Enter\n');
  assert.match(e.message, /config\.yaml:5:7: record\.steps step 2: unknown step "kye" \(did you mean "key"\?\)/);
});

test('steps may come from a file beside the config', () => {
  const c = load('command: bash\nrecord: { steps: steps.yaml }\n', { 'steps.yaml': '- type: echo hi\n- key: Enter\n' });
  assert.equal(c.record.steps.length, 2);
  assert.match(c.record.stepsFile!, /steps\.yaml$/);
  assert.match(loadError('command: bash\nrecord: { steps: nope.yaml }\n').message, /record\.steps "nope\.yaml" is not a steps file/);
});

test('a tape replaces steps and the command, but not both steps and a tape', () => {
  const c = load('record: { tape: demo.tape }\n', { 'demo.tape': 'Type "ls"\nEnter\n' });
  assert.equal(c.command, null);
  assert.match(c.record.tape!, /demo\.tape$/);
  assert.match(loadError('command: x\nrecord: { tape: demo.tape, steps: [{ key: Enter }] }\n', { 'demo.tape': 'Enter\n' }).message, /either steps or a tape, not both/);
});

test('a theme may be a built-in name in any spelling or a file beside the config', () => {
  assert.equal(load('command: x\nrender: { theme: catppuccin-mocha }\n').render.theme, 'Catppuccin Mocha');
  const c = load('command: x\nrender: { theme: ./mine.json }\n', { 'mine.json': '{}' });
  assert.match(c.render.theme, /^\/.*mine\.json$/);
  assert.match(loadError('command: x\nrender: { theme: ./other.json }\n').message, /is not a theme file/);
});

test('the pre-test is off unless configured, and defaults to the main command under the smoke protocol', () => {
  assert.equal(load('command: x\npretest: false\n').pretest, null);
  assert.deepEqual(load('command: my-app\npretest: {}\n').pretest, { command: 'my-app', protocol: 'smoke', smokeSeconds: 45, timeout: 120, stallSeconds: 30 });
});

test('a smoke window that could never end before the timeout is refused', () => {
  assert.match(loadError('command: x\npretest: { smokeSeconds: 60, timeout: 30s }\n').message, /pretest\.smokeSeconds "60" is not shorter than pretest\.timeout \(30s\)/);
  assert.match(loadError('command: x\npretest: { protocol: smoke, smokeSeconds: 0 }\n').message, /smoke protocol needs a window longer than 0s/);
  assert.equal(load('command: x\npretest: { protocol: massgen, smokeSeconds: 0 }\n').pretest!.smokeSeconds, 0);
});

test('an API key in the config is refused and the right key named', () => {
  const e = loadError('command: x\njudge: { provider: openai, apiKey: sk-abc }\n');
  assert.match(e.message, /judge\.apiKey: a config file never holds an API key; .*apiKeyEnv/);
  assert.doesNotMatch(e.message.split('\n')[0]!, /unknown key/);
});

test('frame strategy times needs times, and the short side cannot exceed the long side', () => {
  assert.match(loadError('command: x\nframes: { strategy: times }\n').message, /frames\.strategy "times" needs frames\.times/);
  assert.deepEqual(load('command: x\nframes: { strategy: times, times: [1, 2.5] }\n').frames.times, [1, 2.5]);
  assert.match(loadError('command: x\nframes: { maxShortSide: 3000, maxLongSide: 2000 }\n').message, /is larger than frames\.maxLongSide/);
});

test('vars and env values written as numbers or booleans become text', () => {
  const c = load('command: "x {{seed}}"\nvars: { seed: 7, fast: true }\nrecord: { env: { DEBUG: 1 } }\n');
  assert.deepEqual(c.vars, { seed: '7', fast: 'true' });
  assert.deepEqual(c.record.env, { DEBUG: '1' });
  assert.match(loadError('command: x\nvars: { env: 1 }\n').message, /vars: the name "env" is reserved/);
});

test('variables given when loading override the file\'s', () => {
  const c = load('command: "ask {{question}}"\nvars: { question: old }\n', {}, { vars: { question: 'new' } });
  assert.equal(c.vars.question, 'new');
});

test('a config object is validated the same way, with paths taken from the given folder', () => {
  const dir = realpathSync(tempDir());
  const c = configFromObject({ command: 'top', record: { cols: 100, rows: 30 } }, dir);
  assert.equal(c.record.cwd, dir);
  assert.equal(c.source.file, null);
  assert.equal(c.name, 'target');
  assert.throws(() => configFromObject({ command: 'top', render: { fps: 0 } }, dir), /config: render\.fps "0" is not a whole number from 1 to 120/);
});

test('the positions of the commands are kept for later messages', () => {
  const path = writeConfig('name: a\ncommand: "run {{question}}"\nvars: { question: q }\npretest:\n  command: "run --automation"\n');
  const c = loadConfig(path);
  assert.equal(c.source.positions.command, `${path}:2:10`);
  assert.equal(c.source.positions['pretest.command'], `${path}:5:12`);
});
