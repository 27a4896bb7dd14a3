// The search page in the browser: Pagefind results with title, kind and snippet, and its filters as
// facets with counts. State lives in the URL: typing replaces the entry, filters and submits push one.
// Pagefind searches the term without filters; the facet table the build writes beside its index filters and counts
// the results (views/search-facets.ts): Pagefind's own counting grows with results × filtered pages. A site indexed
// without the table falls back to Pagefind's filters.

import { rankResults } from '../../views/search-rank.ts';
import { formatCount } from '../../views/count.ts';
import { allKindsQuery, facetLabel } from '../../views/catalog/query.ts';
import { filterLabel, hasFilters, orderFilters, pagefindFilters, readSearch, writeSearch, type SearchState } from './search-state.ts';
import { CATALOG_PATH, withBase } from '../../model/routes.ts';
import { h } from './dom.ts';
import { loadPagefind, type FilterCounts, type PagefindResult, type PagefindResultData } from './pagefind.ts';
import { narrow } from '../../views/search-facets.ts';
import { loadFacets, tableResult } from './search-facets.ts';

const PAGE = 20;
/** Typing pauses this long before a search: short, since a search without Pagefind's filters costs little. */
const DEBOUNCE_MS = 60;
const SHORT_LIST = 8;

export async function startSearchPage(root: HTMLElement | null, base: string): Promise<void> {
  const form = root?.querySelector<HTMLFormElement>('[data-search-page]');
  const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
  const side = root?.querySelector<HTMLElement>('[data-search-facets]');
  const status = root?.querySelector<HTMLElement>('[data-search-status]');
  const list = root?.querySelector<HTMLOListElement>('[data-search-results]');
  const more = root?.querySelector<HTMLButtonElement>('[data-search-more]');
  if (!root || !form || !input || !side || !status || !list || !more) return;

  let state = readSearch(location.search);
  input.value = state.q;
  status.textContent = 'Loading the search index…';
  const [pf, table] = await Promise.all([loadPagefind(base), loadFacets(base)]);
  if (!pf) {
    status.replaceChildren(
      'The search index is not available here. ',
      h('a', { href: `${withBase(CATALOG_PATH, base)}${allKindsQuery(state.q ? { q: state.q } : {})}` }, 'Filter the catalog instead'),
      '.',
    );
    return;
  }
  const totals = table?.totals ?? (await pf.filters());

  // Facets: one fieldset per Pagefind filter, values by how many pages carry them.
  const boxes = new Map<string, Array<{ value: string; li: HTMLLIElement; input: HTMLInputElement; count: HTMLElement }>>();
  const facetForm = h('form', { class: 'filters', id: 'search-filters', 'aria-label': 'Filters' });
  for (const key of orderFilters(Object.keys(totals))) {
    const values = Object.entries(totals[key] ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (values.length === 0) continue;
    const rows = values.map(([value]) => {
      const box = h('input', { type: 'checkbox', name: key, value });
      const count = h('span', { class: 'count' });
      const li = h('li', {}, h('label', {}, box, ` ${key === 'owner' ? facetLabel('owner', value) : value} `, count));
      return { value, li, input: box, count };
    });
    boxes.set(key, rows);
    const moreButton = h('button', { type: 'button', class: 'more', 'aria-expanded': 'false', hidden: rows.length <= SHORT_LIST }, `Show all ${formatCount(rows.length)}`);
    moreButton.addEventListener('click', () => {
      const open = moreButton.getAttribute('aria-expanded') !== 'true';
      moreButton.setAttribute('aria-expanded', String(open));
      moreButton.textContent = open ? 'Show fewer' : `Show all ${formatCount(rows.length)}`;
      rows.forEach((r, i) => (r.li.hidden = !open && i >= SHORT_LIST && !r.input.checked));
    });
    rows.forEach((r, i) => (r.li.hidden = i >= SHORT_LIST));
    facetForm.append(h('fieldset', { class: 'facet', 'data-facet': key }, h('legend', {}, filterLabel(key)), h('ul', {}, rows.map((r) => r.li)), moreButton));
  }
  const clear = h('button', { type: 'button', class: 'button clear' }, 'Clear filters');
  facetForm.append(clear);
  const toggle = h('button', { type: 'button', class: 'button filters-toggle', 'aria-expanded': 'false', 'aria-controls': 'search-filters' }, 'Filters');
  toggle.addEventListener('click', () => toggle.setAttribute('aria-expanded', String(toggle.getAttribute('aria-expanded') !== 'true')));
  side.replaceChildren(toggle, facetForm);
  side.classList.add('enhanced');

  let results: PagefindResult[] = [];
  let shown = 0;
  let run = 0;

  function syncBoxes(counts: FilterCounts | undefined) {
    for (const [key, rows] of boxes) {
      const selected = state.filters[key] ?? [];
      for (const r of rows) {
        r.input.checked = selected.includes(r.value);
        const n = counts ? (counts[key]?.[r.value] ?? 0) : (totals[key]?.[r.value] ?? 0);
        r.count.textContent = formatCount(n);
        r.li.classList.toggle('zero', n === 0 && !r.input.checked);
        if (r.input.checked) r.li.hidden = false;
      }
    }
    const active = Object.values(state.filters).reduce((n, v) => n + v.length, 0);
    toggle.textContent = `Filters${active ? ` (${active})` : ''}`;
  }

  async function search() {
    const id = ++run;
    if (!state.q && !hasFilters(state)) {
      results = [];
      list!.replaceChildren();
      more!.hidden = true;
      syncBoxes(undefined);
      status!.textContent = 'Type to search, or pick a filter.';
      return;
    }
    const term = state.q || null;
    const { found, counts } = table ? await searchTable(term) : await searchPagefind(term);
    if (id !== run) return;
    results = found;
    shown = 0;
    list!.replaceChildren();
    syncBoxes(counts);
    const n = results.length;
    const what = state.q ? ` for “${state.q}”` : '';
    status!.textContent = n === 0 ? `No results${what}.${hasFilters(state) ? ' Try fewer filters.' : ''}` : `${formatCount(n)} result${n === 1 ? '' : 's'}${what}`;
    await showMore(id);
  }

  // The term's results from Pagefind, unfiltered; filters and counts from the facet table. Without a term, the
  // table's pages that the filters keep.
  async function searchTable(term: string | null): Promise<{ found: PagefindResult[]; counts: FilterCounts }> {
    const f = table!;
    if (term === null) {
      const { kept, counts } = narrow(f, f.table.pages.map((_, i) => i), state.filters);
      return { found: kept.map((i) => tableResult(f, i, base)), counts };
    }
    const all = (await pf!.search(term)).results;
    const { kept, counts } = narrow(f, all.map((r) => f.page.get(r.id) ?? -1), state.filters);
    return { found: kept.map((i) => all[i]!), counts };
  }

  async function searchPagefind(term: string | null): Promise<{ found: PagefindResult[]; counts: FilterCounts }> {
    const main = await pf!.search(term, { filters: pagefindFilters(state.filters) });
    const counts: FilterCounts = { ...main.filters };
    // A filter's own values count as if it were not set (any-of); tags narrow, so theirs come from the results.
    await Promise.all(
      Object.keys(state.filters)
        .filter((k) => k !== 'tag' && (state.filters[k]?.length ?? 0) > 0)
        .map(async (k) => {
          const without = await pf!.search(term, { filters: pagefindFilters(state.filters, k) });
          counts[k] = without.filters[k] ?? {};
        }),
    );
    return { found: main.results, counts };
  }

  async function showMore(id: number, focus = false) {
    const slice = results.slice(shown, shown + PAGE);
    // Ranked within each page of results (search-rank.ts): the first page holds the names people look for.
    const data = rankResults(state.q, await Promise.all(slice.map((r) => r.data())));
    if (id !== run) return;
    const items = data.map(renderResult);
    list!.append(...items);
    shown += slice.length;
    more!.hidden = shown >= results.length;
    more!.textContent = `More results (${formatCount(results.length - shown)} left)`;
    if (focus) items[0]?.querySelector('a')?.focus();
  }

  function renderResult(r: PagefindResultData): HTMLLIElement {
    const kind = r.meta.kind ?? r.filters.kind?.[0];
    const excerpt = h('p', { class: 'result-excerpt' });
    excerpt.innerHTML = r.excerpt; // Pagefind escapes the page text and only adds <mark>
    const owner = r.filters.owner?.[0];
    const meta = [owner && `Owner: ${facetLabel('owner', owner)}`, r.filters.type?.[0] && `Type: ${r.filters.type[0]}`, r.filters.lifecycle?.[0] && `Lifecycle: ${r.filters.lifecycle[0]}`].filter(
      (m): m is string => !!m,
    );
    return h(
      'li',
      {},
      h('div', { class: 'result-head' }, h('a', { class: 'result-title', href: r.url }, r.meta.title ?? r.url), kind && h('span', { class: 'badge' }, kind)),
      excerpt,
      meta.length > 0 && h('p', { class: 'result-meta' }, meta.map((m) => h('span', {}, m))),
    );
  }

  function go(next: SearchState, mode: 'push' | 'replace') {
    state = next;
    const url = location.pathname + writeSearch(state) + location.hash;
    if (mode === 'push') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    void search();
  }

  function readBoxes(): Record<string, string[]> {
    const filters: Record<string, string[]> = {};
    for (const [key, rows] of boxes) {
      const values = rows.filter((r) => r.input.checked).map((r) => r.value);
      if (values.length) filters[key] = values;
    }
    // Keep filters from the URL that this index does not know, so a shared link is not silently widened.
    for (const [key, values] of Object.entries(state.filters)) if (!boxes.has(key)) filters[key] = values;
    return filters;
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  let typing = false;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      go({ ...state, q: input.value.trim() }, typing ? 'replace' : 'push');
      typing = true;
    }, DEBOUNCE_MS);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    typing = false;
    go({ ...state, q: input.value.trim() }, 'push');
  });
  facetForm.addEventListener('change', () => {
    typing = false;
    go({ ...state, filters: readBoxes() }, 'push');
  });
  clear.addEventListener('click', () => {
    typing = false;
    go({ ...state, filters: {} }, 'push');
  });
  more.addEventListener('click', () => void showMore(run, true));
  addEventListener('popstate', () => {
    typing = false;
    state = readSearch(location.search);
    input.value = state.q;
    void search();
  });

  await search();
  root.dataset.searchReady = '';
}
