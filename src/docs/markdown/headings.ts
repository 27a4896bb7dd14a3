// Heading ids as Python-Markdown's `toc` makes them (so links written for MkDocs keep working),
// permalinks, and the list of headings for the on-page table of contents.

import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { DocsHeading } from '../../model/docs.ts';

/** `markdown.extensions.toc.slugify`: ASCII-fold, drop non-word characters, lower-case, join with `-`. */
export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[^\x00-\x7F]/g, '')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '-');
}

/**
 * `pymdownx.slugs.slugify(case='lower')`, which sites name as toc's (and tabbed's) `slugify`: Unicode
 * kept, characters other than word characters, `-` and spaces dropped, then each space → separator
 * (not collapsed: "A & B" → `a--b`). The `case` keyword is not read from mkdocs.yml; `lower` is what sites use.
 */
export function pymdownxSlug(value: string, separator = '-'): string {
  return value
    .normalize('NFC')
    .replace(/<\/?[^>]*>/g, '')
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\p{M}_\- ]/gu, '')
    .replace(/ /g, separator);
}

/** `toc.unique`: `id`, then `id_1`, `id_2`, … */
export function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  while (used.has(candidate) || candidate === '') {
    const m = /^(.*)_(\d+)$/.exec(candidate);
    candidate = m ? `${m[1]}_${Number(m[2]) + 1}` : `${candidate}_1`;
  }
  used.add(candidate);
  return candidate;
}

const HEADING = /^h([1-6])$/;

export interface HeadingResult {
  headings: DocsHeading[];
  /** Text of the first h1, the page's title when the nav gives none. */
  title?: string;
}

export function addHeadingAnchors(tree: Root, used: Set<string>, slug: (text: string) => string = slugify): HeadingResult {
  const result: HeadingResult = { headings: [] };
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'pre' || (node.tagName === 'section' && (node.properties.className as string[] | undefined)?.includes('footnotes'))) return 'skip';
    const m = HEADING.exec(node.tagName);
    if (!m) return;
    const depth = Number(m[1]);
    const text = toString(node).trim();
    const wanted = typeof node.properties.dataAnchor === 'string' && node.properties.dataAnchor ? node.properties.dataAnchor : undefined;
    delete node.properties.dataAnchor;
    const id = typeof node.properties.id === 'string' && !wanted ? node.properties.id : uniqueId(wanted ?? slug(text), used);
    used.add(id);
    node.properties.id = id;
    const link: ElementContent = {
      type: 'element',
      tagName: 'a',
      // Ignored by search: a `¶` in every snippet that starts at a heading.
      properties: { className: ['headerlink'], href: `#${id}`, title: 'Permanent link', ariaHidden: 'true', tabIndex: -1, dataPagefindIgnore: 'all' },
      children: [{ type: 'text', value: '¶' }],
    };
    node.children.push(link);
    if (depth === 1) result.title ??= text;
    else result.headings.push({ depth, id, text });
    return 'skip';
  });
  return result;
}
