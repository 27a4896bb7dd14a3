// Footnotes in Python-Markdown's markup, so `#fn:1` / `#fnref:1` links written for MkDocs keep working:
// `<sup id="fnref:x"><a class="footnote-ref" href="#fn:x">` and `<div class="footnote"><hr><ol><li id="fn:x">`.
// Runs after sanitising, on what remark-gfm made (`fn-x` ids, `#fn-x` links, an sr-only heading).

import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export function mkdocsFootnotes(tree: Root): void {
  // Python-Markdown numbers a footnote's second and later references: fnref:x, fnref2:x, fnref3:x.
  const refs = new Map<string, number>();
  visit(tree, 'element', (node: Element) => {
    const id = typeof node.properties.id === 'string' ? node.properties.id : '';
    if (node.tagName === 'section' && node.properties.dataFootnotes !== undefined) {
      node.tagName = 'div';
      node.properties = { className: ['footnote'] };
      node.children = [{ type: 'element', tagName: 'hr', properties: {}, children: [] }, ...node.children.filter((c) => !(c.type === 'element' && c.tagName === 'h2'))];
    } else if (node.tagName === 'li' && id.startsWith('fn-')) {
      const label = id.slice(3);
      node.properties.id = `fn:${label}`;
      backrefs(node, label);
    } else if (node.tagName === 'sup') {
      const link = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'a' && c.properties.dataFootnoteRef !== undefined);
      if (!link || typeof link.properties.href !== 'string') return;
      const label = link.properties.href.replace(/^#fn-/, '');
      const n = (refs.get(label) ?? 0) + 1;
      refs.set(label, n);
      node.properties.id = refId(label, n);
      link.properties = { className: ['footnote-ref'], href: `#fn:${label}` };
    }
  });
}

const refId = (label: string, n: number) => (n === 1 ? `fnref:${label}` : `fnref${n}:${label}`);

/** remark-gfm's `#fnref-x` and `#fnref-x-2` back links (one per reference) → `#fnref:x`, `#fnref2:x`. */
function backrefs(item: Element, label: string): void {
  visit(item, 'element', (node: Element) => {
    const href = node.properties.href;
    if (node.tagName !== 'a' || node.properties.dataFootnoteBackref === undefined || typeof href !== 'string') return;
    const rest = href.startsWith(`#fnref-${label}`) ? href.slice(`#fnref-${label}`.length) : undefined;
    const n = rest === '' ? 1 : rest && /^-\d+$/.test(rest) ? Number(rest.slice(1)) : undefined;
    if (n === undefined) return;
    node.properties = { className: ['footnote-backref'], href: `#${refId(label, n)}`, title: 'Jump back to footnote in the text' };
    node.children = [{ type: 'text', value: '\u21a9' }];
    return 'skip';
  });
}
