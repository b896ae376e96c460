/**
 * Parses one tape file's tokens into statements, following VHS's grammar:
 * any number of commands per line, each command's arguments on its own line.
 * Every error is reported (not just the first); after one, the rest of that
 * command's line is skipped up to the next command word, so a single mistake
 * gives a single message.
 */
import { extname } from 'node:path';
import { quote, suggestName } from '../errors/index.js';
import type { Token } from './lexer.js';
import { SETTING_PARSERS, convertPattern } from './settings.js';
import { COMMANDS, TokenReader } from './token-reader.js';
import {
  COMMAND_NAMES, IGNORED_SETTING_NAMES, KEY_NAMES, SETTING_NAMES,
  type CommandName, type KeyName, type Modifier, type OutputKind, type SettingName, type SourcePos,
  type TapeCommand, type TapeDiagnostic, type TapeOutput, type TapeSettings,
} from './types.js';

/** What one file contributes, in order, before Set/Env/Output are folded into a Tape. */
export type Statement =
  | { kind: 'command'; command: TapeCommand }
  | { kind: 'set'; name: SettingName; patch: Partial<TapeSettings>; text: string; pos: SourcePos }
  | { kind: 'output'; output: TapeOutput }
  | { kind: 'require'; program: string; pos: SourcePos }
  | { kind: 'env'; key: string; value: string; pos: SourcePos }
  /** A command termlens accepts but does nothing for (Subtitle); it still ends the settings block. */
  | { kind: 'noop'; pos: SourcePos };

export interface ParseContext {
  file: string;
  /** The file's text, to quote values as written. */
  text: string;
  report(d: TapeDiagnostic): void;
  /** Expand `Source <path>`; the caller reads, parses and checks for cycles. */
  source(path: string, token: Token, pos: SourcePos): Statement[];
}

const KEYS = new Set<string>(KEY_NAMES);
const OUTPUT_KINDS: Record<string, OutputKind> = { '.gif': 'gif', '.mp4': 'mp4', '.webm': 'webm', '.txt': 'text', '.ascii': 'text', '.test': 'text' };
/** Keys Ctrl+ accepts besides a single character, as VHS does. */
const CTRL_KEYS = new Set(['Enter', 'Space', 'Backspace', 'Left', 'Right', 'Up', 'Down', '-', '@', '[', ']', '^', '\\']);
const ALT_SHIFT_KEYS = new Set(['Enter', 'Tab', '[', ']']);

export function parseTokens(tokens: readonly Token[], ctx: ParseContext): Statement[] {
  return new Parser(tokens, ctx).parse();
}

class Parser extends TokenReader {
  private readonly out: Statement[] = [];

  constructor(tokens: readonly Token[], private readonly ctx: ParseContext) {
    super(tokens, ctx.file, ctx.report);
  }

