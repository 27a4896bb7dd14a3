// Catalog filter state, shared by the page's client script and its tests. State lives in the URL query.

export interface FilterState {
  /** Lower-case kind, or '' for all. */
  kind: string;
  /** Free text from the search box's no-JS fallback (`?q=`), lower-case. */
  q: string;
}

export function readFilter(search: string): FilterState {
  const params = new URLSearchParams(search);
  return {
    kind: (params.get('kind') ?? '').trim().toLowerCase(),
    q: (params.get('q') ?? '').trim().toLowerCase(),
  };
}

/** The query string for a state, keeping unrelated parameters. Empty values are dropped. */
export function writeFilter(search: string, state: FilterState): string {
  const params = new URLSearchParams(search);
  for (const key of ['kind', 'q'] as const) {
    if (state[key]) params.set(key, state[key]);
    else params.delete(key);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function rowMatches(row: { kind: string; text: string }, state: FilterState): boolean {
  if (state.kind && row.kind !== state.kind) return false;
  if (state.q && !state.q.split(/\s+/).every((word) => row.text.includes(word))) return false;
  return true;
}
