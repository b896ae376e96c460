import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { TermlensError } from '../../src/errors/index.js';
import { parseTape, quoteTapeString, tapeToPlan, writeVhsTape, type VhsTapeOptions } from '../../src/tape/index.js';
import { assertTapeGolden, tapePath } from './fixtures.js';

const BASE: VhsTapeOptions = {
  output: '/tmp/termlens/terminal.mp4',
  command: `massgen --config "two agents.yaml" "What's 2+2?"`,
  waitTimeoutSeconds: 300,
};

function usageError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof TermlensError && e.code === 'usage' && e.stage === 'tape' && pattern.test(e.message));
}

describe('writeVhsTape', () => {
  it('writes the tape in exactly the form the reference recorder uses', () => {
    const text = writeVhsTape(BASE);
    // reference.tape is REFERENCE.md's tape with its placeholders filled in by hand.
    assert.equal(text, readFileSync(tapePath('reference.tape'), 'utf8'));
    assertTapeGolden(text, 'vhs-reference.tape');
  });

  it('writes a tape that parses back to the same settings and command', () => {
    const options: VhsTapeOptions = { ...BASE, width: 1280, height: 720, fontSize: 18, theme: 'Tokyo Night', shell: 'zsh', typingSpeedMs: 20, waitTimeoutSeconds: 42.5 };
    const tape = parseTape(writeVhsTape(options));
    assert.deepEqual(tape.outputs.map((o) => [o.path, o.kind]), [[BASE.output, 'mp4']]);
    const s = tape.settings;
    assert.deepEqual([s.width, s.height, s.fontSize, s.shell, s.typingSpeedMs, s.waitTimeoutMs], [1280, 720, 18, 'zsh', 20, 42_500]);
    assert.deepEqual(s.theme, { kind: 'name', name: 'Tokyo Night' });
    assert.deepEqual(tape.warnings, []);
    const plan = tapeToPlan(tape);
    const summary = plan.steps.map((step) => (step.kind === 'type' ? `type:${step.text}` : step.kind === 'key' ? step.key : step.kind === 'wait' ? `wait:${step.pattern}:${step.scope}` : step.kind));
    assert.deepEqual(summary, [
      'hide', "type:export PS1='$ '", 'Enter', 'sleep', 'type:clear', 'Enter', 'sleep', `type:${BASE.command}`,
      'show', 'Enter', 'sleep', 'wait:\\$:line', 'sleep',
    ]);
  });

  it('quotes the command with a quote character it does not contain', () => {
    const typed = (command: string) => {
      const text = writeVhsTape({ ...BASE, command });
      const step = tapeToPlan(parseTape(text)).steps.find((s) => s.kind === 'type' && s.text === command);
      assert.ok(step, `the tape does not type ${command} back:\n${text}`);
      return text.split('\n').find((l) => l.startsWith('Type ') && l.includes(command))!;
    };
    assert.equal(typed(`echo "it's"`), "Type `echo \"it's\"`");
    assert.equal(typed('echo `date` it\'s'), `Type "echo \`date\` it's"`);
    assert.equal(typed('echo `date` "now"'), `Type 'echo \`date\` "now"'`);
  });

  it('refuses a command holding all three quote characters or a line break', () => {
    usageError(() => writeVhsTape({ ...BASE, command: `echo "a" 'b' \`c\`` }), /contains ", ' and ` all at once/);
    usageError(() => writeVhsTape({ ...BASE, command: 'echo a\necho b' }), /line break/);
    usageError(() => quoteTapeString(`"'\``), /all at once/);
  });

  it('refuses values a tape cannot express', () => {
    usageError(() => writeVhsTape({ ...BASE, command: '  ' }), /command to record is empty/);
    usageError(() => writeVhsTape({ ...BASE, promptPattern: 'a/b' }), /cannot be written as a tape \/regex\//);
    usageError(() => writeVhsTape({ ...BASE, promptPattern: '(' }), /not usable/);
    usageError(() => writeVhsTape({ ...BASE, waitTimeoutSeconds: 0 }), /waitTimeoutSeconds must be a number above 0/);
    usageError(() => writeVhsTape({ ...BASE, width: 12.5 }), /width must be a whole number/);
    // @ts-expect-error a shell VHS does not know
    usageError(() => writeVhsTape({ ...BASE, shell: 'tcsh' }), /VHS has no shell "tcsh"/);
  });
});
