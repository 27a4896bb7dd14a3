// Inline syntax of pymdownx and Python-Markdown that remark does not read: `==mark==`, `^^insert^^`,
// `^superscript^`, `~subscript~` (gfm keeps `~~delete~~`), and attr_list `{: #id .class key=value }`.

import type { Heading, Paragraph, Parent as MdParent, PhrasingContent, Root, Text } from 'mdast';
import type { Node, Parent } from 'unist';
import { visit } from 'unist-util-visit';

const INLINE = /==(?=\S)([^]*?\S)==|\^\^(?=\S)([^]*?\S)\^\^|\^(?=[^\s^])((?:[^\s^])+?)\^|~(?=[^\s~])((?:[^\s~])+?)~/g;
const TAGS = ['mark', 'ins', 'sup', 'sub'] as const;

export function applyInlineMarks(tree: Root): void {
  visit(tree, 'text', (node: Text, index, parent) => {
    if (!parent || index === undefined || !/==|\^|~/.test(node.value)) return;
    const parts: PhrasingContent[] = [];
    let last = 0;
    for (const m of node.value.matchAll(INLINE)) {
      const group = [1, 2, 3, 4].find((g) => m[g] !== undefined)!;
      if (m.index > last) parts.push({ type: 'text', value: node.value.slice(last, m.index) });
      const tag = TAGS[group - 1]!;
      parts.push({ type: tag, data: { hName: tag }, children: [{ type: 'text', value: m[group]! }] } as unknown as PhrasingContent);
      last = m.index + m[0].length;
    }
    if (parts.length === 0) return;
    if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
    (parent as MdParent).children.splice(index, 1, ...(parts as never[]));
    return index + parts.length;
  });
}

export type Attributes = Record<string, string | string[]>;

// `#\6.0`, `#\_fn_1`: a backslash escapes the next character, as Python-Markdown's escapes leave it.
const ATTR_TOKEN = /#((?:\\.|[\w:.-])+)|\.([\w-]+)|([\w:.-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"'}]+))|(\S+)/g;
/** Attributes an author may set through attr_list; the sanitiser has the last word anyway. */
const KEYS = new Set(['width', 'height', 'title', 'alt', 'lang', 'align', 'loading']);

/** Parses the inside of `{: ... }`; undefined when something in it is not attribute syntax. */
export function parseAttributes(source: string): Attributes | undefined {
  const out: Attributes = {};
  const classes: string[] = [];
  let any = false;
  for (const m of source.matchAll(ATTR_TOKEN)) {
    if (m[7] !== undefined) return undefined;
    any = true;
    if (m[1]) out.id = m[1].replace(/\\(.)/g, '$1');
    else if (m[2]) classes.push(m[2]);
    else if (m[3]) {
      const key = m[3].toLowerCase();
      const value = m[4] ?? m[5] ?? m[6] ?? '';
      if (key === 'class') classes.push(...value.split(/\s+/).filter(Boolean));
      else if (key === 'id') out.id = value;
      else if (KEYS.has(key)) out[key] = value;
    }
  }
  if (!any) return undefined;
  if (classes.length) out.className = classes;
  return out;
}

const TRAILING = /[ \t]*\{:?[ \t]*([^}\n]+?)[ \t]*\}[ \t]*$/;
const BLOCK_LINE = /\n[ \t]*\{:?[ \t]*([^}\n]+?)[ \t]*\}[ \t]*$/;
const LEADING = /^\{:?[ \t]*([^}\n]+?)[ \t]*\}/;

function setAttributes(node: Node, attrs: Attributes, headingId: boolean): void {
  const data = ((node as { data?: Record<string, unknown> }).data ??= {});
  const props = ((data.hProperties as Record<string, unknown> | undefined) ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'className') props.className = [...((props.className as string[]) ?? []), ...(value as string[])];
    // Heading ids become anchors after sanitising (ids from authors are otherwise prefixed).
    else if (key === 'id' && headingId) props.dataAnchor = value;
    else props[key] = value;
  }
  data.hProperties = props;
}

export function applyAttributeLists(tree: Root): void {
  visit(tree, (node: Node, _index, parent) => {
    if (node.type === 'heading' || node.type === 'paragraph') {
      const block = node as Heading | Paragraph;
      const tail = block.children[block.children.length - 1];
      if (tail?.type === 'text') {
        const m = (node.type === 'heading' ? TRAILING : BLOCK_LINE).exec(tail.value);
        const attrs = m ? parseAttributes(m[1]!) : undefined;
        if (m && attrs) {
          tail.value = tail.value.slice(0, m.index).replace(/[ \t]+$/, '');
          // In a tight list the paragraph disappears, so the list item carries the attributes.
          const up = parent as Parent | undefined;
          const target = node.type === 'paragraph' && up?.type === 'listItem' && up.children.length === 1 ? up : node;
          setAttributes(target, attrs, node.type === 'heading');
        }
      }
    }
    const children = (node as Parent).children as Node[] | undefined;
    if (!children) return;
    for (let i = 1; i < children.length; i++) {
      const child = children[i]!;
      const previous = children[i - 1]!;
      if (child.type !== 'text' || previous.type === 'text' || !('children' in previous || previous.type === 'inlineCode' || previous.type === 'image')) continue;
      const text = child as Text;
      const m = LEADING.exec(text.value);
      const attrs = m ? parseAttributes(m[1]!) : undefined;
      if (!m || !attrs) continue;
      setAttributes(previous, attrs, false);
      text.value = text.value.slice(m[0].length);
    }
  });
}
