// HTML strings for the pieces entity pages repeat many times: links to related entities (cards, member and
// ownership lists, full lists) and the relations graph. As Astro components each use cost a component instance,
// hundreds per page at 10,000 entities; as strings they cost a concatenation. The markup is what the components
// rendered. Entity titles, refs and notes come from crawled repos: every value is escaped.

import type { PortalEntity } from '../../model/portal.ts';
import { entityDisplayName, entityTitle, findEntity, specString, type EntityIndex } from '../../views/entities.ts';
import type { GraphLayout } from '../../views/graph-layout.ts';
import { graphSvg } from './graph-svg.ts';
import { EM_DASH, escapeAttribute as attr, escapeHtml as text } from './html.ts';
import { withBase } from '../../model/routes.ts';
import { shownRef } from '../../model/entityRef.ts';
import { entityPath, GRAPH_DATA } from '../../model/routes.ts';
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
  // Detail and note in one span: a user page lists five owned entities, each with both.
  const meta = options.note ? `${detail ? `${detail} ` : ''}· ${options.note}` : detail;
  if (meta) out += `<span class="meta"> ${text(meta)}</span>`;
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
  const list = card.targets.length === 0 ? `<p class="muted">${text(card.empty ?? '')}</p>` : `<ul class="plain">${targetItemsHtml(shown, base, mixed)}</ul>`;
  const rest = more > 0 ? `<p class="more">and ${more} more ${EM_DASH} <a href="${attr(allHref)}">see all ${card.targets.length}</a></p>` : '';
  // No id or aria-labelledby: its heading names it for readers, and at five cards a page they cost ~450 bytes.
  // No data-relation: the card's id names it, and nothing read the relation type (~27 bytes a card).
  return `<section class="card rel-card" data-card="${attr(card.id)}"><h3>${text(card.title)} <span class="count">${card.targets.length}</span></h3>${list}${rest}</section>`;
}

/**
 * The cards with nothing in them, in one line: "Provides no APIs. Depends on no resources." An empty card with its
 * heading and count was ~170 bytes, and most Components have two (0.14 KB per entity at 10,000 entities).
 */
export function emptyCardsHtml(cards: readonly RelationCard[]): string {
  const said = cards.map((c) => `<span data-card="${attr(c.id)}">${text(c.empty ?? `No ${c.title.toLowerCase()}.`)}</span>`);
  return said.length ? `<p class="meta" data-empty-cards>${said.join(' ')}</p>` : '';
}

/**
 * A link to an entity by ref, or, when it is not in the model, its ref marked missing. Titled with the ref only
 * when it shows a title other than the name: a tooltip repeating the name was ~25 bytes of every entity page.
 */
export function refLinkHtml(ref: string, index: EntityIndex, base: string, defaultKind?: string, missingLabel = 'not in the catalog'): string {
  const target = findEntity(index, ref);
  if (target) {
    const shown = entityTitle(target.entity);
    const title = shown === target.entity.metadata.name ? '' : ` title="${attr(target.ref)}"`;
    return `<a href="${attr(entityHref(target, base))}"${title}>${text(shown)}</a>`;
  }
  return `<span class="missing" title="${attr(`${ref} is not in the catalog`)}">${text(shownRef(ref, defaultKind))} <span class="badge">${text(missingLabel)}</span></span>`;
}

/**
 * A relations graph as inline SVG (./graph-svg.ts) in its box, every catalog node linked to its entity page.
 * `scroll`: natural size in a scroll box (the explorer) instead of shrinking to fit.
 */
export function relationsGraphHtml(layout: GraphLayout, label: string, base: string, scroll = false): string {
  const svg = graphSvg(layout, label, (n) => n.href ?? (n.entity ? entityHref(n.entity, base) : undefined));
  return `<div class="graph-box${scroll ? ' scroll' : ''}"> ${svg} </div>`;
}

export interface GraphViewOptions {
  /** The entity at the centre. */
  center: string;
  /** The depth drawn at build time. */
  depth: number;
  /** The depth the browser's "Draw all" draws at (an explorer's whole graph); default `depth`. */
  fullDepth?: number;
  /** Relation types followed; all when absent. */
  relations?: ReadonlySet<string> | undefined;
  /** The graph data file the browser redraws from (`GRAPH_DATA` under the base). */
  dataHref: string;
  /** Entities reached but not drawn. */
  omitted: number;
  /** Nodes the browser's first drawing shows (graphPlaceholderHtml); default its own cap. */
  maxNodes?: number;
  scroll?: boolean;
}

/**
 * A graph the browser draws from the graph data when the page opens (`site.entityGraph`); without JavaScript a
 * note (`fallback`) says where the page lists the same. `omitted`: entities the first drawing leaves to Draw all.
 */
export function graphPlaceholderHtml(label: string, base: string, options: GraphViewOptions, fallback = 'the cards below list every relation'): string {
  const max = options.maxNodes === undefined ? '' : ` data-max="${options.maxNodes}"`;
  return `${graphViewOpen(label, base, options, max)}<div class="graph-box${options.scroll ? ' scroll' : ''}"><p class="muted">The graph is drawn by JavaScript; ${text(fallback)}.</p></div></div>`;
}

/**
 * The graph view's element with what ../client/graph.ts reads: the centre, depth, the entities not drawn and the
 * label; for an explorer, the depth Draw all draws at and the relations followed. The data file only when it is
 * not the site's `GRAPH_DATA`, and never the base: the script knows both (`base` is the site's), and saying them
 * on every entity page was ~45 bytes each.
 */
function graphViewOpen(label: string, base: string, options: GraphViewOptions, extra = ''): string {
  const relations = options.relations ? ` data-relations="${attr([...options.relations].join(' '))}"` : '';
  const full = options.fullDepth && options.fullDepth !== options.depth ? ` data-full-depth="${options.fullDepth}"` : '';
  const src = options.dataHref === withBase(GRAPH_DATA, base) ? '' : ` data-src="${attr(options.dataHref)}"`;
  // Depth 1 and nothing omitted are the script's defaults, as is its own node cap: most pages say none of them.
  const depth = options.depth === 1 ? '' : ` data-depth="${options.depth}"`;
  const omitted = options.omitted ? ` data-omitted="${options.omitted}"` : '';
  return `<div class="graph-view" data-graph="${attr(options.center)}"${depth}${full}${relations}${src}${omitted}${extra} data-label="${attr(label)}">`;
}

/**
 * The graph drawn at build time, with what the browser needs to add zoom, pan, fit, depth, filters and
 * direction (../client/graph.ts). Without JavaScript it is the SVG alone.
 */
export function graphViewHtml(layout: GraphLayout, label: string, base: string, options: GraphViewOptions): string {
  return `${graphViewOpen(label, base, options)}${relationsGraphHtml(layout, label, base, options.scroll)}</div>`;
}
