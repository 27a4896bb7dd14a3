// Depth guards. mdast-util-to-hast, hast-util-from-parse5 (rehype-raw), rehype-sanitize, hast-util-to-html and
// unist-util-visit all recurse once per level of nesting, and overflow the stack between 1,600 and 2,000 levels
// (2,000 nested `<div>`, 2,000 `>`, `*` ×10,000 around a word, measured with the default stack). A crawled page
// is cut well before that: below MAX_DEPTH a node keeps only its text. Nothing here recurses.

import type { Node, Parent } from 'unist';

/** Real pages nest a few dozen levels at most (lists in admonitions in tabs). */
export const MAX_DEPTH = 100;

export interface Cut {
  /** Where the first cut node starts in the text given to the parser, when known. */
  line?: number;
  column?: number;
}

type AnyNode = Node & { children?: AnyNode[]; value?: unknown };

/**
 * Nodes at `max` levels below the root lose their children; `replace` gets the text the subtree held and gives
 * the new children. Returns where the first cut happened, or undefined when the tree was shallow enough.
 */
export function limitDepth(root: Node, replace: (node: Parent, text: string) => Node[], max = MAX_DEPTH): Cut | undefined {
  let first: Cut | undefined;
  const stack: Array<[AnyNode, number]> = [[root as AnyNode, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    const children = node.children;
    if (!children || children.length === 0) continue;
    if (depth >= max) {
      first ??= { ...(node.position ? { line: node.position.start.line, column: node.position.start.column } : {}) };
      node.children = replace(node as Parent, textOf(node)) as AnyNode[];
      continue;
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, depth + 1]);
  }
  return first;
}

/** The text of a subtree: `text` and code values in document order (raw HTML is left out). */
export function textOf(root: Node): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [root as AnyNode];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ((node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') && typeof node.value === 'string') parts.push(node.value);
    const children = node.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

// Elements HTML parsers never nest in themselves (void), or close implicitly: they add no level.
const FLAT = new Set(
  'area base br col embed hr img input link meta source track wbr p li dt dd tr td th thead tbody tfoot option optgroup rt rp colgroup caption'.split(' '),
);
// `[^<>]` keeps the scan linear; a `>` inside a quoted attribute only makes the estimate rougher.
const TAG = /<(\/?)([a-zA-Z][\w:-]*)\b[^<>]*?(\/?)>/g;

/**
 * Raw HTML spread over the page's `html` chunks (in document order): start and end tags nested deeper than `max`
 * are dropped, their text kept. A token-level estimate made before parse5 builds the tree that
 * hast-util-from-parse5 would walk recursively. Returns the first chunk that lost tags.
 */
export function limitHtmlDepth<T extends { value: string }>(chunks: T[], max = MAX_DEPTH): T | undefined {
  let depth = 0;
  let dropped = 0;
  let first: T | undefined;
  for (const chunk of chunks) {
    if (!chunk.value.includes('<')) continue;
    const value = chunk.value.replace(TAG, (tag, close: string, name: string, selfClose: string) => {
      if (selfClose || FLAT.has(name.toLowerCase())) return tag;
      if (close) {
        const deep = depth > max;
        depth = Math.max(0, depth - 1);
        if (deep) dropped++;
        return deep ? '' : tag;
      }
      depth++;
      if (depth <= max) return tag;
      dropped++;
      return '';
    });
    if (value !== chunk.value) {
      chunk.value = value;
      first ??= chunk;
    }
  }
  return dropped > 0 ? first : undefined;
}

/** Longest run of `*` or `_` left to micromark, whose pairing of delimiters is quadratic in the run's length. */
export const MAX_RUN = 64;
const FENCE = /^ *(`{3,}|~{3,})/;
const LONG_RUN = new RegExp(`\\*{${MAX_RUN + 1},}|_{${MAX_RUN + 1},}`, 'g');
const RULE = /^ {0,3}([*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** Block containers (`>` and list markers) one line may open before the rest of its markers are escaped. */
export const MAX_PREFIX = 40;
const CONTAINER = /^ {0,3}(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;

/**
 * Two guards on the page's lines, before micromark sees them (fenced code is left alone):
 * - runs of more than MAX_RUN `*` or `_` are escaped, so they show as the characters they are: `*` ×10,000 around
 *   a word took micromark 17 s to pair, and then nested 5,000 levels deep (thematic breaks and lines with code
 *   spans are kept as they are);
 * - a line that opens more than MAX_PREFIX blockquotes and lists (`> - > - …`) has the markers beyond escaped:
 *   remark-gfm's autolink step walks the tree recursively while parsing, before any guard on the tree can run.
 * Lines that change are copies.
 */
export function escapeDeepLines<T extends { text: string }>(lines: T[]): T[] {
  let fence: string | undefined;
  return lines.map((line) => {
    const open = FENCE.exec(line.text)?.[1];
    if (fence) {
      if (open && open[0] === fence[0] && open.length >= fence.length && line.text.trim() === open) fence = undefined;
      return line;
    }
    if (open) {
      fence = open;
      return line;
    }
    if (line.text.length <= MAX_RUN || RULE.test(line.text)) return line;
    let text = line.text;
    if (!text.includes('`')) text = text.replace(LONG_RUN, (run) => run.replace(/./g, '\\$&'));
    text = escapeDeepPrefix(text);
    return text === line.text ? line : { ...line, text };
  });
}

function escapeDeepPrefix(text: string): string {
  let at = 0;
  for (let markers = 0; ; markers++) {
    const m = CONTAINER.exec(text.slice(at, at + 16));
    if (!m) return text;
    if (markers === MAX_PREFIX) {
      const start = at + m[0].search(/\S/);
      return `${text.slice(0, start)}\\${text.slice(start)}`;
    }
    at += m[0].length;
  }
}
