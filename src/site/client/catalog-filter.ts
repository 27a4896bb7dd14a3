// Client-side kind filter for /catalog/: hides rows and keeps the state in the URL query.

import { readFilter, rowMatches, writeFilter, type FilterState } from '../lib/filter.ts';

export function startCatalogFilter(doc: Document): void {
  const rows = [...doc.querySelectorAll<HTMLTableRowElement>('[data-catalog] tbody tr')];
  const links = [...doc.querySelectorAll<HTMLAnchorElement>('[data-kind-filter] a[data-kind]')];
  const status = doc.querySelector<HTMLElement>('[data-filter-status]');

  function apply(state: FilterState) {
    let shown = 0;
    for (const row of rows) {
      const match = rowMatches({ kind: row.dataset.kind ?? '', text: row.dataset.text ?? '' }, state);
      row.hidden = !match;
      if (match) shown += 1;
    }
    for (const link of links) {
      if (link.dataset.kind === state.kind) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
    if (status) {
      const what = state.q ? ` matching “${state.q}”` : '';
      status.textContent = shown === rows.length && !what ? `${rows.length} entities` : `Showing ${shown} of ${rows.length} entities${what}`;
    }
  }

  for (const link of links) {
    link.addEventListener('click', (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      const state = { ...readFilter(location.search), kind: link.dataset.kind ?? '' };
      history.pushState(null, '', location.pathname + writeFilter(location.search, state) + location.hash);
      apply(state);
    });
  }
  addEventListener('popstate', () => apply(readFilter(location.search)));
  apply(readFilter(location.search));
}
