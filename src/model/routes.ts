// Every URL the portal and its static API write, as paths relative to the site's base (`withBase` adds it).
// Pages, the browser scripts, the static API writer, the docs stage and the scaffolder's output links all build
// their URLs here, so the URL scheme changes in one place. Browser-safe: no Node imports.

import { parseEntityRef } from './entityRef.ts';

/**
 * The first path segments the portal itself writes under the base (its pages, the static API, Pagefind's index,
 * Astro's assets, the public folder's files). The platform team's own pages may not start with one of them.
 */
export const PORTAL_SECTIONS: readonly string[] = ['catalog', 'catalog-import', 'changes', 'plugins', 'docs', 'create', 'problems', 'search', 'api', 'vendor', 'pagefind', '_astro', '_backlot', '404', 'favicon.svg', 'theme.js'];

/** Joins a site path (`catalog/`, `/problems/`) onto the base (`/`, `/portal/`). Absolute URLs pass through. */
export function withBase(path: string, base: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('#')) return path;
  let root = base.startsWith('/') ? base : `/${base}`;
  if (!root.endsWith('/')) root += '/';
  return root + path.replace(/^\/+/, '');
}

export interface EntityTriplet {
  kind: string;
  namespace: string;
  name: string;
}

/** An entity's page, lower-cased like Backstage's `/catalog/:namespace/:kind/:name`. */
export function entityPath(ref: string | EntityTriplet): string {
  const { kind, namespace, name } = typeof ref === 'string' ? parseEntityRef(ref) : ref;
  return `catalog/${namespace}/${kind}/${name}/`.toLowerCase();
}

/**
 * The catalog list of one kind: a static paged list that works without JavaScript; with it, the catalog app
 * takes over at `catalog/?kind=<kind>`. The kind is lower-cased as in entity URLs.
 */
export function catalogKindPath(kind: string): string {
  return `catalog/kind/${encodeURIComponent(kind.toLowerCase())}/`;
}

/** A software template's Create page, `create/<namespace>/<name>/` lower-cased like entity pages. */
export function createPath(ref: string | EntityTriplet): string {
  const { namespace, name } = typeof ref === 'string' ? parseEntityRef(ref) : ref;
  return `create/${encodeURIComponent(namespace.toLowerCase())}/${encodeURIComponent(name.toLowerCase())}/`;
}

/** The data a template's Create page previews it with (src/model/templatePreview.ts), beside the page. */
export function templatePreviewPath(ref: string | EntityTriplet): string {
  return `${createPath(ref)}preview.json`;
}

/** An entity's TechDocs site, `docs/<namespace>/<kind>/<name>/` lower-cased, as Backstage stores sites. */
export function docsPath(triplet: EntityTriplet): string {
  const part = (s: string) => encodeURIComponent(s.toLowerCase());
  return `docs/${part(triplet.namespace)}/${part(triplet.kind)}/${part(triplet.name)}/`;
}

/** The portal's sections: the catalog, the docs index, the search page, the templates' list and the problems list. */
export const CATALOG_PATH = 'catalog/';
export const DOCS_PATH = 'docs/';
export const SEARCH_PATH = 'search/';
export const CREATE_PATH = 'create/';
export const PROBLEMS_PATH = 'problems/';

/** "Register existing component": a form that writes a `catalog-info.yaml` (Backstage's `/catalog-import`). */
export const REGISTER_PATH = 'catalog-import/';

/** Every entity's relations in one compact file (src/views/graph-data.ts), for graphs drawn in the browser. */
export const GRAPH_DATA = 'catalog/graph.json';

/** The catalog's history: the page and its Atom feed. */
export const CHANGES_PATH = 'changes/';
export const CHANGES_FEED = 'changes/feed.xml';

/** The static catalog API, in the shape of Backstage's `/api/catalog`. */
export const CATALOG_API = {
  /** The index of the catalog's parts (`src/pipeline/catalogParts.ts`); before parts, the one array of every entity. */
  entities: 'api/catalog/entities.json',
  /** Part `n` (from 1) of every entity, an array as Backstage's `/entities` answers; named relative to `entities`. */
  part: (n: number) => `entities/part-${n}.json`,
  diagnostics: 'api/catalog/diagnostics.json',
  /** The catalog's history, newest first (`src/diff/history.ts`); the next build reads it from the live site. */
  changes: 'api/catalog/changes.json',
} as const;

/** A plugin's browser script, named by its content's hash so a changed script is never served from a stale cache. */
export function pluginScriptPath(plugin: string, hash: string): string {
  return `_backlot/plugins/${encodeURIComponent(plugin)}.${hash}.js`;
}

/** A plugin's tab on an entity's page: a subpage of the entity's own page, so it is linkable and needs no script. */
export function entityTabPath(ref: string | EntityTriplet, plugin: string, tab: string): string {
  return `${entityPath(ref)}tab/${encodeURIComponent(plugin.toLowerCase())}/${encodeURIComponent(tab.toLowerCase())}/`;
}

/** A plugin's own page: `plugins/<plugin>/` and below (`path` of segments such as `drift` or `teams/a`). */
export function pluginPagePath(plugin: string, path = ''): string {
  const rest = path.split('/').filter(Boolean).map((s) => encodeURIComponent(s.toLowerCase()));
  return ['plugins', encodeURIComponent(plugin.toLowerCase()), ...rest].join('/') + '/';
}
