// Loads Pagefind's browser bundle once per page, from the site's own /pagefind/ folder (no CDN), and merges the
// index's other shards into it (src/search/shards.ts): Pagefind searches every shard and ranks their results by score.

import { SHARDS_FILE, type ShardsFile } from '../../views/search-facets.ts';

export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}
export interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
}
export type FilterCounts = Record<string, Record<string, number>>;
export interface PagefindSearch {
  results: PagefindResult[];
  unfilteredResultCount: number;
  filters: FilterCounts;
  totalFilters: FilterCounts;
}
export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  search(term: string | null, options?: Record<string, unknown>): Promise<PagefindSearch>;
  debouncedSearch(term: string, options?: Record<string, unknown>, ms?: number): Promise<PagefindSearch | null>;
  filters(): Promise<FilterCounts>;
  mergeIndex(path: string, options?: Record<string, unknown>): Promise<void>;
}

let loading: Promise<Pagefind | null> | undefined;

/** Resolves to null when the site has no search index (a dev server, or a build without Pagefind). */
export function loadPagefind(base: string): Promise<Pagefind | null> {
  if (loading) return loading;
  // The list of shards is fetched while the bundle loads; a site indexed by the Pagefind CLI has none.
  const shards = fetch(`${base}pagefind/${SHARDS_FILE}`)
    .then((res) => (res.ok ? (res.json() as Promise<ShardsFile>) : undefined))
    .catch(() => undefined);
  loading = import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)
    .then(async (pf: Pagefind) => {
      await pf.options({ baseUrl: base });
      const folders = (await shards)?.shards ?? [];
      await Promise.all(folders.map((folder) => pf.mergeIndex(`${base}pagefind/${folder}`, { baseUrl: base })));
      return pf;
    })
    .catch(() => null);
  return loading;
}