  parse(): Statement[] {
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i++]!;
      this.line = t.line;
      const before = this.errors;
      if (t.kind === 'word' && COMMANDS.has(t.text)) this.command(t, t.text as CommandName);
      else this.unexpected(t);
      if (this.errors > before) this.skipLine();
    }
    return this.out;
  }

  private emit(command: TapeCommand): void {
    this.out.push({ kind: 'command', command });
  }

  private unexpected(t: Token): void {
    if (t.kind === 'comment') return;
    if (t.kind === 'word') {
      if ((SETTING_NAMES as readonly string[]).includes(t.text)) {
        this.error(t, `${quote(t.text)} is a setting; write "Set ${t.text} …"`);
        return;
      }
      const guess = suggestName(t.text, COMMAND_NAMES);
      this.error(t, `unknown command ${quote(t.text)}${guess ? `; did you mean ${quote(guess)}?` : ''}`);
      return;
    }
    const what = { string: 'string', number: 'number', regex: 'regular expression', json: 'JSON object', punct: 'character', illegal: 'character' }[t.kind];
    this.error(t, `unexpected ${what} ${quote(t.text)}; expected a command such as Type, Enter, Sleep or Set`);
  }

  /** `@<duration>` right after a command word, when present. */
  // Commands --------------------------------------------------------------

  private command(cmd: Token, name: CommandName): void {
    const pos = this.pos(cmd);
    if (KEYS.has(name)) {
      const speedMs = this.speed(cmd);
      this.emit({ kind: 'key', key: name as KeyName, count: this.count(), ...(speedMs === undefined ? {} : { speedMs }), pos });
      return;
    }
    switch (name) {
      case 'ScrollUp':
      case 'ScrollDown': {
        const speedMs = this.speed(cmd);
        const direction = name === 'ScrollUp' ? 'up' : 'down';
        this.emit({ kind: 'scroll', direction, count: this.count(), ...(speedMs === undefined ? {} : { speedMs }), pos });
        return;
      }
      case 'Type': {
        const speedMs = this.speed(cmd);
        const text = this.strings(cmd, 'a string to type');
        if (text !== undefined) this.emit({ kind: 'type', text, ...(speedMs === undefined ? {} : { speedMs }), pos });
        return;
      }
      case 'Sleep': {
        const ms = this.duration('Sleep', cmd);
        if (ms !== undefined) this.emit({ kind: 'sleep', ms, pos });
        return;
      }
      case 'Wait':
        return this.wait(cmd, pos);
      case 'Ctrl':
      case 'Alt':
      case 'Shift':
        return this.chord(cmd, name, pos);
      case 'Hide':
      case 'Show':
        this.emit({ kind: name === 'Hide' ? 'hide' : 'show', pos });
        return;
      case 'Paste':
        this.emit({ kind: 'paste', pos });
        return;
      case 'Copy': {
        const text = this.strings(cmd, 'the text to copy');
        if (text !== undefined) this.emit({ kind: 'copy', text, pos });
        return;
      }
      case 'Screenshot': {
        const t = this.path(cmd, 'a .png file path');
        if (!t) return;
        if (extname(t.text).toLowerCase() !== '.png') this.error(t, `Screenshot writes PNG files; ${quote(t.text)} must end in .png`);
        else this.emit({ kind: 'screenshot', path: t.text, pos });
        return;
      }
      case 'Output':
        return this.output(cmd, pos);
      case 'Require': {
        const t = this.path(cmd, 'a program name');
        if (t) this.out.push({ kind: 'require', program: t.text, pos });
        return;
      }
      case 'Source': {
        const t = this.path(cmd, 'a .tape file path');
        if (!t) return;
        if (extname(t.text) !== '.tape') this.error(t, `Source reads tape files; ${quote(t.text)} must end in .tape`);
        else this.out.push(...this.ctx.source(t.text, t, this.pos(t)));
        return;
      }
      case 'Env':
        return this.env(cmd, pos);
      case 'Set':
        return this.set(cmd, pos);
      case 'Subtitle':
        this.strings(cmd, 'the subtitle text');
        this.warn(cmd, 'Subtitle is not supported and is ignored');
        this.out.push({ kind: 'noop', pos });
        return;
    }
  }

  private wait(cmd: Token, pos: SourcePos): void {
    let scope: 'line' | 'screen' = 'line';
    const plus = this.takePunct('+');
    if (plus) {
      const t = this.peek();
      if (t?.kind === 'word' && (t.text === 'Line' || t.text === 'Screen')) {
        this.i++;
        scope = t.text === 'Line' ? 'line' : 'screen';
      } else {
        const guess = t?.kind === 'word' ? suggestName(t.text, ['Line', 'Screen']) : undefined;
        this.error(t ?? plus, `Wait+ expects Line or Screen${t ? `, got ${quote(t.text)}` : ''}${guess ? `; did you mean ${quote(guess)}?` : ''}`);
        return;
      }
    }
    const timeoutMs = this.speed(cmd);
    if (timeoutMs !== undefined && timeoutMs <= 0) {
      this.error(cmd, 'a Wait timeout must be longer than 0');
      return;
    }
    const command: TapeCommand = { kind: 'wait', scope, pos, ...(timeoutMs === undefined ? {} : { timeoutMs }) };
    const t = this.peek();
    if (t?.kind === 'string') {
      this.error(t, `Wait expects a regular expression between slashes, like /${t.text}/`);
      return;
    }
    if (t?.kind === 'regex') {
      this.i++;
      const converted = convertPattern(t.text);
      if ('error' in converted) {
        this.error(t, converted.error);
        return;
      }
      command.pattern = converted.pattern;
      if (converted.flags) command.flags = converted.flags;
    }
    this.emit(command);
  }

  /** `Ctrl[+Alt][+Shift]+<key>`, `Alt+<key>`, `Shift+<key>`. */
  private chord(cmd: Token, first: Modifier, pos: SourcePos): void {
    const modifiers = new Set<Modifier>([first]);
    let key: string | undefined;
    let last = cmd;
    for (let plus = this.takePunct('+'); plus; plus = this.takePunct('+')) {
      last = plus;
      const t = this.peek();
      if (!t) {
        if (key === undefined) break;
        this.error(last, `nothing follows the + after ${first}+${key}`);
        return;
      }
      if (key !== undefined) {
        this.i++;
        this.error(t, `${first}+${key} already names its key; modifiers come before the key, as in Ctrl+Shift+${key}`);
        return;
      }
      this.i++;
      last = t;
      if (first === 'Ctrl' && t.kind === 'word' && (t.text === 'Alt' || t.text === 'Shift')) {
        modifiers.add(t.text);
        continue;
      }
      const allowed = first === 'Ctrl' ? CTRL_KEYS : ALT_SHIFT_KEYS;
      const single = (t.kind === 'word' || t.kind === 'string') && [...t.text].length === 1;
      // VHS's Alt+ and Shift+ take a whole word and press each of its characters.
      const word = first !== 'Ctrl' && this.isText(t);
      if (single || word || allowed.has(t.text)) {
        key = t.text;
        continue;
      }
      const choices = [...allowed].filter((k) => k.length > 1).join(', ');
      this.error(t, `${quote(t.text)} cannot follow ${first}+; use a single character or one of ${choices}`);
      return;
    }
    if (key === undefined) {
      this.error(last, `${first} needs a key after +, as in ${first}+${first === 'Shift' ? 'Tab' : 'C'}`);
      return;
    }
    const ordered = (['Ctrl', 'Alt', 'Shift'] as const).filter((m) => modifiers.has(m));
    this.emit({ kind: 'chord', modifiers: ordered, key, pos });
  }

  private output(cmd: Token, pos: SourcePos): void {
    const t = this.path(cmd, 'a file path (.gif, .mp4, .webm, .txt, .ascii) or a folder ending in /');
    if (!t) return;
    const ext = extname(t.text).toLowerCase();
    let kind: OutputKind | undefined = OUTPUT_KINDS[ext];
    if (ext === '' && t.text.endsWith('/')) kind = 'frames';
    if (!kind) {
      const why = ext === '' ? `${quote(t.text)} has no extension; end a folder for PNG frames with /` : `unknown output type ${quote(ext)}`;
      this.error(t, `${why} (use .gif, .mp4, .webm, .txt, .ascii or a folder ending in /)`);
      return;
    }
    this.out.push({ kind: 'output', output: { path: t.text, kind, pos } });
  }

  private env(cmd: Token, pos: SourcePos): void {
    const key = this.peek();
    if (key?.kind !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key.text)) {
      this.error(key ?? cmd, `Env expects a variable name and a value, as in Env NAME "value"${key ? `, got ${quote(key.text)}` : ''}`);
      return;
    }
    this.i++;
    const value = this.peek();
    if (!value || !this.isText(value)) {
      this.error(value ?? key, `Env ${key.text} expects a value in quotes${value ? `, got ${quote(value.text)}` : ''}`);
      return;
    }
    this.i++;
    this.out.push({ kind: 'env', key: key.text, value: value.text, pos });
  }

  private set(cmd: Token, pos: SourcePos): void {
    const name = this.peek();
    if (name?.kind !== 'word') {
      this.error(name ?? cmd, `Set expects a setting name, as in Set FontSize 22${name ? `, got ${quote(name.text)}` : ''}`);
      return;
    }
    this.i++;
    if ((IGNORED_SETTING_NAMES as readonly string[]).includes(name.text)) {
      while (this.peek()) this.i++;
      this.warn(name, `Set ${name.text} is not supported and is ignored`);
      return;
    }
    if (!(SETTING_NAMES as readonly string[]).includes(name.text)) {
      const guess = suggestName(name.text, SETTING_NAMES);
      this.error(name, `unknown setting ${quote(name.text)}${guess ? `; did you mean ${quote(guess)}?` : ''}`);
      return;
    }
    const setting = name.text as SettingName;
    const valueStart = this.peek();
    const hexComment = !valueStart && this.tokens[this.i]?.kind === 'comment' && this.tokens[this.i]!.line === this.line && /^[0-9a-fA-F]{6}\b/.test(this.tokens[this.i]!.text);
    if (hexComment) {
      const c = this.tokens[this.i]!;
      this.error(c, `a # starts a comment; quote the colour: "#${c.text.slice(0, 6)}"`, 7);
      return;
    }
    const patch = SETTING_PARSERS[setting](this, name);
    if (!patch) return;
    const last = this.tokens[this.i - 1]!;
    const text = valueStart ? `Set ${name.text} ${this.ctx.text.slice(valueStart.start, last.end)}` : `Set ${name.text}`;
    this.out.push({ kind: 'set', name: setting, patch, text, pos });
  }
}
