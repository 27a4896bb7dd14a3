// Hands every link and image URL of a page to the site's resolver (links.ts in the docs stage knows the
// pages and files); same-page anchors go through anchors.ts's `safeId`, as the ids did.

import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { safeId } from './anchors.ts';

export interface LinkPosition {
  line: number;
  column: number;
}

export type LinkResolution =
  /** Keep the element, pointing at `url`. */
  | { url: string; external?: boolean }
  /** Unresolvable: the link becomes plain text, the image is dropped. */
  | { url: undefined };

export type LinkResolver = (url: string, kind: 'link' | 'image', at: LinkPosition) => LinkResolution;

export function collectIds(tree: Root): Set<string> {
  const ids = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    // Browsers scroll to `<a name>` too, and MkDocs sites use it for anchors.
    if (node.tagName === 'a' && typeof node.properties.name === 'string') ids.add(node.properties.name);
    if (node.tagName === 'pre') return 'skip';
  });
  return ids;
}

export function rewriteLinks(tree: Root, resolve: LinkResolver): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName === 'pre') return 'skip';
    const at = { line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0 };
    const own = (node.properties.className as string[] | undefined)?.includes('headerlink');
    if (node.tagName === 'a' && typeof node.properties.href === 'string' && !own) {
      let href = node.properties.href;
      // Reserved names are plain words, so the fragment as written is what to compare.
      if (href.startsWith('#')) href = `#${safeId(href.slice(1))}`;
      const result = resolve(href, 'link', at);
      if (result.url === undefined) {
        if (parent && index !== undefined) {
          parent.children.splice(index, 1, ...node.children);
          return index;
        }
        delete node.properties.href;
        return;
      }
      node.properties.href = result.url;
      if (result.external) {
        node.properties.target = '_blank';
        node.properties.rel = ['noopener', 'noreferrer'];
      }
    } else if (node.tagName === 'img' && typeof node.properties.src === 'string') {
      const result = resolve(node.properties.src, 'image', at);
      if (result.url === undefined) {
        if (parent && index !== undefined) {
          const alt = typeof node.properties.alt === 'string' ? node.properties.alt : '';
          parent.children.splice(index, 1, ...(alt ? [{ type: 'text' as const, value: alt }] : []));
          return index;
        }
        delete node.properties.src;
        return;
      }
      node.properties.src = result.url;
      if (!node.properties.loading) node.properties.loading = 'lazy';
    }
  });
}
