// A drawn diagram is crawled content: mermaid ran on an author's source in a browser page we do not trust,
// so its SVG is rebuilt here from an allowlist. Kept: the SVG shapes, text and styles mermaid emits (htmlLabels
// off, so no foreignObject). Dropped: scripts, event handlers, links and every URL that is not `#fragment`.

import type { Element, Root, RootContent } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

const ELEMENTS = new Set([
  'svg', 'g', 'defs', 'style', 'title', 'desc', 'marker', 'symbol', 'use',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'textPath',
  'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'filter',
  'feDropShadow', 'feGaussianBlur', 'feOffset', 'feBlend', 'feFlood', 'feComposite', 'feMerge', 'feMergeNode', 'feColorMatrix',
]);
/** Removed with their content; other unknown elements (`a`, `switch`) are unwrapped, keeping their shapes. */
const DROP = new Set(['script', 'foreignObject', 'image', 'iframe', 'object', 'embed', 'animate', 'animateMotion', 'animateTransform', 'set', 'audio', 'video', 'canvas', 'discard']);
/** Attributes that load or run things, whatever their value. */
const DENY = /^(on|src$|srcSet$|action$|formAction$|attributeName$|begin$|from$|to$|values$|by$)/i;
/** Links may only point inside the drawing (`<use href="#marker">`). */
const LINK = /^(href|xlinkHref)$/i;

/** CSS with no way out: no @import, no url() other than `#fragment`, no escapes that could spell either. */
export function safeCss(css: string): string {
  return css
    .replace(/\\/g, '')
    .replace(/@import[^;]*;?/gi, '')
    .replace(/url\(\s*(['"]?)\s*(?!#)[^)]*\)/gi, 'none')
    .replace(/expression\s*\(/gi, '(')
    .replace(/<\/?\s*style/gi, '');
}

function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') return /url\(/i.test(value) ? safeCss(value) : /^\s*(javascript|data|vbscript):/i.test(value) ? '' : value;
  if (Array.isArray(value)) return value.map(cleanValue);
  return value;
}

function clean(nodes: RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  for (const node of nodes) {
    if (node.type === 'text') out.push(node);
    if (node.type !== 'element') continue;
    if (DROP.has(node.tagName)) continue;
    if (!ELEMENTS.has(node.tagName)) {
      out.push(...clean(node.children));
      continue;
    }
    const properties: Element['properties'] = {};
    for (const [name, value] of Object.entries(node.properties)) {
      if (DENY.test(name) || (LINK.test(name) && !String(value).startsWith('#'))) continue;
      properties[name] = (name === 'style' ? safeCss(String(value)) : cleanValue(value)) as Element['properties'][string];
    }
    const children = node.tagName === 'style' ? [{ type: 'text' as const, value: safeCss(node.children.map((c) => (c.type === 'text' ? c.value : '')).join('')) }] : clean(node.children);
    out.push({ ...node, properties, children: children as Element['children'] });
  }
  return out;
}

const processor = unified()
  .use(rehypeRaw)
  .use(() => (tree: Root) => {
    tree.children = clean(tree.children).filter((n) => n.type === 'element' && n.tagName === 'svg');
  })
  .use(rehypeStringify);

/** The one `<svg>` of `markup`, rebuilt from the allowlist; empty when there is none. */
export function sanitizeSvg(markup: string): string {
  const tree: Root = { type: 'root', children: [{ type: 'raw', value: markup } as unknown as RootContent] };
  const out = processor.runSync(tree) as Root;
  return processor.stringify(out).toString();
}
