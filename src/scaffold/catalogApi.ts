// The build's catalog as the scaffolder sees it: `catalog:fetch` and `http:backstage:request` GETs of catalog
// API paths are answered from it, in the shape of Backstage's catalog API (the static API's `entities.json`).

import type { Entity } from '../model/entity.ts';
import { entityRefOf, stringifyEntityRef } from '../model/entityRef.ts';

export interface CatalogLookup {
  /** The entity with this canonical ref (`component:default/x`), if the build has it. */
  entity(ref: string): Entity | undefined;
  /** Answers a GET of a catalog API path (`/api/catalog/...` or `catalog/...`); throws naming any other path. */
  get(path: string, params?: Record<string, unknown>): { status: number; body: unknown };
}

/** Backstage's `filter` query: `key=value` pairs joined by `,` must all hold; several filters are alternatives. */
function matchesFilter(entity: Entity, filter: string): boolean {
  return filter.split(',').every((part) => {
    const [key, ...rest] = part.split('=');
    const wanted = rest.length ? rest.join('=').toLowerCase() : undefined;
    let value: unknown = entity;
    for (const k of key!.trim().split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[k] : undefined;
    const values = (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null).map((v) => String(v).toLowerCase());
    return wanted === undefined ? values.length > 0 : values.includes(wanted.trim());
  });
}

const listOf = (value: unknown): string[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value.map(String) : [String(value)];

export function createCatalogLookup(entities: readonly Entity[]): CatalogLookup {
  const byRef = new Map(entities.map((e) => [entityRefOf(e), e]));
  const filtered = (params: Record<string, unknown>) => {
    const filters = listOf(params.filter);
    return filters.length ? entities.filter((e) => filters.some((f) => matchesFilter(e, f))) : [...entities];
  };
  return {
    entity: (ref) => byRef.get(ref.toLowerCase()),
    get(path, params = {}) {
      const url = new URL(path.replace(/^\/+/, '').replace(/^api\//, ''), 'http://catalog/');
      for (const [k, v] of url.searchParams) params = { ...params, [k]: [...listOf(params[k]), v] };
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      if (parts[0] !== 'catalog') throw new Error(`http:backstage:request: "${path}" is not a catalog API path; a static portal answers only GETs of /api/catalog/…`);
      const rest = parts.slice(1).join('/');
      const byName = /^entities\/by-name\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(rest);
      if (byName) {
        const entity = byRef.get(stringifyEntityRef({ kind: byName[1]!, namespace: byName[2]!, name: byName[3]! }).toLowerCase());
        return entity ? { status: 200, body: entity } : { status: 404, body: { error: { name: 'NotFoundError', message: `No entity named '${byName[3]}' found, with kind '${byName[1]}' in namespace '${byName[2]}'` } } };
      }
      if (rest === 'entities') return { status: 200, body: filtered(params) };
      if (rest === 'entities/by-query') {
        const items = filtered(params);
        return { status: 200, body: { items, totalItems: items.length, pageInfo: {} } };
      }
      throw new Error(`http:backstage:request: the catalog API path "${path}" is not served by a static portal (entities, entities/by-query and entities/by-name/<kind>/<namespace>/<name> are)`);
    },
  };
}
