// The catalog page in the browser: loads the compact index once, then filters, sorts, pages and stars
// without further requests. The state lives in the URL (pushState), so links share it and Back works.

import { catalogColumns, parseHiddenColumns, shownColumns, type CatalogColumn, type ColumnKey } from '../../views/catalog/columns.ts';
import { catalogCsv, catalogJson } from '../../views/catalog/export.ts';
import { decodeCatalogIndex, indexColumns, indexFacets, type CatalogIndex, type CatalogItem } from '../../views/catalog/items.ts';
import { createCatalog, defaultKind, pickKind, queryCatalog, readQuery, sortRanks, writeQuery, type CatalogQuery } from '../../views/catalog/query.ts';
import { catalogStatus } from '../../views/catalog/status.ts';
import { siteBase } from '../render/href.ts';
import { CATALOG_PATH, withBase } from '../../model/routes.ts';
import { teamChoices, teamOwners } from '../../views/catalog/team.ts';
import { createFilterDrawer, createFilterPanel } from './catalog-filters.ts';
import { createKindPicker } from './catalog-kinds.ts';
import { renderPager, renderTable, titleOnHover } from './catalog-table.ts';
import { h } from './dom.ts';
import { readStarred, startStars, STARRED_EVENT } from './stars.ts';
import { browserStorage } from './storage.ts';

export const TEAM_KEY = 'backlot.team';
/** Columns hidden with the column chooser, a JSON array of keys; one choice for every kind's table. */
export const COLUMNS_KEY = 'backlot.columns';

