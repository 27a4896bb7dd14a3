// A laid-out relations graph as an SVG string: written into pages at build time, and by the browser when it
// redraws a graph at another depth or filter (../client/graph-draw.ts). Node titles and refs come from crawled
// repos: every value is escaped.

import type { GraphLayout, LaidOutNode } from '../../views/graph-layout.ts';
import { ELLIPSIS, escapeAttribute as attr, escapeHtml as text } from './html.ts';

// Kinds with their own outline (corner radius in CSS, entity.css: the shape tells kinds apart without colour).
const KINDS = new Set(['component', 'api', 'resource', 'system', 'domain', 'group', 'user', 'template', 'location']);
const MAX_CHARS = 22;

/**
 * Kinds differ in outline shape, colour (CSS variables, so both themes read well) and a written kind label;
 * a node with a page (`hrefOf`) links to it. Every entity page carries one, so the markup is lean (~190 bytes a
 * node before its link, down from ~330; no data-node: nothing reads it): the box's size and corners are CSS, the arrow and label anchor are set
 * once on their groups, and a node has a <title> only when its text is cut short or it is not in the catalog.
 */
export function graphSvg(layout: GraphLayout, label: string, hrefOf: (node: LaidOutNode) => string | undefined): string {
  let edges = '';
  let labels = '';
  for (const e of layout.edges) {
    edges += `<path d="${attr(e.path)}"/>`;
    labels += `<text x="${e.labelX}" y="${e.labelY + 4}">${text(e.label)}</text>`;
  }
  let nodes = '';
  for (const n of layout.nodes) {
    const kind = n.kind.toLowerCase();
    const cls = `node k-${KINDS.has(kind) ? kind : 'other'}${n.center ? ' center' : ''}${n.missing ? ' missing' : ''}`;
    const cut = n.title.length > MAX_CHARS;
    const title = cut ? `${text(n.title.slice(0, MAX_CHARS - 1))}${ELLIPSIS}` : text(n.title);
    const tooltip = n.missing ? `<title>${text(`${n.id} (not in the catalog)`)}</title>` : cut ? `<title>${text(n.title)}</title>` : '';
    const body =
      `<g class="${attr(cls)}" transform="translate(${n.x} ${n.y})">${tooltip}<rect/>` +
      `<text x="12" y="17" class="nk">${text(n.missing ? `${n.kind} · not in catalog` : n.kind)}</text>` +
      `<text x="12" y="34" class="nt">${title}</text></g>`;
    const href = hrefOf(n);
    nodes += href ? `<a href="${attr(href)}">${body}</a>` : body;
  }
  return (
    `<svg class="graph" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="group" aria-label="${attr(label)}">` +
    '<defs><marker id="graph-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L8 4L0 8z" class="arrow"/></marker></defs>' +
    `<g class="edges" aria-hidden="true" marker-end="url(#graph-arrow)">${edges}</g><g class="edge-labels" aria-hidden="true" text-anchor="middle">${labels}</g>${nodes}</svg>`
  );
}
