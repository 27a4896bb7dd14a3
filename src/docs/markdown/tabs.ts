// Content tabs in Material's "alternate" markup: radio inputs and labels, so they switch with CSS alone.
// Runs after sanitising: the inputs and their ids are ours, not the author's.

import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { pymdownxSlug, uniqueId } from './headings.ts';

/** pymdownx.tabbed's `slugify`, `separator` and `combine_header_slug` options. */
export interface TabIds {
  slugify: boolean;
  separator: string;
  combineHeaderSlug: boolean;
  /** Ids already on the page, so a tab id never repeats one. */
  used: Set<string>;
}

/** pymdownx.slugs.slugify(case='lower'), as headings.ts has it. */
export const tabSlug = pymdownxSlug;

const hasClass = (node: Element, name: string) => ((node.properties.className as string[] | undefined) ?? []).includes(name);

export function expandTabs(tree: Root, ids?: TabIds, prefix = '__tabbed'): void {
  let setCount = 0;
  let heading = '';
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'pre') return 'skip';
    if (/^h[1-6]$/.test(node.tagName) && typeof node.properties.id === 'string') heading = node.properties.id;
    if (node.tagName !== 'div' || !hasClass(node, 'tabbed-set')) return;
    const blocks = node.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'div' && hasClass(c, 'tabbed-block'));
    if (blocks.length === 0) return;
    const set = ++setCount;
    const selected = Math.max(0, blocks.findIndex((b) => b.properties.dataTabSelected === 'true'));
    const inputs: ElementContent[] = [];
    const labels: ElementContent[] = [];
    blocks.forEach((block, i) => {
      const title = typeof block.properties.dataTabTitle === 'string' ? block.properties.dataTabTitle : `Tab ${i + 1}`;
      // The title as inline Markdown (containers.ts), when the block starts with it.
      const head = block.children[0];
      const label: ElementContent[] = head?.type === 'element' && head.tagName === 'span' && hasClass(head, 'tabbed-title') ? (block.children.shift(), head.children) : [{ type: 'text', value: title }];
      const slug = ids?.slugify ? tabSlug(toString({ type: 'element', tagName: 'span', properties: {}, children: label }).trim(), ids.separator) : '';
      const id = ids?.slugify ? uniqueId(ids.combineHeaderSlug && heading ? `${heading}${ids.separator}${slug}` : slug, ids.used) : `${prefix}_${set}_${i + 1}`;
      delete block.properties.dataTabTitle;
      delete block.properties.dataTabSelected;
      inputs.push({ type: 'element', tagName: 'input', properties: { type: 'radio', name: `${prefix}_${set}`, id, checked: i === selected }, children: [] });
      labels.push({ type: 'element', tagName: 'label', properties: { htmlFor: [id] }, children: label });
    });
    node.properties.className = ['tabbed-set', 'tabbed-alternate'];
    node.properties.dataTabs = `${set}:${blocks.length}`;
    node.children = [
      ...inputs,
      { type: 'element', tagName: 'div', properties: { className: ['tabbed-labels'] }, children: labels },
      { type: 'element', tagName: 'div', properties: { className: ['tabbed-content'] }, children: blocks },
    ];
  });
}
