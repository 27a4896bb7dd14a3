// HTML strings for the pieces entity pages repeat many times: links to related entities (cards, member and
// ownership lists, full lists) and the relations graph. As Astro components each use cost a component instance,
// hundreds per page at 10,000 entities; as strings they cost a concatenation. The markup is what the components
// rendered. Entity titles, refs and notes come from crawled repos: every value is escaped.

import type { PortalEntity } from '../../model/portal.ts';
import { entityDisplayName, entityTitle, findEntity, specString, type EntityIndex } from '../../views/entities.ts';
import type { GraphLayout } from '../../views/graph-layout.ts';
import { NODE_HEIGHT, NODE_WIDTH } from '../../views/graph-layout.ts';
import { escapeAttribute as attr, escapeHtml as text } from './html.ts';
import { withBase } from '../../model/routes.ts';
import { humanizeRef } from '../../model/entityRef.ts';
import { entityPath } from '../../model/routes.ts';
import type { RelationCard } from '../../views/relations.ts';

// Entity page URLs, each built once per base: pages link to the same entities thousands of times.
let hrefs = { base: '', byEntity: new WeakMap<PortalEntity, string>() };

/** URL of an entity's page under `base`. */
export function entityHref(entity: PortalEntity, base: string): string {
  if (hrefs.base !== base) hrefs = { base, byEntity: new WeakMap() };
  let url = hrefs.byEntity.get(entity);
  if (url === undefined) {
    url = withBase(entityPath(entity.ref), base);
    hrefs.byEntity.set(entity, url);
  }
  return url;
}

export interface TargetLinkOptions {
  /** Show the kind before the type (lists that mix kinds). */
  showKind?: boolean;
  /** A note after the entry, e.g. "via Payments". */
  note?: string | undefined;
}

/** A related entity: a link to its page with its kind and type, or, when it is not in the catalog, its ref as text. */
export function targetLinkHtml(ref: string, target: PortalEntity | undefined, base: string, options: TargetLinkOptions = {}): string {
  if (!target) {
    return `<span class="missing" data-missing="${attr(ref)}">${text(shownRef(ref))} <span class="badge">not in the catalog</span></span>`;
  }
  const kind = options.showKind ? target.entity.kind : '';
  const type = specString(target.entity, 'type') ?? '';
  const detail = kind && type ? `${kind} · ${type}` : kind || type;
  let out = `<a href="${attr(entityHref(target, base))}">${text(entityDisplayName(target.entity))}</a>`;
  if (detail) out += `<span class="meta"> ${text(detail)}</span>`;
  if (options.note) out += `<span class="meta"> · ${text(options.note)}</span>`;
  return out;
}

/** `<li>` per related entity, for a `<ul>`. */
export function targetItemsHtml(items: ReadonlyArray<{ ref: string; target?: PortalEntity | undefined; note?: string | undefined }>, base: string, showKind = false): string {
  let out = '';
  for (const item of items) out += `<li>${targetLinkHtml(item.ref, item.target, base, { showKind, note: item.note })}</li>`;
  return out;
}

/**
 * One relation card (Provided APIs, Subcomponents, …): the first `limit` entries, and a link to the full list
 * (`allHref`) beyond them. The kind is shown per entry when the card mixes kinds.
 */
export function relationCardHtml(card: RelationCard, limit: number, allHref: string, base: string): string {
  const shown = card.targets.slice(0, limit);
  const more = card.targets.length - shown.length;
  const mixed = new Set(card.targets.map((t) => t.target?.entity.kind ?? '')).size > 1;
  const id = attr(card.id);
  const list = card.targets.length === 0 ? `<p class="muted">${text(card.empty ?? '')}</p>` : `<ul class="plain"> ${targetItemsHtml(shown, base, mixed)} </ul>`;
  const rest = more > 0 ? `<p class="more">and ${more} more — <a href="${attr(allHref)}">see all ${card.targets.length}</a></p>` : '';
  return (
    `<section class="card rel-card" id="card-${id}" data-card="${id}" data-relation="${attr(card.type)}" aria-labelledby="card-${id}-title">` +
    ` <h3 id="card-${id}-title">${text(card.title)} <span class="count">${card.targets.length}</span></h3> ${list} ${rest} </section>`
  );
}

/** A link to an entity by ref (titled with the ref), or, when it is not in the model, its ref marked missing. */
export function refLinkHtml(ref: string, index: EntityIndex, base: string, defaultKind?: string, missingLabel = 'not in the catalog'): string {
  const target = findEntity(index, ref);
  if (target) return `<a href="${attr(entityHref(target, base))}" title="${attr(target.ref)}">${text(entityTitle(target.entity))}</a>`;
  return `<span class="missing" title="${attr(`${ref} is not in the catalog`)}">${text(shownRef(ref, defaultKind))} <span class="badge">${text(missingLabel)}</span></span>`;
}

function shownRef(ref: string, defaultKind?: string): string {
  try {
    return humanizeRef(ref, defaultKind);
  } catch {
    return ref; // not a parseable ref: shown as written
  }
}

// Outline corner radius by kind: the shape tells kinds apart without colour.
const RADIUS: Record<string, number> = { component: 4, api: 22, resource: 0, system: 12, domain: 12, group: 4, user: 22, template: 4, location: 0 };
const MAX_CHARS = 22;

/**
 * A relations graph as inline SVG: every catalog node links to its entity page; kinds differ in outline shape,
 * colour (CSS variables, so both themes read well) and a written kind label. `scroll`: natural size in a scroll
 * box (the explorer) instead of shrinking to fit.
 */
export function relationsGraphHtml(layout: GraphLayout, label: string, base: string, scroll = false): string {
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
    nodes += n.entity ? `<a href="${attr(entityHref(n.entity, base))}" data-node="${attr(n.id)}">${body}</a>` : body;
  }
  return (
    `<div class="graph-box${scroll ? ' scroll' : ''}"> <svg class="graph" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="group" aria-label="${attr(label)}"> ` +
    '<defs> <marker id="graph-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"> <path d="M0 0L8 4L0 8z" class="arrow"></path> </marker> </defs> ' +
    `<g class="edges" aria-hidden="true"> ${edges} </g> <g class="edge-labels" aria-hidden="true"> ${labels} </g> ${nodes} </svg> </div>`
  );
}
