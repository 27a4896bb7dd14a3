// Turns the marker blockquotes of blocks.ts, and GitHub alerts (`> [!NOTE]`), into admonitions,
// details, content tabs and definition lists. Elements get their HTML names through `data.hName`.

import type { Blockquote, Paragraph, Root, RootContent, Text } from 'mdast';
import type { Node, Parent } from 'unist';
import { visit } from 'unist-util-visit';
import { MARKER, TITLE, type Container } from './blocks.ts';

const MARKER_TEXT = new RegExp(`^${MARKER}(\\d+)${MARKER}$`);
const ALERT = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|$)/i;

interface Element extends Parent {
  type: string;
  data: { hName: string; hProperties?: Record<string, unknown> };
  children: RootContent[];
}

const el = (type: string, hName: string, children: RootContent[], hProperties?: Record<string, unknown>): Element => ({
  type,
  data: { hName, ...(hProperties ? { hProperties } : {}) },
  children,
});

const text = (value: string): Text => ({ type: 'text', value });

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function applyContainers(tree: Root, containers: readonly Container[]): void {
  visit(tree, 'blockquote', (node: Blockquote) => {
    const block = (node.data as { container?: Container } | undefined)?.container;
    if (block) {
      // A block of the parser itself (indented.ts): its title, if any, is its first child.
      const head = node.children[0] as (Paragraph & { data?: { blockTitle?: boolean } }) | undefined;
      const title = head?.type === 'paragraph' && head.data?.blockTitle ? (node.children.shift(), head.children as RootContent[]) : undefined;
      replace(node, toElement(block, node.children, title));
      return;
    }
    const first = node.children[0];
    const head = first?.type === 'paragraph' ? first.children[0] : undefined;
    if (head?.type !== 'text') return;
    const marker = containers.length > 0 ? MARKER_TEXT.exec(head.value) : null;
    if (marker && first!.type === 'paragraph' && first.children.length === 1) {
      const container = containers[Number(marker[1])];
      if (container) {
        const body = node.children.slice(1);
        replace(node, toElement(container, body, inlineTitle(body)));
      }
      return;
    }
    const alert = ALERT.exec(head.value);
    if (alert) {
      const type = alert[1]!.toLowerCase();
      head.value = head.value.slice(alert[0].length);
      if (head.value === '') (first as Paragraph).children.shift();
      const body = (first as Paragraph).children.length === 0 ? node.children.slice(1) : node.children;
      replace(node, admonition([type], capitalize(type), body));
    }
  });
  groupSiblings(tree);
  if (containers.some((c) => c.kind === 'caption')) numberFigures(tree);
}

function replace(node: Node, element: Element): void {
  const target = node as unknown as Record<string, unknown>;
  for (const key of Object.keys(target)) if (key !== 'position') delete target[key];
  Object.assign(target, element);
}

function admonition(types: string[], title: string | RootContent[] | undefined, body: RootContent[]): Element {
  const children: RootContent[] = [...body];
  if (title && title.length) children.unshift({ type: 'paragraph', data: { hProperties: { className: ['admonition-title'] } }, children: typeof title === 'string' ? [text(title)] : title } as Paragraph);
  return el('admonition', 'div', children, { className: ['admonition', ...types] });
}

/** A title written in the source: blocks.ts put it, as inline Markdown, in a paragraph starting with TITLE. */
function inlineTitle(body: RootContent[]): RootContent[] | undefined {
  if (!body.length) return undefined;
  const first = body[0];
  const head = first?.type === 'paragraph' ? first.children[0] : undefined;
  if (head?.type !== 'text' || !head.value.startsWith(TITLE)) return undefined;
  head.value = head.value.slice(1);
  body.shift();
  return (first as Paragraph).children as RootContent[];
}

/** `title`: the title written in the source, as inline Markdown. */
function toElement(container: Container, body: RootContent[], written?: RootContent[]): Element {
  switch (container.kind) {
    case 'admonition': {
      // Python-Markdown: no title given → the type, capitalised; an empty title → none.
      const title = container.title ? written : undefined;
      return admonition(container.types, title ?? container.title ?? capitalize(container.types[0] ?? ''), body);
    }
    case 'details': {
      const title = container.title ? written : undefined;
      const summary = el('detailsSummary', 'summary', title ?? [text(container.title ?? capitalize(container.types[0] ?? 'Details'))]);
      return el('details', 'details', [summary as unknown as RootContent, ...body], {
        ...(container.types.length ? { className: container.types } : {}),
        ...(container.open ? { open: true } : {}),
      });
    }
    case 'tab': {
      // The title travels as the block's first child, to become the tab's label (tabs.ts).
      const title = container.title ? written : undefined;
      if (title) body.unshift(el('tabTitle', 'span', title, { className: ['tabbed-title'] }) as unknown as RootContent);
      return el('tab', 'div', body, {
        className: ['tabbed-block'],
        dataTabTitle: container.title,
        ...(container.selected ? { dataTabSelected: 'true' } : {}),
        ...(container.newSet ? { dataTabNewSet: 'true' } : {}),
      });
    }
    case 'dt': {
      // A term is inline content, not a paragraph.
      const inline = body.length === 1 && body[0]!.type === 'paragraph' ? (body[0] as Paragraph).children : body;
      return el('defTerm', 'dt', inline as RootContent[]);
    }
    case 'dd':
      return el('defDescription', 'dd', body);
    case 'html':
      return el('htmlBlock', container.tag, body, {
        ...(container.attributes ?? {}),
        ...(container.className.length ? { className: container.className } : {}),
        ...(container.id ? { id: container.id } : {}),
      });
    case 'define': {
      // pymdownx.blocks.definition: paragraphs are terms, list items are definitions.
      const items: RootContent[] = [];
      for (const child of body) {
        if (child.type === 'paragraph') items.push(el('defTerm', 'dt', child.children as RootContent[]) as unknown as RootContent);
        else if (child.type === 'list') {
          for (const item of child.children) {
            // A tight list's items become definitions without a paragraph, as their <li> would be.
            const inline = !child.spread && !item.spread && item.children.length === 1 && item.children[0]!.type === 'paragraph';
            items.push(el('defDescription', 'dd', (inline ? (item.children[0] as Paragraph).children : item.children) as RootContent[]) as unknown as RootContent);
          }
        }
        else items.push(child);
      }
      return el('defList', 'dl', items);
    }
    case 'caption':
      return Object.assign(el('caption', 'figcaption', body), { caption: container });
  }
}

