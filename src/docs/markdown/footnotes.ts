// Footnotes in Python-Markdown's markup, so `#fn:1` / `#fnref:1` links written for MkDocs keep working:
// `<sup id="fnref:x"><a class="footnote-ref" href="#fn:x">` and `<div class="footnote"><hr><ol><li id="fn:x">`.
// Runs after sanitising, on what remark-gfm made (`fn-x` ids, `#fn-x` links, an sr-only heading).

import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export function mkdocsFootnotes(tree: Root): void {
  visit(tree, 'element', (node: Element) => {
    const id = typeof node.properties.id === 'string' ? node.properties.id : '';
    const href = typeof node.properties.href === 'string' ? node.properties.href : '';
    if (node.tagName === 'section' && node.properties.dataFootnotes !== undefined) {
      node.tagName = 'div';
      node.properties = { className: ['footnote'] };
      node.children = [{ type: 'element', tagName: 'hr', properties: {}, children: [] }, ...node.children.filter((c) => !(c.type === 'element' && c.tagName === 'h2'))];
    } else if (node.tagName === 'li' && id.startsWith('fn-')) {
      node.properties.id = `fn:${id.slice(3)}`;
    } else if (node.tagName === 'sup') {
      const link = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'a' && c.properties.dataFootnoteRef !== undefined);
      if (!link || typeof link.properties.href !== 'string') return;
      const label = link.properties.href.replace(/^#fn-/, '');
      node.properties.id = `fnref:${label}`;
      link.properties = { className: ['footnote-ref'], href: `#fn:${label}` };
    } else if (node.tagName === 'a' && node.properties.dataFootnoteBackref !== undefined && /^#fnref-/.test(href)) {
      const label = href.replace(/^#fnref-/, '');
      node.properties = { className: ['footnote-backref'], href: `#fnref:${label}`, title: 'Jump back to footnote in the text' };
    }
  });
}
