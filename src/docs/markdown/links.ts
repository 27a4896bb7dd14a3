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

/** `html`: the URL was written in raw HTML, which MkDocs leaves to the browser (relative to the page's URL). */
export type LinkResolver = (url: string, kind: 'link' | 'image', at: LinkPosition, html?: boolean) => LinkResolution;

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

/** Start offsets and end offsets of the page's raw HTML, in order: elements inside came from raw HTML. */
export interface RawSpans {
  starts: number[];
  ends: number[];
}

function inRaw(spans: RawSpans, offset: number | undefined): boolean {
  if (offset === undefined || spans.starts.length === 0) return false;
  let lo = 0;
  let hi = spans.starts.length - 1;
  // Last span starting at or before the offset.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return spans.starts[lo]! <= offset && offset < spans.ends[lo]!;
}

export function rewriteLinks(tree: Root, resolve: LinkResolver, raw: RawSpans = { starts: [], ends: [] }): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName === 'pre') return 'skip';
    const at = { line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0 };
    const own = (node.properties.className as string[] | undefined)?.includes('headerlink');
    if (node.tagName === 'a' && typeof node.properties.href === 'string' && !own) {
      let href = node.properties.href;
      // Reserved names are plain words, so the fragment as written is what to compare.
      if (href.startsWith('#')) href = `#${safeId(href.slice(1))}`;
      const result = resolve(href, 'link', at, inRaw(raw, node.position?.start.offset));
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
      const result = resolve(node.properties.src, 'image', at, inRaw(raw, node.position?.start.offset));
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
