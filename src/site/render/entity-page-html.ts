// The entity page's body, its whole <article>, as one HTML string from the page's view
// (src/views/entity-page-view.ts). As an Astro template with ten components it cost Astro a component instance,
// a render context and an escape per expression for each of 10,000 pages; the markup and its spacing are what
// that template rendered, less the spaces between blocks that show nothing. Every value shown comes from a
// crawled repo: text goes through escapeHtml, attributes through attribute(); the description comes as sanitised
// HTML in the view (src/views/markdown.ts).

import { CATALOG_PATH, catalogKindPath, GRAPH_DATA, withBase } from '../../model/routes.ts';
import { historySentence } from '../../views/changes.ts';
import type { EntityIndex } from '../../views/entities.ts';
import { CARD_LIMIT, GRAPH_NODES } from '../../views/entity-page.ts';
import type { EntityPageView } from '../../views/entity-page-view.ts';
import { plural } from '../../views/format.ts';
import type { GraphLayout } from '../../views/graph-layout.ts';
import {
  apiSummaryHtml,
  attribute,
  linksCardHtml,
  memberListHtml,
  ownershipCardsHtml,
  profileCardHtml,
  relationGroupsHtml,
  userOwnershipHtml,
} from './entity-cards-html.ts';
import { diagnosticListHtml } from './diagnostics-html.ts';
import { entityFieldsHtml } from './entity-fields-html.ts';
import { emptyCardsHtml, graphPlaceholderHtml, graphViewHtml, relationCardHtml } from './entity-html.ts';
import { entityTabsHtml } from './entity-tabs-html.ts';
import { RSAQUO, escapeHtml as text } from './html.ts';

/** What the page adds to its view: the entity index (links), the base, and what Astro gave it. */
export interface EntityPageContext {
  index: EntityIndex;
  base: string;
  /** The graph laid out at build time (graphMode 'static'). */
  layout?: GraphLayout | undefined;
  /** The plugins' cards as rendered (a plugin's card may be its own Astro component). */
  pluginCards: string;
}

