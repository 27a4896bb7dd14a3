// Facets of the search page over the facet table the build writes beside Pagefind's index (src/search/facets.ts):
// which pages a choice of filters keeps and how many pages carry each value. Pure; runs in the browser.
// Several values of one filter match any of them, tags match all (as search-state.ts); a filter's own values are
// counted as if it were not set, so a checked value's neighbours keep their counts (tags narrow, and count so).

/** File name inside the Pagefind folder. */
export const FACETS_FILE = 'backlot-facets.json';
/** Beside it: the index's other shards, which the browser merges into the first (src/search/shards.ts). */
export const SHARDS_FILE = 'backlot-shards.json';

export interface ShardsFile {
  version: 1;
  /** Folders of shards 1…n-1, relative to the Pagefind folder, each ending in `/`. */
  shards: string[];
}

export interface FacetTable {
  version: 2;
  /** Filter keys, e.g. `kind`, `owner`, `tag`. */
  keys: string[];
  /** Per key, its values; a column holds indexes into this list. */
  values: string[][];
  /** Pagefind's page hash of each page (a search result's `id`), pages in URL order. */
  pages: string[];
  /** Fragment bundles, relative to the Pagefind folder without `.pf_fragment` (`fragment/…`, a shard's `2/fragment/…`). */
  groups: string[];
  /** The index shards' folders, relative to the Pagefind folder ('' for the first, else `k/`). */
  folders: string[];
  /** Per page: its bundle (index into `groups`), or -1 - f when its fragment is a file of its own in `folders[f]`. */
  group: number[];
  /** Per key, per page: -1 (no value), a value index, or several. */
  columns: Array<Array<number | number[]>>;
}

export type FacetCounts = Record<string, Record<string, number>>;

export interface Facets {
  table: FacetTable;
  /** Page index by Pagefind hash. */
  page: Map<string, number>;
  /** Every value's page count, for the facet lists. */
  totals: FacetCounts;
}

export function isFacetTable(data: unknown): data is FacetTable {
  const t = data as FacetTable;
  return !!t && t.version === 2 && Array.isArray(t.keys) && Array.isArray(t.folders) && Array.isArray(t.pages) && Array.isArray(t.columns) && t.columns.length === t.keys.length;
}

const each = (cell: number | number[] | undefined, fn: (v: number) => void) => {
  if (typeof cell === 'number') {
    if (cell >= 0) fn(cell);
  } else if (cell) for (const v of cell) fn(v);
};

export function facets(table: FacetTable): Facets {
  const page = new Map<string, number>();
  table.pages.forEach((hash, i) => page.set(hash, i));
  return { table, page, totals: countPages(table, table.pages.map((_, i) => i)) };
}

function countPages(table: FacetTable, pages: Iterable<number>): FacetCounts {
  const tallies = table.keys.map(() => new Map<number, number>());
  for (const p of pages) table.keys.forEach((_, k) => each(table.columns[k]![p], (v) => tallies[k]!.set(v, (tallies[k]!.get(v) ?? 0) + 1)));
  return Object.fromEntries(table.keys.map((key, k) => [key, Object.fromEntries([...tallies[k]!].map(([v, n]) => [table.values[k]![v]!, n]))]));
}

export interface Narrowed {
  /** Positions (in the pages given) of the pages every filter keeps, in the order given. */
  kept: number[];
  counts: FacetCounts;
}

/**
 * Keeps the pages (table indexes, e.g. a search's results in Pagefind's order) that match `filters`, and counts
 * values: over the kept pages, and a set filter's own values (not tags) over the pages every other filter keeps.
 * One pass, each page's cells read once: linear in pages × filter keys.
 */
export function narrow(f: Facets, pages: readonly number[], filters: Record<string, readonly string[]>): Narrowed {
  const { table } = f;
  // Per set filter: its key's column and the value indexes it accepts (a value no page has accepts nothing).
  const active = Object.entries(filters)
    .filter(([, values]) => values.length > 0)
    .map(([key, values]) => {
      const k = table.keys.indexOf(key);
      const known = k >= 0 ? table.values[k]! : [];
      return { key, k, all: key === 'tag', want: values.map((v) => known.indexOf(v)) };
    });
  const tallies = table.keys.map(() => new Map<number, number>());
  const tally = (k: number, p: number) => each(table.columns[k]![p], (v) => tallies[k]!.set(v, (tallies[k]!.get(v) ?? 0) + 1));
  const kept: number[] = [];
  pages.forEach((p, i) => {
    let failed = -1;
    let failures = 0;
    for (const [a, filter] of active.entries()) {
      const cell = filter.k >= 0 ? table.columns[filter.k]![p] : -1;
      const has = (v: number) => v >= 0 && (typeof cell === 'number' ? cell === v : !!cell?.includes(v));
      const ok = filter.all ? filter.want.every(has) : filter.want.some(has);
      if (!ok) {
        failures++;
        failed = a;
        if (failures > 1) break;
      }
    }
    if (failures === 0) {
      kept.push(i);
      table.keys.forEach((_, k) => tally(k, p));
    } else if (failures === 1) {
      // Kept but for one set filter (not tags): counts toward that filter's own values.
      const a = active[failed]!;
      if (!a.all && a.k >= 0) tally(a.k, p);
    }
  });
  const counts = Object.fromEntries(table.keys.map((key, k) => [key, Object.fromEntries([...tallies[k]!].map(([v, n]) => [table.values[k]![v]!, n]))]));
  return { kept, counts };
}
