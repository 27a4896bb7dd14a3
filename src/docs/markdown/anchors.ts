// Ids and anchor names as MkDocs writes them (no `user-content-` prefix, so `#fn:1`, `{ #id }` and
// `<a name>` links from other pages and sites keep working), made safe against DOM clobbering:
//
// - `document.x` can only be shadowed by `name` on embed/form/iframe/img/object and `id` on object (or on
//   an img that also has a name). The sanitiser strips every one of those elements but img, and allows
//   `name` on `<a>` only (sanitize.ts), so no author markup reaches `document`'s named properties.
// - `window.x` is shadowed by an element's id only when nothing called `x` exists on the window or its
//   prototypes (WebIDL's named property visibility), so `location`, `cookie` or `createElement` are safe
//   as ids and stay as MkDocs writes them. What is at risk is a global a script reads that may be
//   undefined: module-system probes (`exports`, `module`, `define`, …), the libraries docs pages load,
//   globals some browsers lack. Those ids, and the ids the page's own chrome uses (an earlier duplicate
//   would win `getElementById`, `for=` and `aria-labelledby`), get the prefix instead, and a warning.
//   The renaming is a pure function of the id, so every link to it, from any page, is rewritten alike.

import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

const PREFIX = 'user-content-';

const RESERVED = new Set([
  // Globals scripts probe for (UMD/CommonJS/AMD wrappers, bundlers' environment checks).
  'exports', 'module', 'define', 'require', 'process', 'global', 'Buffer', '__filename', '__dirname', 'Deno', 'Bun', 'importScripts',
  // Globals of the libraries the portal loads, or that some browsers lack (trustedTypes outside Chromium).
  'mermaid', 'pagefind', 'PagefindUI', 'katex', 'DOMPurify', 'trustedTypes', 'd3', 'Astro', 'litDisableBundleWarning',
  // Ids of the portal's docs layout (src/site/layouts/Base.astro, Docs.astro, render/header-html.ts).
  'main', 'site-search', 'site-search-results', 'docs-search-q', 'docs-search-status', 'docs-toc-title',
]);

/** The id an author's (or a heading's) id is written as: itself, or prefixed when reserved. */
export function safeId(id: string): string {
  return RESERVED.has(id) ? PREFIX + id : id;
}

export interface RenamedId {
  id: string;
  line: number;
  column: number;
}

const REFERENCES = ['htmlFor', 'ariaDescribedBy', 'ariaLabelledBy'] as const;

/**
 * Renames reserved ids and `<a name>`s and the page's own references to them (labels, ARIA, permalinks).
 * Links are rewritten by links.ts, with `safeId`, as they are resolved. Returns the renamed ids an author
 * wrote: a heading's id is renamed silently, since most are slugs of its text ("## Process" is common, and
 * nothing for its author to fix).
 */
export function guardIds(tree: Root): RenamedId[] {
  const renamed: RenamedId[] = [];
  visit(tree, 'element', (node: Element) => {
    const props = node.properties;
    for (const key of ['id', 'name'] as const) {
      const value = props[key];
      if (typeof value !== 'string' || (key === 'name' && node.tagName !== 'a')) continue;
      const safe = safeId(value);
      if (safe === value) continue;
      props[key] = safe;
      if (/^h[1-6]$/.test(node.tagName)) continue;
      renamed.push({ id: value, line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0 });
    }
    for (const key of REFERENCES) {
      const value: unknown = props[key];
      if (Array.isArray(value)) props[key] = value.map((v) => safeId(String(v)));
      else if (typeof value === 'string') props[key] = value.split(/\s+/).map(safeId);
    }
    const className = props.className;
    if (node.tagName === 'a' && Array.isArray(className) && className.includes('headerlink') && typeof props.href === 'string') {
      props.href = `#${safeId(props.href.slice(1))}`;
    }
  });
  return renamed;
}