export async function startCatalog(root: HTMLElement | null): Promise<void> {
  if (!root) return;
  const statusEl = root.querySelector<HTMLElement>('[data-filter-status]');
  const resultsEl = root.querySelector<HTMLElement>('[data-catalog-results]');
  const sideEl = root.querySelector<HTMLElement>('[data-catalog-side]');
  const kindsEl = root.querySelector<HTMLElement>('[data-kind-picker]');
  if (!statusEl || !resultsEl || !sideEl || !kindsEl) return;
  const [status, results, side] = [statusEl, resultsEl, sideEl];
  const done = () => root.removeAttribute('data-pending');

  let index: CatalogIndex;
  try {
    // Revalidated at every load (a 304 while unchanged): the list pages carry no version of it, so a rebuild
    // reuses every list page whose rows did not change (../build/page-keys.ts listingKey).
    const res = await fetch(root.dataset.indexUrl ?? '', { cache: 'no-cache' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    index = (await res.json()) as CatalogIndex;
  } catch {
    done();
    status.textContent += ' (filters are unavailable: the catalog index did not load)';
    return;
  }
  // The start-up is split into three tasks (parse, index, then panel and first render together, so the page
  // moves once): as one task it blocked the page for about 300 ms at 10,000 entities.
  await nextTask();
  const started = performance.now();
  const catalog = createCatalog(decodeCatalogIndex(index), indexFacets(index));
  await nextTask();
  const pluginColumns = indexColumns(index);
  const storage = browserStorage();
  const catalogPath = withBase(CATALOG_PATH, siteBase);
  // Without `kind` in the URL the catalog shows this kind ('' when it has no Components: every kind).
  const fallbackKind = defaultKind(catalog.labels.kind.keys());
  const read = (search: string) => readQuery(search, fallbackKind);
  const write = (q: CatalogQuery, current = '') => catalogPath + writeQuery(q, current, fallbackKind);

  // The static per-kind and paged lists hand over to the one catalog URL.
  if (location.pathname !== catalogPath) {
    const preset = readQuery('', '');
    if (root.dataset.kind) preset.facets.kind = [root.dataset.kind];
    preset.page = Number(root.dataset.page) || 1;
    history.replaceState(null, '', write(preset) + location.hash);
  }

  const readTeam = () => {
    try {
      const ref = storage?.getItem(TEAM_KEY) ?? '';
      return catalog.byRef.has(ref) ? ref : undefined;
    } catch {
      return undefined;
    }
  };

  const panel = createFilterPanel(catalog, teamChoices(catalog.items));
  const drawer = createFilterDrawer(panel.element, results);
  side.replaceChildren(drawer.toggle, drawer.element);
  side.classList.add('enhanced');
  side.hidden = false;
  const kindPicker = createKindPicker(kindsEl, catalog.labels.kind);

  // Export what the table shows (all matching rows, not just this page), as Backstage's table does.
  let current: { matches: CatalogItem[]; columns: CatalogColumn[] } = { matches: [], columns: [] };
  const download = (name: string, type: string, text: string) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = h('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const exportCsv = h('button', { type: 'button', class: 'button', 'data-export': 'csv' }, 'Export CSV');
  const exportJson = h('button', { type: 'button', class: 'button', 'data-export': 'json' }, 'Export JSON');
  exportCsv.addEventListener('click', () => download('catalog.csv', 'text/csv', catalogCsv(current.matches, current.columns, catalog.refLabel)));
  exportJson.addEventListener('click', () => download('catalog.json', 'application/json', catalogJson(current.matches)));
  status.closest('.catalog-bar')?.append(h('div', { class: 'export' }, exportCsv, exportJson));

  // The column chooser: the current table's columns (Name always stays), remembered in the browser.
  const readHidden = () => {
    try {
      return parseHiddenColumns(storage?.getItem(COLUMNS_KEY));
    } catch {
      return parseHiddenColumns(null);
    }
  };
  let hidden = readHidden();
  const chooserList = h('ul', {});
  const chooser = h('details', { class: 'columns-chooser', 'data-columns-chooser': true }, h('summary', { class: 'button' }, 'Columns'), h('fieldset', {}, h('legend', { class: 'visually-hidden' }, 'Columns shown'), chooserList));
  status.closest('.catalog-bar')?.querySelector('.export')?.prepend(chooser);
  let chooserKeys = '';
  const showChooser = (columns: CatalogColumn[]) => {
    const keys = columns.map((c) => c.key).join();
    if (keys !== chooserKeys) {
      chooserKeys = keys;
      chooserList.replaceChildren(
        ...columns
          .filter((c) => c.key !== 'name')
          .map((c) => h('li', {}, h('label', {}, h('input', { type: 'checkbox', name: 'column', value: c.key }), ` ${c.label}`))),
      );
    }
    for (const box of chooserList.querySelectorAll('input')) box.checked = !hidden.has(box.value as ColumnKey);
  };
  chooserList.addEventListener('change', (e) => {
    const box = e.target as HTMLInputElement;
    if (box.checked) hidden.delete(box.value as ColumnKey);
    else hidden.add(box.value as ColumnKey);
    try {
      storage?.setItem(COLUMNS_KEY, JSON.stringify([...hidden]));
    } catch {
      // Not remembered; still applied below.
    }
    render();
  });

  let query: CatalogQuery = read(location.search);
  let teamCache: { ref: string; owners: Set<string> } | undefined;
  let typing = false;

  function render(focusTable = false) {
    const t0 = performance.now();
    const team = readTeam();
    const starred = readStarred(storage);
    if (team && teamCache?.ref !== team) teamCache = { ref: team, owners: teamOwners(catalog.items, team) };
    const ctx = { starred, ...(team && teamCache ? { team: teamCache.owners } : {}) };
    const result = queryCatalog(catalog, query, ctx);
    panel.update(query, result, team, typing);
    kindPicker.update(query, result.counts.kind, (kind) => write(pickKind(query, kind), location.search));
    const kinds = query.facets.kind;
    const all = catalogColumns(kinds, { namespaced: catalog.namespaced, oneType: query.facets.type.length === 1, plugins: pluginColumns });
    showChooser(all);
    const columns = shownColumns(all, hidden);
    const table = renderTable({
      rows: result.rows,
      columns,
      refs: catalog.byRef,
      starred,
      sort: query.sort,
      desc: query.desc,
      base: siteBase,
      caption: 'Entities',
    });
    current = { matches: result.matches, columns };
    exportCsv.disabled = exportJson.disabled = result.matches.length === 0;
    const pager = renderPager(result.page, result.pages, (n) => write({ ...query, page: n }));
    const empty = result.matches.length === 0 ? h('p', { class: 'empty' }, 'No entities match these filters. ', h('button', { type: 'button', class: 'button', 'data-clear': true }, 'Clear filters')) : null;
    // Keyboard users keep their place: a star they just pressed keeps the focus if its row is still listed.
    const focusedStar = results.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.star : undefined;
    results.replaceChildren(...[empty ?? table, pager].filter((n): n is HTMLElement => !!n));
    if (focusedStar) results.querySelector<HTMLElement>(`[data-star="${CSS.escape(focusedStar)}"]`)?.focus();
    status.textContent = catalogStatus({
      matches: result.matches.length,
      rows: result.rows.length,
      page: result.page,
      total: catalog.items.length,
      filtered: activeCount(query) > 0 || query.facets.kind.length > 0,
    });
    drawer.update(activeCount(query), result.matches.length);
    root!.dataset.renderMs = (performance.now() - t0).toFixed(1);
    root!.dataset.renderCount = String(Number(root!.dataset.renderCount ?? 0) + 1);
    if (focusTable) {
      // After a page change, focus the new rows' table so reading and tabbing start there.
      const el = results.querySelector<HTMLElement>('table') ?? results;
      el.tabIndex = -1;
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'start' });
    }
    done();
  }

  function go(next: CatalogQuery, mode: 'push' | 'replace' = 'push') {
    query = next;
    const url = write(query, location.search) + location.hash;
    if (mode === 'push') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    render();
  }

  function fromForm(): CatalogQuery {
    const form = panel.read();
    // The kind is the picker's, not the panel's.
    return { ...query, ...form, facets: { ...query.facets, ...form.facets, kind: query.facets.kind }, page: 1 };
  }

  panel.element.addEventListener('change', (e) => {
    const target = e.target as HTMLElement;
    if (target.id === 'catalog-q') return;
    if (target instanceof HTMLSelectElement && target.dataset.team !== undefined) {
      try {
        if (target.value) storage?.setItem(TEAM_KEY, target.value);
        else storage?.removeItem(TEAM_KEY);
      } catch {
        // Not remembered; still applied below.
      }
      go({ ...fromForm(), list: target.value ? 'team' : query.list === 'team' ? 'all' : query.list });
      return;
    }
    typing = false;
    go(fromForm());
  });
  // While typing, one history entry for the whole word rather than one per key.
  panel.element.addEventListener('input', (e) => {
    if ((e.target as HTMLElement).id !== 'catalog-q') return;
    go(fromForm(), typing ? 'replace' : 'push');
    typing = true;
  });
  panel.element.querySelector('#catalog-q')?.addEventListener('blur', () => (typing = false));

  root.addEventListener('click', (e) => {
    const target = e.target as Element;
    const sort = target.closest<HTMLElement>('button[data-sort]');
    if (sort) {
      const key = sort.dataset.sort as ColumnKey;
      // Name starts ascending; a second click reverses; a third returns to the listing order.
      const next = query.sort !== key ? { sort: key, desc: false } : !query.desc ? { sort: key, desc: true } : { sort: '' as const, desc: false };
      typing = false;
      go({ ...query, ...next, page: 1 });
      root.querySelector<HTMLElement>(`button[data-sort="${key}"]`)?.focus();
      return;
    }
    const kind = target.closest<HTMLAnchorElement>('a[data-kind]');
    if (kind && plainClick(e)) {
      e.preventDefault();
      typing = false;
      go(pickKind(query, kind.dataset.kind ?? ''));
      return;
    }
    if (target.closest('[data-clear]')) {
      typing = false;
      // Clearing keeps the kind, as Backstage's does.
      const cleared = read('');
      go({ ...cleared, facets: { ...cleared.facets, kind: query.facets.kind }, sort: query.sort, desc: query.desc });
      panel.element.querySelector<HTMLElement>('#catalog-q')?.focus();
      return;
    }
    const link = target.closest<HTMLAnchorElement>('[data-pager] a');
    if (link && plainClick(e)) {
      e.preventDefault();
      typing = false;
      history.pushState(null, '', link.href);
      query = read(location.search);
      render(true);
    }
  });

  addEventListener('popstate', () => {
    typing = false;
    query = read(location.search);
    render();
  });
  addEventListener(STARRED_EVENT, () => render());
  addEventListener('storage', (e) => {
    if (e.key === COLUMNS_KEY) hidden = readHidden();
    if (e.key === TEAM_KEY || e.key === COLUMNS_KEY) render();
  });

  startStars();
  titleOnHover(results);
  render();
  root.dataset.loadMs = (performance.now() - started).toFixed(1);
  root.dataset.ready = '';
  // Once the rows show, the sort orders people use most are ranked while the page is idle (at 100,000 entities
  // the first sort by owner or name costs tens of milliseconds more than the next); then the catalog is complete.
  const idle = (fn: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 0));
  idle(() => {
    for (const key of ['name', 'owner'] as const) sortRanks(catalog, key);
    root.dataset.complete = '';
  });
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A left click without modifiers: the others open a link in a new tab or window, as the browser does. */
function plainClick(e: Event): boolean {
  return e instanceof MouseEvent && e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
}

/** Filters set in the panel (the kind is the picker's). */
function activeCount(q: CatalogQuery): number {
  return Object.values(q.facets).reduce((n, v) => n + (v?.length ?? 0), 0) - q.facets.kind.length + (q.q ? 1 : 0) + (q.list !== 'all' ? 1 : 0) + (q.problems ? 1 : 0);
}
