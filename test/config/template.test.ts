import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { expandCommand, expandTemplate, scanTemplate } from '../../src/config/index.js';
import { TermlensError } from '../../src/errors/index.js';
import { load, loadError } from './helpers.js';

test('expandCommand fills vars and environment variables into the command', () => {
  const c = load('command: "my-cli --config {{team}} --key-file {{env.KEY_FILE}} {{question}}"\nvars: { team: team.yaml, question: hello }\n');
  assert.equal(expandCommand(c, { env: { KEY_FILE: '/k' } }), 'my-cli --config team.yaml --key-file /k hello');
});

test('the shell filter quotes a value so /bin/sh gives it back unchanged', () => {
  const question = `What's 2+2? "quoted" $HOME \`x\` \\ done`;
  const c = load('command: "printf %s {{question | shell}}"\nvars: { question: placeholder }\n', {}, { vars: { question } });
  const printed = execFileSync('/bin/sh', ['-c', expandCommand(c)], { encoding: 'utf8' });
  assert.equal(printed, question);
});

test('the pretest command is expanded the same way, and overrides from the caller win', () => {
  const c = load('command: "a {{question}}"\nvars: { question: q1 }\npretest: { command: "a --automation {{question}}" }\n');
  assert.equal(expandCommand(c, { which: 'pretest', vars: { question: 'q2' } }), 'a --automation q2');
});

test('an unknown variable is a config error naming it, with the line of the command', () => {
  const e = loadError('command: "x {{qestion}}"\nvars: { question: q }\n');
  assert.equal(e.code, 'config');
  assert.match(e.message, /:1:10: command uses \{\{qestion\}\}, which is not defined \(did you mean "question"\?\); vars defines "question"/);
  const p = loadError('command: x\npretest: { command: "y {{seed}}" }\n');
  assert.match(p.message, /pretest\.command uses \{\{seed\}\}, which is not defined; vars is empty/);
});

test('expanding with a variable that is not defined names it', () => {
  assert.throws(() => expandTemplate('run {{missing}}', { vars: { other: '1' }, where: 'command' }), (e: TermlensError) => e.code === 'config' && /command uses \{\{missing\}\}/.test(e.message));
});

test('an environment variable that is not set is named when the command is expanded', () => {
  const c = load('command: "x {{env.TERMLENS_TEST_UNSET_VAR}}"\n');
  assert.throws(() => expandCommand(c, { env: {} }), /the environment has no TERMLENS_TEST_UNSET_VAR/);
});

test('for display, environment references stay references so no secret is written down', () => {
  const c = load('command: "x --key {{env.API_TOKEN}}"\n');
  assert.equal(expandCommand(c, { env: { API_TOKEN: 'sekret-value' }, redactEnv: true }), 'x --key $API_TOKEN');
});

test('malformed placeholders and unknown filters are reported', () => {
  assert.match(loadError('command: "x {{ a b }}"\n').message, /has "\{\{ a b \}\}", which is not a template variable/);
  assert.match(loadError('command: "x {{q | shel}}"\nvars: { q: 1 }\n').message, /unknown filter "shel" \(did you mean "shell"\?\)/);
  assert.deepEqual(scanTemplate('{{a}} {{ env.B }} {{c|shell}}').placeholders.map((p) => `${p.kind}:${p.name}:${p.filter ?? ''}`), ['var:a:', 'env:B:', 'var:c:shell']);
});

test('typed steps get variables filled in but keep other braces as typed', () => {
  const c = load('command: bash\nvars: { question: "it\'s" }\nrecord:\n  steps:\n    - type: "ask {{question | shell}}; echo {{ .Name }}"\n');
  const step = c.record.steps[0]!;
  assert.equal(step.kind === 'type' && step.text, `ask 'it'\\''s'; echo {{ .Name }}`);
});

test('typed steps cannot read the environment, and their unknown variables are located', () => {
  assert.match(loadError('command: bash\nrecord:\n  steps:\n    - type: "echo {{env.HOME}}"\n').message, /config\.yaml:4:7: record\.steps step 1 \(type\) uses \{\{env\.HOME\}\}; typed text cannot read the environment/);
  assert.match(loadError('command: bash\nrecord:\n  steps:\n    - key: Enter\n    - type: "{{nope}}"\n').message, /config\.yaml:5:7: record\.steps step 2 \(type\) uses \{\{nope\}\}/);
});