export function entityPageHtml(view: EntityPageView, ctx: EntityPageContext): string {
  const { own, lists, graph, paths } = view;
  const { item, kind, title, problems, changes, repo, docs, api, viewUrl, editUrl, links, annotations } = own;
  const { entity } = item;
  const { base, index, layout } = ctx;
  const href = (path: string) => withBase(path, base);
  const allHref = href(paths.relations);
  const errors = problems.filter((d) => d.severity === 'error').length;

  let out = `<article class="entity-page"${attribute('data-kind', kind)}><p class="crumbs"><a${attribute('href', href(CATALOG_PATH))}>Catalog</a> ${RSAQUO} <a${attribute('href', href(catalogKindPath(entity.kind)))}>${text(entity.kind)}</a></p>`;
  out += `<div class="entity-head"><h1>${text(title)}</h1><span class="badge">${text(entity.kind)}</span>`;
  // The star's script (client/stars.ts, started by the page) gives the static button its type and pressed state.
  out += `<button class="star labelled"${attribute('data-star', item.ref.toLowerCase())} hidden>Star</button>`;
  if (problems.length > 0) out += `<a${attribute('class', `badge ${errors > 0 ? 'error' : 'warning'}`)} href="#problems">${plural(problems.length, 'problem', 'problems')}</a>`;
  out += '</div>';
  if (title !== entity.metadata.name) out += `<p class="muted mono">${text(entity.metadata.name)}</p>`;
  out += entityTabsHtml(own.tabs, href);
  out += view.description ? `<div class="lead markdown" data-description>${view.description.html}</div>` : '<p class="lead muted">No description.</p>';
  if (viewUrl || editUrl || docs.url || paths.create || paths.definition) {
    out += '<ul class="actions">';
    if (viewUrl) out += `<li><a${attribute('href', viewUrl)} data-action="view">View source</a></li>`;
    if (editUrl) out += `<li><a${attribute('href', editUrl)} data-action="edit">Edit</a></li>`;
    if (docs.url) out += `<li><a${attribute('href', docs.url)} data-action="docs">View docs</a></li>`;
    if (paths.create) out += `<li><a${attribute('href', href(paths.create))} data-action="launch">Launch template</a></li>`;
    if (paths.definition) out += `<li><a${attribute('href', href(paths.definition.page))} data-action="definition">Definition</a></li>`;
    out += '</ul>';
  }

  out += `<div class="entity-grid"><section class="card" aria-labelledby="about" data-card="about"><h2 id="about">About</h2>${entityFieldsHtml(item, index, repo, base)}`;
  if (!docs.url && docs.annotation) out += `<p class="meta">Docs requested by <code>${text(docs.annotation)}</code> were not built.</p>`;
  out += '</section>';
  if (view.profile) out += profileCardHtml(view.profile, base);
  if (api && paths.definition) out += apiSummaryHtml(api, href(paths.definition.page), href(paths.definition.raw));
  out += `${links.length > 0 ? linksCardHtml(links) : ''}${ctx.pluginCards}</div>`;

  const options = { center: item.ref, depth: 1, dataHref: href(GRAPH_DATA), omitted: graph.omitted };
  const drawing = layout
    ? graphViewHtml(layout, view.graphLabel, base, options)
    : view.graphMode === 'browser'
      ? graphPlaceholderHtml(view.graphLabel, base, { ...options, omitted: 0, maxNodes: GRAPH_NODES })
      : undefined;
  if (drawing) {
    out += `<section class="card graph-card" aria-labelledby="graph"><h2 id="graph">Relations graph</h2>${drawing}`;
    const omitted = layout !== undefined && graph.omitted > 0;
    if (omitted || paths.explorer) {
      out += '<p class="meta">';
      if (omitted) out += `${plural(graph.omitted, 'more related entity is', 'more related entities are')} not drawn; see the lists below.`;
      if (paths.explorer) out += `${omitted ? ' ' : ''}<a${attribute('href', href(paths.explorer))} data-action="explore">Explore the ${text(entity.kind.toLowerCase())} graph</a>`;
      out += '</p>';
    }
    out += '</section>';
  }

  if (lists.cards.length > 0) {
    const full = view.fullCards.map((card) => relationCardHtml(card, CARD_LIMIT, allHref, base)).join('');
    out += `<section aria-labelledby="relations"><h2 id="relations">Relations</h2>${full ? `<div class="card-grid">${full}</div>` : ''}${emptyCardsHtml(view.emptyCards)}</section>`;
  }

  const { members, owned, other, fullLists } = lists;
  if (members || owned) {
    const ownerCatalog = href(paths.ownerCatalog ?? CATALOG_PATH);
    out += '<div class="entity-grid">';
    if (view.members) out += memberListHtml(view.members, allHref, base);
    if (view.ownership && kind === 'user') out += userOwnershipHtml(view.ownership, ownerCatalog);
    if (view.ownership && kind !== 'user') out += ownershipCardsHtml(view.ownership, ownerCatalog, fullLists ? allHref : undefined, base);
    out += '</div>';
  }
  if (other.length > 0) {
    const heading = lists.cards.length > 0 || members ? 'Other relations' : 'Relations';
    out += `<section aria-labelledby="other-relations"><h2 id="other-relations">${heading}</h2>${relationGroupsHtml(other, CARD_LIMIT, allHref, base)}</section>`;
  }
  if (fullLists) out += `<p class="meta"><a${attribute('href', allHref)} data-action="all-relations">All relations of ${text(title)}</a></p>`;
  if (problems.length > 0) out += `<section aria-labelledby="problems"><h2 id="problems">Problems</h2>${diagnosticListHtml(view.problemList, base)}</section>`;
  if (changes.length > 0) {
    out += '<section aria-labelledby="history" data-history><h2 id="history">History</h2><ul class="entity-history">';
    for (const row of changes) {
      const renamed = row.ref !== item.ref ? ` (now <a${attribute('href', row.path ? href(row.path) : undefined)}>${text(row.name)}</a>)` : '';
      for (const sentence of row.sentences) out += `<li${row.breaking ? ' class="breaking"' : ''}>${text(historySentence(row, sentence))}${renamed}</li>`;
    }
    out += '</ul></section>';
  }
  // Location annotations into the entity's own repo are counted, not listed (src/views/entity-page.ts).
  const locations = `${plural(annotations.inRepo, 'location annotation points', 'location annotations point')} into the entity's repo (see Source).`;
  if (annotations.listed.length > 0) {
    const listed = annotations.listed.map(([k, v]) => `<dt>${text(k)}</dt><dd>${text(v)}</dd>`).join('');
    out += `<section aria-labelledby="annotations"><h2 id="annotations">Annotations</h2><details><summary>${plural(annotations.listed.length, 'annotation', 'annotations')}</summary><dl class="fields mono">${listed}</dl></details>`;
    out += `${annotations.inRepo > 0 ? `<p class="meta" data-location-annotations>${text(locations)}</p>` : ''}</section>`;
  }
  // What has nothing to show says so in one line, not a section and heading each (~270 bytes of most pages).
  if (view.quiet.length > 0 || annotations.listed.length === 0) {
    const none = annotations.listed.length === 0 ? (annotations.inRepo > 0 ? `<span data-location-annotations>${text(locations)}</span>` : 'No annotations.') : '';
    out += `<p class="meta" data-quiet>${[...view.quiet, none].filter(Boolean).join(' ')}</p>`;
  }
  return `${out}</article>`;
}
