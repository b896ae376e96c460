/**
 * Bounds on YAML before it is trusted: a config or steps file is small, so
 * one that nests deeper than a person would write, or expands aliases into
 * a "billion laughs", is refused with its line and column instead of
 * exhausting the stack or the memory. Also the clip applied to every source
 * line quoted in a message, so a 50 KB line is never echoed whole.
 */
import { isAlias, isCollection, isPair, type Document, type LineCounter, type Node as YamlNode } from 'yaml';

/** Deeper than any config or steps file a person writes; far below what overflows the stack. */
export const MAX_YAML_DEPTH = 64;
/** How often one alias may be expanded: enough for real reuse of anchors, not for a bomb. */
export const MAX_YAML_ALIAS_EXPANSIONS = 100;

export interface YamlLimitProblem {
  message: string;
  line: number;
  column: number;
}

/** The first node nested deeper than MAX_YAML_DEPTH, found without recursion. */
function tooDeep(root: unknown): YamlNode | undefined {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { node, depth } = top;
    if (isCollection(node)) {
      if (depth >= MAX_YAML_DEPTH) return node as YamlNode;
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
        } else stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

function firstAlias(root: unknown): YamlNode | undefined {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isAlias(node)) return node;
    if (isCollection(node)) for (const item of node.items as unknown[]) isPair(item) ? stack.push(item.key, item.value) : stack.push(item);
  }
  return undefined;
}

function at(node: YamlNode | undefined, counter: LineCounter): { line: number; column: number } {
  const pos = counter.linePos(node?.range?.[0] ?? 0);
  return { line: pos.line, column: pos.col };
}

/**
 * The document as plain values, or the problem that stops it: nesting past
 * MAX_YAML_DEPTH or aliases expanded past MAX_YAML_ALIAS_EXPANSIONS.
 */
export function boundedToJs(doc: Document, counter: LineCounter): { value: unknown } | { problem: YamlLimitProblem } {
  const deep = tooDeep(doc.contents);
  if (deep) {
    return { problem: { message: `nests deeper than ${MAX_YAML_DEPTH} levels; a config or steps file never needs that many`, ...at(deep, counter) } };
  }
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_EXPANSIONS }) };
  } catch (e) {
    if (!(e instanceof ReferenceError) && !(e instanceof RangeError)) throw e;
    return {
      problem: {
        message: `aliases (*name) expand into more than ${MAX_YAML_ALIAS_EXPANSIONS} copies, as an "alias bomb" does; write the values out or reuse anchors less`,
        ...at(firstAlias(doc.contents), counter),
      },
    };
  }
}

/** Whether a YAML parser error is the parser running out of stack on deep nesting. */
export function isStackOverflow(message: string): boolean {
  return /maximum call stack/i.test(message);
}

/** The longest source line quoted in a message; longer ones are cut around the column. */
export const MAX_QUOTED_LINE = 120;

/**
 * A source line clipped to MAX_QUOTED_LINE characters around `column`
 * (1-based), with `…` where it was cut, and the column's place in the clip.
 */
export function clipLine(line: string, column: number): { text: string; column: number } {
  if (line.length <= MAX_QUOTED_LINE) return { text: line, column };
  const half = Math.floor(MAX_QUOTED_LINE / 2);
  const start = Math.max(0, Math.min(column - 1 - half, line.length - MAX_QUOTED_LINE));
  const end = start + MAX_QUOTED_LINE;
  const head = start > 0 ? '…' : '';
  return { text: `${head}${line.slice(start, end)}${end < line.length ? '…' : ''}`, column: column - start + head.length };
}
