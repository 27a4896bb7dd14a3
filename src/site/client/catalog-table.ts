// Renders the catalog table and pager in the browser, with the same markup as CatalogTable.astro and
// Pager.astro plus sortable headers and a star per row.

import type { CatalogColumn } from '../lib/catalog-columns.ts';
import type { CatalogItem } from '../lib/catalog-items.ts';
import { shortRef, type SortKey } from '../lib/catalog-query.ts';
import { pagerItems } from '../lib/pager.ts';
import { withBase } from '../lib/paths.ts';
import { entityPath } from '../lib/refs.ts';
import { h } from './dom.ts';
import { starIcon } from './stars.ts';

export interface TableView {
  rows: CatalogItem[];
  columns: CatalogColumn[];
  refs: ReadonlyMap<string, CatalogItem>;
  starred: ReadonlySet<string>;
  sort: SortKey | '';
  desc: boolean;
  base: string;
  caption: string;
}

/** A link titled like the target's own page, or the short ref marked missing when it is not in the catalog. */
function refCell(ref: string, defaultKind: string, view: TableView): Node | string {
  if (!ref) return '';
  const target = view.refs.get(ref.toLowerCase());
  if (target) return h('a', { href: withBase(entityPath(target.ref), view.base) }, target.title);
  return h('span', { class: 'missing', title: `${ref} is not in the catalog` }, shortRef(ref, defaultKind));
}

function cell(item: CatalogItem, key: SortKey, view: TableView): HTMLTableCellElement {
  switch (key) {
    case 'name': {
      const star = h('button', { type: 'button', class: 'star', 'data-star': item.ref, 'data-star-title': item.title, 'aria-pressed': String(view.starred.has(item.ref)) }, starIcon(), h('span', { class: 'visually-hidden' }, `Star ${item.title}`));
      return h(
        'td',
        { class: 'name' },
        star,
        h('a', { href: withBase(entityPath(item.ref), view.base) }, item.title),
        item.namespace.toLowerCase() !== 'default' && h('span', { class: 'ns' }, item.namespace),
      );
    }
    case 'owner':
      return h('td', { class: 'ref' }, refCell(item.owner, 'group', view));
    case 'system':
      return h('td', { class: 'ref' }, refCell(item.system, 'system', view));
    case 'description':
      return h('td', { class: 'desc' }, item.description);
    case 'tags':
      return h('td', {}, item.tags.length > 0 && h('ul', { class: 'tags' }, item.tags.map((t) => h('li', {}, t))));
    case 'targets':
      return h('td', {}, item.targets.length > 0 && h('ul', { class: 'targets' }, item.targets.map((t) => h('li', {}, h('code', {}, t)))));
    default:
      return h('td', {}, item[key]);
  }
}

function header(column: CatalogColumn, view: TableView): HTMLTableCellElement {
  const active = view.sort === column.key;
  const sort = active ? (view.desc ? 'descending' : 'ascending') : undefined;
  return h(
    'th',
    { scope: 'col', 'data-col': column.key, 'aria-sort': sort },
    h('button', { type: 'button', class: 'sort', 'data-sort': column.key }, column.label, h('span', { class: 'sort-icon', 'aria-hidden': 'true' }, active ? (view.desc ? '▼' : '▲') : '↕')),
  );
}

export function renderTable(view: TableView): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'catalog-table', 'data-catalog': true },
      h('caption', { class: 'visually-hidden' }, view.caption),
      h('thead', {}, h('tr', {}, view.columns.map((c) => header(c, view)))),
      h(
        'tbody',
        {},
        view.rows.map((item) =>
          h(
            'tr',
            { 'data-ref': item.ref, 'data-kind': item.kind.toLowerCase() },
            view.columns.map((c) => {
              const td = cell(item, c.key, view);
              td.dataset.label = c.label;
              return td;
            }),
          ),
        ),
      ),
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
