// The docs index's filter: rows whose text (site, description, entity, owner) holds every word typed, kept in
// the URL as `?q=` so a filtered list can be shared. Without JavaScript the form stays hidden and every row shows.

import { formatCount } from './dom.ts';

export function startDocsFilter(form: HTMLFormElement | null, table: HTMLTableElement | null): void {
  const input = form?.querySelector<HTMLInputElement>('input[type="search"]');
  const status = form?.querySelector<HTMLElement>('[data-docs-filter-status]');
  if (!form || !table || !input || !status) return;
  const rows = [...table.tBodies[0]!.rows].map((row) => ({ row, text: (row.textContent ?? '').toLowerCase() }));

  function apply(): void {
    const words = input!.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const { row, text } of rows) {
      const match = words.every((w) => text.includes(w));
      row.hidden = !match;
      if (match) shown++;
    }
    status!.textContent = words.length ? `${formatCount(shown)} of ${formatCount(rows.length)} sites` : '';
    const url = new URL(location.href);
    if (words.length) url.searchParams.set('q', input!.value);
    else url.searchParams.delete('q');
    history.replaceState(history.state, '', url);
  }

  form.hidden = false;
  input.value = new URL(location.href).searchParams.get('q') ?? '';
  form.addEventListener('submit', (e) => e.preventDefault());
  input.addEventListener('input', apply);
  if (input.value) apply();
}
