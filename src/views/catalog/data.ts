// The catalog listing computed once per model: every entity as a catalog item, per kind, and paged
// for the static lists that work without JavaScript.

import type { PortalModel } from '../../model/portal.ts';
import { catalogItem, encodeCatalogIndex } from './index.ts';
import type { CatalogIndex, CatalogItem, PluginColumnDef, PluginFacetDef } from './items.ts';
import { defaultKind, PAGE_SIZE } from './query.ts';
import { countByKind, type KindCount } from '../entities.ts';
import { catalogKindPath } from '../../model/routes.ts';
import { siteData } from '../site-data.ts';

export interface CatalogData {
  /** Every entity in listing order. */
  items: CatalogItem[];
  /** Items per lower-case kind. */
  byKind: ReadonlyMap<string, CatalogItem[]>;
  kinds: KindCount[];
  /** The lower-case kind `catalog/` opens on ('' for every kind): see defaultKind. */
  defaultKind: string;
  index: CatalogIndex;
  /** The index as served. */
  json: string;
  /** Items by ref, to tell links from dangling refs. */
  byRef: ReadonlyMap<string, CatalogItem>;
  namespaced: boolean;
  /** Plugins' catalog columns. */
  pluginColumns: PluginColumnDef[];
  /** Plugins' catalog facets. */
  pluginFacets: PluginFacetDef[];
}

const cache = new WeakMap<PortalModel, CatalogData>();

export function catalogData(model: PortalModel): CatalogData {
  const { model: m, sorted, byEntity } = siteData(model);
  const hit = cache.get(m);
  if (hit) return hit;
  const plugin = m.plugins?.columns ?? [];
  const pluginColumns: PluginColumnDef[] = plugin.map((c) => ({ key: c.key, label: c.title, kinds: c.kinds }));
  const columnsOf = (ref: string) => {
    const out: Record<string, string> = {};
    for (const c of plugin) if (c.values[ref]) out[c.key] = c.values[ref]!;
    return out;
  };
  const facets = m.plugins?.facets ?? [];
  const pluginFacets: PluginFacetDef[] = facets.map((f) => ({ key: f.key, label: f.title, kinds: f.kinds }));
  const facetsOf = (ref: string) => {
    const out: Record<string, string[]> = {};
    for (const f of facets) if (f.values[ref]?.length) out[f.key] = f.values[ref]!;
    return out;
  };
  const items = sorted.map((e) => catalogItem(e, byEntity.get(e.ref), plugin.length ? columnsOf(e.ref) : undefined, facets.length ? facetsOf(e.ref) : undefined));
  const byKind = new Map<string, CatalogItem[]>();
  for (const item of items) {
    const key = item.kind.toLowerCase();
    const list = byKind.get(key) ?? [];
    list.push(item);
    byKind.set(key, list);
  }
  const index = encodeCatalogIndex(items, pluginColumns, pluginFacets);
  const json = JSON.stringify(index);
  const data: CatalogData = {
    items,
    byKind,
    kinds: countByKind(m.entities),
    defaultKind: defaultKind(byKind.keys()),
    index,
    json,
    byRef: new Map(items.map((i) => [i.ref, i])),
    namespaced: items.some((i) => i.namespace.toLowerCase() !== 'default'),
    pluginColumns,
    pluginFacets,
  };
  cache.set(m, data);
  return data;
}

export function pageCount(total: number, size: number = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

export function pageOf<T>(items: readonly T[], page: number, size: number = PAGE_SIZE): T[] {
  return items.slice((page - 1) * size, page * size);
}

/**
 * Site path of a static list page: all entities or one kind, page 1 at the list's root. `catalog/` itself
 * shows the default kind's first page.
 */
export function listingPath(kind: string | undefined, page = 1): string {
  const root = kind ? catalogKindPath(kind) : 'catalog/all/';
  return page > 1 ? `${root}page/${page}/` : root;
}

