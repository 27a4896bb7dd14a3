// Loads Pagefind's browser bundle once per page, from the site's own /pagefind/ folder (no CDN).

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
}

let loading: Promise<Pagefind | null> | undefined;

/** Resolves to null when the site has no search index (a dev server, or a build without Pagefind). */
export function loadPagefind(base: string): Promise<Pagefind | null> {
  loading ??= import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)
    .then(async (pf: Pagefind) => {
      await pf.options({ baseUrl: base });
      return pf;
    })
    .catch(() => null);
  return loading;
}