type CaptionInfo = Extract<Container, { kind: 'caption' }>;
type Captioned = Element & { caption: CaptionInfo };
/** A caption already put in its figure (visited again there, it must stay). */
type Placed = { placed: true };

/**
 * pymdownx.blocks.caption's numbers: figures of a type with a prefix template count 1, 2, … and those
 * nested in one of the same type 1.1, 1.2, …; the figure gets `id="__figure-caption_1_1"`, its caption
 * `<span class="caption-prefix">Figure 1.1.</span> ` in front.
 */
function numberFigures(tree: Root): void {
  const counters = new Map<string, number>();
  const walk = (node: Parent, parents: Map<string, string>) => {
    for (const child of node.children as Node[]) {
      const caption = (child as Partial<Captioned>).caption;
      let inner = parents;
      if (child.type === 'figure' || (caption && (child as Element).data?.hName === 'figure')) {
        const figure = child as Captioned;
        const info = figure.caption;
        let number = info.number;
        if (info.template && info.auto && !number) {
          const parent = parents.get(info.type);
          const key = `${info.type}|${parent ?? ''}`;
          const n = (counters.get(key) ?? 0) + 1;
          counters.set(key, n);
          number = parent ? `${parent}.${n}` : String(n);
        }
        if (info.template && number) {
          const props = (figure.data.hProperties ??= {});
          props.id ??= `__${info.type}_${number.replace(/\./g, '_')}`;
          prefixCaption(figure, info.template.replace('{}', number));
          inner = new Map(parents).set(info.type, number);
        }
      }
      if (Array.isArray((child as Parent).children)) walk(child as Parent, inner);
    }
  };
  walk(tree, new Map());
}

function prefixCaption(figure: Element, prefix: string): void {
  const caption = figure.children.find((c) => (c as Node).type === 'caption') as Element | undefined;
  if (!caption) return;
  let first = caption.children[0];
  if (first?.type !== 'paragraph') caption.children.unshift((first = { type: 'paragraph', children: [] }));
  const span = el('captionPrefix', 'span', [text(prefix)], { className: ['caption-prefix'] }) as unknown as PhrasingContentLike;
  (first as Paragraph).children.unshift(span as never, text(' '));
}
type PhrasingContentLike = Paragraph['children'][number];

/** Wraps runs of adjacent tabs into a tab set and of adjacent terms/definitions into a `dl`. */
function groupSiblings(tree: Root): void {
  visit(tree, (node: Node) => {
    const parent = node as Parent;
    if (!Array.isArray(parent.children) || node.type === 'tabSet' || node.type === 'defList' || node.type === 'figure') return;
    const out: Node[] = [];
    for (const child of parent.children) {
      const last = out[out.length - 1] as Element | undefined;
      if (child.type === 'tab') {
        const props = (child as Element).data.hProperties ?? {};
        if (last?.type === 'tabSet' && !props.dataTabNewSet) last.children.push(child as RootContent);
        else out.push(el('tabSet', 'div', [child as RootContent], { className: ['tabbed-set'] }));
        delete props.dataTabNewSet;
        continue;
      }
      // pymdownx.blocks.caption: the caption goes after the block it captions; both become a figure.
      if (child.type === 'caption' && !(child as Partial<Placed>).placed) {
        const caption = (child as Captioned).caption;
        (child as Partial<Placed>).placed = true;
        const previous = out.pop() as Element | undefined;
        // A figure of its own (`/// html | figure`) without a caption takes the caption in.
        const open = previous?.data?.hName === 'figure' && previous.type !== 'figure' && !previous.children.some((c) => (c as Node).type === 'caption');
        const figure = open ? previous! : el('figure', 'figure', previous ? [previous as RootContent] : []);
        if (caption.prepend) figure.children.unshift(child as RootContent);
        else figure.children.push(child as RootContent);
        const props = (figure.data.hProperties ??= {});
        Object.assign(props, caption.attributes ?? {});
        if (caption.className.length) props.className = [...new Set([...((props.className as string[] | undefined) ?? []), ...caption.className])];
        if (caption.id) props.id = caption.id;
        out.push(Object.assign(figure, { caption }));
        continue;
      }
      if (child.type === 'defTerm' || child.type === 'defDescription') {
        // Python-Markdown removes footnote and link definitions before it sees blocks: a list goes on past them.
        const list = [...out].reverse().find((n) => n.type !== 'footnoteDefinition' && n.type !== 'definition') as Element | undefined;
        if (list?.type === 'defList') list.children.push(child as RootContent);
        else out.push(el('defList', 'dl', [child as RootContent]));
        continue;
      }
      out.push(child);
    }
    parent.children = out;
  });
}
