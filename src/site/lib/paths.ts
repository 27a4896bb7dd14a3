// Site-internal URLs. Every link goes through withBase so the site works under any base path.

/** Joins a site path (`catalog/`, `/problems/`) onto the base (`/`, `/portal/`). Absolute URLs pass through. */
export function withBase(path: string, base: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('#')) return path;
  let root = base.startsWith('/') ? base : `/${base}`;
  if (!root.endsWith('/')) root += '/';
  return root + path.replace(/^\/+/, '');
}

/**
 * The catalog list of one kind: a static paged list that works without JavaScript; with it, the catalog app
 * takes over at `catalog/?kind=<kind>`. The kind is lower-cased as in entity URLs.
 */
export function catalogKindPath(kind: string): string {
  return `catalog/kind/${encodeURIComponent(kind.toLowerCase())}/`;
}
