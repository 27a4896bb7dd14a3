// The search page's state in the URL (`?q=…&kind=API&tag=pci`) and how it becomes Pagefind filters.
// Values are Pagefind's own (case kept). Several values of one filter match any of them; tags match all.

import { FACET_KEYS, FACET_TITLES } from '../../views/catalog/query.ts';

// The search page filters by the catalog's facets (Pagefind's filters are the search records' facets).
export const SEARCH_FILTERS = FACET_KEYS;
const LABELS: Record<string, string> = FACET_TITLES;

export function filterLabel(key: string): string {
  return LABELS[key] ?? key.charAt(0).toUpperCase() + key.slice(1).replace(/[-_]/g, ' ');
}

/** Known filters first in their usual order, then any others (say, from docs pages) by name. */
export function orderFilters(keys: Iterable<string>): string[] {
  const known = SEARCH_FILTERS as readonly string[];
  return [...new Set(keys)].sort((a, b) => {
    const ia = known.indexOf(a);
    const ib = known.indexOf(b);
    if (ia !== ib) return (ia === -1 ? known.length : ia) - (ib === -1 ? known.length : ib);
    return a.localeCompare(b);
  });
}

export interface SearchState {
  q: string;
  filters: Record<string, string[]>;
}

const RESERVED = new Set(['q', 'page']);

export function readSearch(search: string): SearchState {
  const params = new URLSearchParams(search);
  const filters: Record<string, string[]> = {};
  for (const key of new Set(params.keys())) {
    if (RESERVED.has(key) || !/^[a-z][a-z0-9_-]*$/i.test(key)) continue;
    const values = [...new Set(params.getAll(key).map((v) => v.trim()).filter(Boolean))];
    if (values.length) filters[key] = values;
  }
  return { q: (params.get('q') ?? '').trim(), filters };
}

export function writeSearch(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  for (const key of orderFilters(Object.keys(state.filters))) for (const v of state.filters[key] ?? []) params.append(key, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export type PagefindFilters = Record<string, { any: string[] } | string[]>;

/** Pagefind's filter object for a state, optionally leaving one filter out (to count its values). */
export function pagefindFilters(filters: Record<string, string[]>, except?: string): PagefindFilters {
  const out: PagefindFilters = {};
  for (const [key, values] of Object.entries(filters)) {
    if (key === except || values.length === 0) continue;
    out[key] = key === 'tag' ? [...values] : { any: [...values] };
  }
  return out;
}

export function hasFilters(state: SearchState): boolean {
  return Object.values(state.filters).some((v) => v.length > 0);
}
