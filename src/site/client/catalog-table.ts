// Renders the catalog table and pager in the browser, with the same markup as CatalogTable.astro and
// Pager.astro plus sortable headers and a star per row.

import { columnPriority, type CatalogColumn, type ColumnKey } from '../../views/catalog/columns.ts';
import type { CatalogItem } from '../../views/catalog/items.ts';
import { catalogRowsHtml } from '../render/catalog-rows.ts';
import { pagerItems } from '../render/pager.ts';
import { h } from './dom.ts';

export interface TableView {
  rows: CatalogItem[];
  columns: CatalogColumn[];
  refs: ReadonlyMap<string, CatalogItem>;
  starred: ReadonlySet<string>;
  sort: ColumnKey | '';
  desc: boolean;
  base: string;
  caption: string;
}

function header(column: CatalogColumn, view: TableView): HTMLTableCellElement {
  const active = view.sort === column.key;
  const sort = active ? (view.desc ? 'descending' : 'ascending') : undefined;
  return h(
    'th',
    { scope: 'col', 'data-col': column.key, 'data-priority': columnPriority(column.key) > 1 ? String(columnPriority(column.key)) : undefined, 'aria-sort': sort },
    h('button', { type: 'button', class: 'sort', 'data-sort': column.key }, column.label, h('span', { class: 'sort-icon', 'aria-hidden': 'true' }, active ? (view.desc ? '▼' : '▲') : '↕')),
  );
}

export function renderTable(view: TableView): HTMLElement {
  const tbody = h('tbody', {});
  // Escaped markup from catalog-rows.ts: far cheaper than building each cell as an element.
  tbody.innerHTML = catalogRowsHtml({ rows: view.rows, columns: view.columns, byRef: view.refs, base: view.base, starred: view.starred });
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'catalog-table', 'data-catalog': true },
      h('caption', { class: 'visually-hidden' }, view.caption),
      h('thead', {}, h('tr', {}, view.columns.map((c) => header(c, view)))),
      tbody,
    ),
  );
}

export function renderPager(page: number, pages: number, link: (n: number) => string): HTMLElement | null {
  if (pages <= 1) return null;
  const items = pagerItems(page, pages).map((n) =>
    n === 'gap'
      ? h('li', { class: 'gap', 'aria-hidden': 'true' }, '…')
      : h('li', {}, h('a', { href: link(n), 'aria-label': `Page ${n}`, 'aria-current': n === page ? 'page' : undefined }, String(n))),
  );
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages', 'data-pager': true },
    h(
      'ul',
      {},
      h('li', {}, page > 1 ? h('a', { href: link(page - 1), rel: 'prev' }, 'Previous') : h('span', { class: 'disabled' }, 'Previous')),
      items,
      h('li', {}, page < pages ? h('a', { href: link(page + 1), rel: 'next' }, 'Next') : h('span', { class: 'disabled' }, 'Next')),
    ),
  );
}

/** Cells are cut to fit the table (catalog.css): a cell's full text becomes its title when pointed at. */
export function titleOnHover(root: HTMLElement): void {
  root.addEventListener('pointerover', (e) => {
    const td = (e.target as Element).closest?.('table[data-catalog] td');
    if (!(td instanceof HTMLElement) || td.title) return;
    const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const items = [...td.querySelectorAll('li')];
    td.title = items.length ? items.map(text).join(', ') : text(td);
  });
}
