import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TermlensError } from '../../src/errors/index.js';
import { describeStep, parseSteps, stepMarkerLabel, waitRegExp, type Step } from '../../src/record/index.js';

function parseError(text: string, file = 'steps.yaml'): TermlensError {
  try {
    parseSteps(text, file);
  } catch (e) {
    assert.ok(e instanceof TermlensError, 'a TermlensError');
    return e;
  }
  assert.fail('expected the step file to be rejected');
}

describe('step files', () => {
  it('reads every kind of step from YAML, with durations in ms and the source line', () => {
    const steps = parseSteps(
      [
        'steps:',
        '  - type: "ls -la"',
        '    speed: 20ms',
        '  - key: Enter',
        '  - key: ctrl+c',
        '  - key: Down',
        '    count: 3',
        '  - sleep: 500ms',
        '  - sleep: 2',
        '  - wait: /\\$ $/',
        '    scope: line',
        '    timeout: 10s',
        '  - wait: Ready',
        '  - resize: 100x30',
        '  - marker: listing shown',
        '  - wait-exit',
      ].join('\n'),
      'steps.yaml',
    );
    const bare = steps.map(({ source: _s, ...rest }) => rest);
    assert.deepEqual(bare, [
      { kind: 'type', text: 'ls -la', speedMs: 20 },
      { kind: 'key', key: 'Enter' },
      { kind: 'key', key: 'Ctrl+C' },
      { kind: 'key', key: 'Down', count: 3 },
      { kind: 'sleep', ms: 500 },
      { kind: 'sleep', ms: 2000 },
      { kind: 'wait', pattern: '\\$ $', scope: 'line', timeoutMs: 10_000 },
      { kind: 'wait', pattern: 'Ready' },
      { kind: 'resize', cols: 100, rows: 30 },
      { kind: 'marker', label: 'listing shown' },
      { kind: 'wait-exit' },
    ] satisfies Step[]);
    assert.deepEqual(steps[3]!.source, { file: 'steps.yaml', line: 6, column: 5 });
  });

  it('reads the same steps from a JSON list', () => {
    const steps = parseSteps('[{"type": "q", "speed": 0}, {"key": "Alt+x", "count": 2}, {"wait-exit": "5s"}]', 'steps.json');
    assert.deepEqual(
      steps.map(({ source: _s, ...rest }) => rest),
      [
        { kind: 'type', text: 'q', speedMs: 0 },
        { kind: 'key', key: 'Alt+x', count: 2 },
        { kind: 'wait-exit', timeoutMs: 5000 },
      ],
    );
  });

  it('names the step, its line, the key and the bad value for each problem, all at once', () => {
    const error = parseError(['- tpye: hi', '- key: Down', '  count: three', '- sleep: soon', '- type: x', '  sped: 1ms'].join('\n'));
    assert.equal(error.code, 'config');
    const lines = error.message.split('\n');
    assert.match(lines[0]!, /4 problems in "steps.yaml"/);
    assert.match(error.message, /steps\.yaml:1:3: step 1: unknown step "tpye" \(did you mean "type"\?\)/);
    assert.match(error.message, /steps\.yaml:2:3: step 2 \(key\): count "three" is not a whole number/);
    assert.match(error.message, /steps\.yaml:4:3: step 3 \(sleep\): "soon" is not a duration like 500ms, 2s or 1m/);
    assert.match(error.message, /steps\.yaml:5:3: step 4 \(type\): unknown setting "sped" \(did you mean "speed"\?\)/);
    assert.ok(error.hint, 'a hint shows what steps look like');
  });

  it('rejects unknown key names with a suggestion', () => {
    const error = parseError('- key: Ctrl+Entr');
    assert.match(error.message, /step 1 \(key\): "Ctrl\+Entr" is not a key: "Entr" is not a key name \(did you mean "Enter"\?\)/);
  });

  it('rejects a wait pattern that is not a regular expression, and flags a wait cannot use', () => {
    assert.match(parseError('- wait: /([a/').message, /step 1 \(wait\): "\/\(\[a\/" is not a valid regular expression \(Unterminated character class\)/);
    assert.match(parseError('- wait: /x/g').message, /has flags "g"/);
  });

  it('rejects a bad size, an empty marker, a verb without value and two verbs in one step', () => {
    assert.match(parseError('- resize: 100').message, /step 1 \(resize\): "100" is not a size such as 100x30/);
    assert.match(parseError('- marker: ""').message, /step 1 \(marker\): "" is empty/);
    assert.match(parseError('- sleep').message, /step 1: "sleep" needs a value, e.g. "- sleep: 1s"/);
    assert.match(parseError('- {type: a, key: b}').message, /step 1: a step does one thing, but this one has "type" and "key"/);
  });

  it('reports YAML syntax errors with line and column, and an empty file', () => {
    assert.match(parseError('steps: [\n').message, /^steps\.yaml:\d+:\d+: not valid YAML or JSON/);
    assert.match(parseError('').message, /expected a list of steps/);
    assert.match(parseError('steps: []\nextra: 1').message, /found "extra"/);
  });

  it('describes steps and labels their markers for later stages', () => {
    const [wait, marker] = parseSteps('- wait: Ready\n  scope: line\n- marker: shown', 's.yaml');
    assert.equal(describeStep(wait!), "wait for /Ready/ on the cursor's line");
    assert.equal(stepMarkerLabel(wait!, 3), 'step 3: wait');
    assert.equal(stepMarkerLabel(marker!, 4), 'shown');
  });

  it('matches screen waits line by line, so ^ and $ work per row', () => {
    const [step] = parseSteps('- wait: ^Done$', 's.yaml');
    assert.ok(waitRegExp(step as Extract<Step, { kind: 'wait' }>).test('building\nDone\n'));
  });
});
