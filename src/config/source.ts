/**
 * The YAML text of a config file, kept so every problem can be reported at
 * the line and column of the value (or key) it is about, with a caret.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { boundedToJs, clipLine, isStackOverflow, MAX_YAML_DEPTH, type YamlLimitProblem } from '../yaml-limits.js';

export interface Position {
  line: number;
  column: number;
}

export class YamlSource {
  readonly lines: string[];
  readonly doc: Document;
  private readonly counter = new LineCounter();

  /** `label` is how the file is named in messages (usually the path as the user gave it). */
  constructor(
    readonly text: string,
    readonly label: string,
  ) {
    this.lines = text.split(/\r?\n/);
    this.doc = parseDocument(text, { lineCounter: this.counter, prettyErrors: false, uniqueKeys: true });
  }

  /** The first syntax error, located, or undefined when the YAML is well formed. */
  syntaxError(): { message: string; position: Position } | undefined {
    const e = this.doc.errors[0];
    if (!e) return undefined;
    const pos = e.linePos?.[0] ?? this.counter.linePos(e.pos[0]);
    const message = isStackOverflow(e.message) ? `nests too deeply (more than ${MAX_YAML_DEPTH} levels are refused)` : (e.message.split('\n')[0] ?? e.message);
    return { message, position: { line: pos.line, column: pos.col } };
  }

  /** The document as plain values, or the bound it broke (nesting, alias expansion), located. */
  toJs(): { value: unknown } | { problem: YamlLimitProblem } {
    return boundedToJs(this.doc, this.counter);
  }

  private positionOf(node: YamlNode | null | undefined): Position | undefined {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const pos = this.counter.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  /** The node at a key path, or the deepest one that exists, and whether the path was found whole. */
  nodeAt(path: readonly PropertyKey[], onKey = false): { node: YamlNode | undefined; exact: boolean } {
    let node = this.doc.contents as YamlNode | null;
    let found: YamlNode | undefined = node ?? undefined;
    for (let i = 0; i < path.length; i++) {
      const key = String(path[i]);
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
        if (!pair) return { node: found, exact: false };
        const keyNode = pair.key as YamlNode;
        const value = pair.value as YamlNode | null;
        if (i === path.length - 1 && onKey) return { node: keyNode, exact: true };
        // `key:` with nothing after it has no useful value position: point at the key.
        node = value && value.range && !(isScalar(value) && value.value === null) ? value : keyNode;
        found = node;
        if (node === keyNode && i < path.length - 1) return { node: found, exact: false };
      } else if (isSeq(node)) {
        const item = node.items[Number(key)] as YamlNode | undefined;
        if (!item) return { node: found, exact: false };
        node = item;
        found = item;
      } else {
        return { node: found, exact: false };
      }
    }
    return { node: found, exact: true };
  }

  position(path: readonly PropertyKey[], onKey = false): Position | undefined {
    return this.positionOf(this.nodeAt(path, onKey).node);
  }

  /** `file:line:column` for a path, or the file alone. */
  where(path: readonly PropertyKey[], onKey = false): string {
    const pos = this.position(path, onKey);
    return pos ? `${this.label}:${pos.line}:${pos.column}` : this.label;
  }

  /** The source line and a caret under the column, indented for a message. */
  snippet(position: Position): string {
    const line = this.lines[position.line - 1];
    if (line === undefined) return '';
    const { text, column } = clipLine(line, position.column);
    const gutter = String(position.line).length;
    return `    ${position.line} | ${text}\n    ${' '.repeat(gutter)} | ${' '.repeat(Math.max(0, column - 1))}^`;
  }

  /**
   * The text with everything outside the node at `path` blanked (newlines
   * kept), so a parser given only that part still reports the file's own
   * line and column numbers.
   */
  isolate(path: readonly PropertyKey[]): string | undefined {
    const { node, exact } = this.nodeAt(path);
    const range = node?.range;
    if (!exact || !range) return undefined;
    const [start, , end] = range;
    let out = '';
    for (let i = 0; i < this.text.length; i++) {
      // UTF-16 units, as the parser's ranges count them.
      const ch = this.text.charAt(i);
      out += i >= start && i < end ? ch : ch === '\n' || ch === '\r' ? ch : ' ';
    }
    return out;
  }
}
