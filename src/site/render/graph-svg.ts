// A laid-out relations graph as an SVG string: written into pages at build time, and by the browser when it
// redraws a graph at another depth or filter (../client/graph-draw.ts). Node titles and refs come from crawled
// repos: every value is escaped.

import type { GraphLayout, LaidOutNode } from '../../views/graph-layout.ts';
import { NODE_HEIGHT, NODE_WIDTH } from '../../views/graph-layout.ts';
import { escapeAttribute as attr, escapeHtml as text } from './html.ts';

// Outline corner radius by kind: the shape tells kinds apart without colour.
const RADIUS: Record<string, number> = { component: 4, api: 22, resource: 0, system: 12, domain: 12, group: 4, user: 22, template: 4, location: 0 };
const MAX_CHARS = 22;

/**
 * Kinds differ in outline shape, colour (CSS variables, so both themes read well) and a written kind label;
 * a node with a page (`hrefOf`) links to it.
 */
export function graphSvg(layout: GraphLayout, label: string, hrefOf: (node: LaidOutNode) => string | undefined): string {
  let edges = '';
  let labels = '';
  for (const e of layout.edges) {
    edges += `<path d="${attr(e.path)}" marker-end="url(#graph-arrow)"></path>`;
    labels += `<text x="${e.labelX}" y="${e.labelY + 4}" text-anchor="middle">${text(e.label)}</text>`;
  }
  let nodes = '';
  for (const n of layout.nodes) {
    const kind = n.kind.toLowerCase();
    const known = Object.hasOwn(RADIUS, kind);
    const cls = `node k-${known ? kind : 'other'}${n.center ? ' center' : ''}${n.missing ? ' missing' : ''}`;
    const title = n.title.length > MAX_CHARS ? `${n.title.slice(0, MAX_CHARS - 1)}…` : n.title;
    const body =
      `<g class="${attr(cls)}" transform="translate(${n.x} ${n.y})"> <title>${text(n.missing ? `${n.id} (not in the catalog)` : n.title)}</title> ` +
      `<rect width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="${known ? RADIUS[kind] : 4}"></rect> ` +
      `<text x="12" y="17" class="nk">${text(n.missing ? `${n.kind} · not in catalog` : n.kind)}</text> ` +
      `<text x="12" y="34" class="nt">${text(title)}</text> </g>`;
    const href = hrefOf(n);
    nodes += href ? `<a href="${attr(href)}" data-node="${attr(n.id)}">${body}</a>` : body;
  }
  return (
    `<svg class="graph" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="group" aria-label="${attr(label)}"> ` +
    '<defs> <marker id="graph-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"> <path d="M0 0L8 4L0 8z" class="arrow"></path> </marker> </defs> ' +
    `<g class="edges" aria-hidden="true"> ${edges} </g> <g class="edge-labels" aria-hidden="true"> ${labels} </g> ${nodes} </svg>`
  );
}
