// The docs model as the pages use it: lookups by entity, static routes, nav state, table of contents.
// Docs URLs in the model already carry the base path (the docs stage was given it).

import type { DocsHeading, DocsPage, DocsSite, NavItem } from '../model/docs.ts';
import type { PortalModel } from '../model/portal.ts';
import { humanizeRef, parseEntityRef } from '../model/entityRef.ts';
import { entityTitle, findEntity, ownerRef, type EntityIndex } from './entities.ts';

export interface DocsIndex {
  sites: readonly DocsSite[];
  /** Sites with at least one page (a site without pages has no index page to link to), by entity ref. */
  byRef: ReadonlyMap<string, DocsSite>;
  /** Entity ref → URL of the docs it shows (`backstage.io/techdocs-entity`), when they lead into a built site. */
  redirects: ReadonlyMap<string, string>;
}

const cache = new WeakMap<PortalModel, DocsIndex>();

export function docsIndex(model: PortalModel): DocsIndex {
  const hit = cache.get(model);
  if (hit) return hit;
  const sites = model.docs?.sites ?? [];
  const built = sites.filter((s) => (s.pages?.length ?? 1) > 0);
  const roots = new Set(built.map((s) => s.url));
  // A redirect leads into a built site when one of its URL's folders is that site's root: a look-up per folder,
  // not a scan of every site per redirect.
  const intoBuilt = (to: string) => {
    for (let cut = to.indexOf('/', 1); cut !== -1; cut = to.indexOf('/', cut + 1)) if (roots.has(to.slice(0, cut + 1))) return true;
    return false;
  };
  const index: DocsIndex = {
    sites,
    byRef: new Map(built.map((s) => [s.entityRef, s])),
    redirects: new Map((model.docs?.redirects ?? []).filter((r) => intoBuilt(r.to)).map((r) => [r.entityRef, r.to])),
  };
  cache.set(model, index);
  return index;
}

/** Where an entity's "Docs" link goes: its own site, or the site its techdocs-entity names. */
export function docsUrlOf(index: DocsIndex, ref: string): string | undefined {
  const key = ref.toLowerCase();
  return index.byRef.get(key)?.url ?? index.redirects.get(key);
}

export type DocsRoute =
  | { params: RouteParams; props: { type: 'page'; site: DocsSite; page: DocsPage } }
  | { params: RouteParams; props: { type: 'redirect'; entityRef: string; to: string } };

interface RouteParams {
  namespace: string;
  kind: string;
  name: string;
  /** Page path without the trailing slash; undefined for the site's index. */
  page: string | undefined;
}

/** One route per docs page, and one redirect per entity that shows another entity's docs. */
export function docsRoutes(model: PortalModel): DocsRoute[] {
  const routes: DocsRoute[] = [];
  const taken = new Set<string>();
  for (const site of docsIndex(model).sites) {
    for (const page of site.pages) {
      const params = { namespace: site.namespace, kind: site.kind, name: site.name, page: page.path.replace(/\/$/, '') || undefined };
      taken.add(`${params.namespace}/${params.kind}/${params.name}/${params.page ?? ''}`);
      routes.push({ params, props: { type: 'page', site, page } });
    }
  }
  for (const redirect of model.docs?.redirects ?? []) {
    const { kind, namespace, name } = parseEntityRef(redirect.entityRef);
    const params = { namespace: namespace.toLowerCase(), kind: kind.toLowerCase(), name: name.toLowerCase(), page: undefined };
    if (taken.has(`${params.namespace}/${params.kind}/${params.name}/`)) continue;
    routes.push({ params, props: { type: 'redirect', entityRef: redirect.entityRef, to: redirect.to } });
  }
  return routes;
}

/** The nav item is the page at `path`, or a section holding it: open it in the sidebar. */
export function navHolds(item: NavItem, path: string): boolean {
  if (item.type === 'page') return item.path === path;
  if (item.type === 'section') return item.path === path || item.children.some((c) => navHolds(c, path));
  return false;
}

/** Headings for the on-page table of contents (h2 and h3, as Material shows by default). */
export function tocHeadings(page: DocsPage, maxDepth = 3): DocsHeading[] {
  return page.headings.filter((h) => h.depth <= maxDepth);
}

/** Sites in the "All documentation" list, by name. */
export function sortedSites(index: DocsIndex): DocsSite[] {
  return [...index.sites].sort((a, b) => a.siteName.localeCompare(b.siteName, 'en', { sensitivity: 'base' }) || a.entityRef.localeCompare(b.entityRef));
}

/** What a docs page says of the entity it documents (its crumbs): the entity and its owner, linked when they exist. */
export interface DocsSubject {
  /** The entity's ref when it is in the catalog (linked), else none. */
  ref?: string;
  title: string;
  kind: string;
  /** The owner as named (a ref), when the entity has one. */
  owner?: string;
  /** The owner when it is in the catalog (linked). */
  ownerLink?: { ref: string; title: string };
  /** The owner's name when it is not. */
  ownerText?: string;
}

export function docsSubject(site: DocsSite, index: EntityIndex): DocsSubject {
  const item = findEntity(index, site.entityRef);
  const owner = item ? ownerRef(item.entity) : undefined;
  const ownerItem = owner ? findEntity(index, owner) : undefined;
  return {
    ...(item ? { ref: item.ref } : {}),
    title: item ? entityTitle(item.entity) : site.name,
    kind: item?.entity.kind ?? site.kind,
    ...(owner ? { owner } : {}),
    ...(ownerItem ? { ownerLink: { ref: ownerItem.ref, title: entityTitle(ownerItem.entity) } } : owner ? { ownerText: humanizeRef(owner, 'group') } : {}),
  };
}
