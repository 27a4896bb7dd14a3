// The catalog's filter panel: free text, All/Starred/My team, one checkbox list per facet and
// "has problems", each value with its count. Built once; later renders only update checks and counts,
// so focus and scroll position survive every change.

import type { CatalogItem } from '../../views/catalog/items.ts';
import { FACET_KEYS, FACET_TITLES, type Catalog, type CatalogQuery, type CatalogResult, type FacetKey, type ListMode } from '../../views/catalog/query.ts';
import { formatCount } from '../../views/count.ts';
import { h } from './dom.ts';

// The kind has its own picker above the table (catalog-kinds.ts). Plugins' facets (keys `<plugin>.<id>`) follow.
type PanelFacet = string;
const OWN_FACETS = FACET_KEYS.filter((k) => k !== 'kind');
/** Values shown before "Show all". */
const SHORT_LIST = 8;

export interface FilterPanel {
  element: HTMLFormElement;
  /** Reflects a state and its counts; `typing` leaves the text box alone while the user types in it. */
  update(query: CatalogQuery, result: CatalogResult, team: string | undefined, typing?: boolean): void;
  /** The filters as the form holds them (kind, sort and page are left to the caller). */
  read(): Pick<CatalogQuery, 'q' | 'list' | 'problems'> & { facets: Record<string, string[]> };
}

interface ValueRow {
  value: string;
  li: HTMLLIElement;
  input: HTMLInputElement;
  count: HTMLElement;
}

export function createFilterPanel(catalog: Catalog, groups: CatalogItem[]): FilterPanel {
  const text = h('input', { id: 'catalog-q', type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false', placeholder: 'Name, description, tag…' });
  const listInputs = new Map<ListMode, { input: HTMLInputElement; count: HTMLElement }>();
  const listOptions: Array<[ListMode, string]> = [
    ['all', 'All'],
    ['starred', 'Starred'],
    ['team', 'My team'],
  ];
  const listItems = listOptions.map(([mode, label]) => {
    const input = h('input', { type: 'radio', name: 'list', value: mode });
    const count = h('span', { class: 'count' });
    listInputs.set(mode, { input, count });
    return h('li', {}, h('label', {}, input, ` ${label} `, count));
  });
  const teamSelect = h(
    'select',
    { id: 'catalog-team', name: 'team', 'data-team': true },
    h('option', { value: '' }, groups.length ? 'Choose a group…' : 'No groups in the catalog'),
    groups.map((g) => h('option', { value: g.ref }, g.title === g.name ? g.name : `${g.title} (${g.name})`)),
  );
  const listSet = h(
    'fieldset',
    { class: 'facet', 'data-facet': 'list' },
    h('legend', {}, 'Show'),
    h('ul', {}, listItems),
    h('div', { class: 'team-pick' }, h('label', { for: 'catalog-team' }, 'My team is'), teamSelect),
  );

  const facetRows = new Map<PanelFacet, ValueRow[]>();
  const facetSets = new Map<PanelFacet, { fieldset: HTMLFieldSetElement; list: HTMLUListElement; more: HTMLButtonElement }>();
  const expanded = new Set<PanelFacet>();
  const panelFacets: PanelFacet[] = [...OWN_FACETS, ...catalog.pluginFacets.map((f) => f.key)];
  const facetKinds = new Map(catalog.pluginFacets.map((f) => [f.key, f.kinds]));
  const titles = new Map<string, string>([...Object.entries(FACET_TITLES), ...catalog.pluginFacets.map((f) => [f.key, f.label] as [string, string])]);
  const facetElements = panelFacets.map((key) => {
    const list = h('ul', {});
    const more = h('button', { type: 'button', class: 'more', 'aria-expanded': 'false', hidden: true });
    more.addEventListener('click', () => {
      if (expanded.has(key)) expanded.delete(key);
      else expanded.add(key);
      showRows(key);
    });
    const fieldset = h('fieldset', { class: 'facet', 'data-facet': key }, h('legend', {}, titles.get(key) ?? key), list, more);
    facetSets.set(key, { fieldset, list, more });
    facetRows.set(key, []);
    // Most used values first.
    const totals = catalog.totals[key] ?? new Map<string, number>();
    const labels = catalog.labels[key] ?? new Map<string, string>();
    const values = [...labels.keys()];
    values.sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b));
    for (const value of values) addRow(key, value, labels.get(value) ?? value);
    return fieldset;
  });

  const problemsInput = h('input', { type: 'checkbox', name: 'problems', value: '1' });
  const problemsCount = h('span', { class: 'count' });
  const problemsSet = h('fieldset', { class: 'facet', 'data-facet': 'problems' }, h('legend', {}, 'Problems'), h('label', {}, problemsInput, ' Has problems ', problemsCount));
  const clear = h('button', { type: 'button', class: 'button clear', 'data-clear': true }, 'Clear filters');

  const element = h(
    'form',
    { class: 'filters', 'aria-label': 'Filters', 'data-filters': true },
    h('div', { class: 'filter-text' }, h('label', { for: 'catalog-q' }, 'Filter'), text),
    listSet,
    facetElements.slice(0, 4),
    problemsSet,
    facetElements.slice(4),
    clear,
  );
  element.addEventListener('submit', (e) => e.preventDefault());

  function addRow(key: PanelFacet, value: string, label: string): ValueRow {
    const input = h('input', { type: 'checkbox', name: key, value });
    const count = h('span', { class: 'count' });
    const li = h('li', {}, h('label', {}, input, ` ${label} `, count));
    const row = { value, li, input, count };
    facetRows.get(key)!.push(row);
    facetSets.get(key)!.list.append(li);
    return row;
  }

  function showRows(key: PanelFacet) {
    const rows = facetRows.get(key)!;
    const { fieldset, more } = facetSets.get(key)!;
    const open = expanded.has(key);
    rows.forEach((r, i) => (r.li.hidden = !open && i >= SHORT_LIST && !r.input.checked));
    more.hidden = rows.length <= SHORT_LIST;
    more.textContent = open ? 'Show fewer' : `Show all ${formatCount(rows.length)}`;
    more.setAttribute('aria-expanded', String(open));
    // A facet with a single value everywhere (say, one namespace) filters nothing.
    fieldset.hidden = rows.length <= 1 && !rows.some((r) => r.input.checked);
  }

  return {
    element,
    update(query, result, team, typing = false) {
      if (!typing && text.value.trim() !== query.q) text.value = query.q;
      for (const [mode, { input, count }] of listInputs) {
        input.checked = query.list === mode;
        count.textContent = formatCount(result.listCounts[mode]);
      }
      listInputs.get('team')!.input.disabled = !team && query.list !== 'team';
      teamSelect.value = team ?? '';
      for (const key of panelFacets) {
        const selected = query.facets[key] ?? [];
        for (const value of selected) {
          if (!facetRows.get(key)!.some((r) => r.value === value)) addRow(key, value, value);
        }
        const counts = result.counts[key] ?? new Map<string, number>();
        for (const row of facetRows.get(key)!) {
          row.input.checked = selected.includes(row.value);
          const n = counts.get(row.value) ?? 0;
          row.count.textContent = formatCount(n);
          row.li.classList.toggle('zero', n === 0 && !row.input.checked);
        }
        showRows(key);
        // A plugin's facet of other kinds (the GitHub plugin's CI on the Users list) filters nothing there.
        const kinds = facetKinds.get(key);
        const shown = query.facets.kind;
        if (kinds?.length && shown.length && !shown.some((k) => kinds.includes(k)) && selected.length === 0) facetSets.get(key)!.fieldset.hidden = true;
      }
      problemsInput.checked = query.problems;
      problemsCount.textContent = formatCount(result.problemCount);
    },
    read() {
      const facets = Object.fromEntries(panelFacets.map((key) => [key, facetRows.get(key)!.filter((r) => r.input.checked).map((r) => r.value)]));
      const list = ([...listInputs].find(([, v]) => v.input.checked)?.[0] ?? 'all') as ListMode;
      return { facets, q: text.value.trim(), list, problems: problemsInput.checked };
    },
  };
}

export interface FilterDrawer {
  toggle: HTMLButtonElement;
  element: HTMLElement;
  /** The number of filters set (on the toggle) and of matches (on "Show N results"). */
  update(active: number, matches: number): void;
}

/**
 * The panel in a drawer for phones (catalog.css): the "Filters" button opens it over the page and
 * "Show N results" closes it onto the results, which sat about 1,700 px below a ticked filter. Wider,
 * the drawer is the sidebar and its head and foot are hidden.
 */
export function createFilterDrawer(panel: HTMLFormElement, results: HTMLElement): FilterDrawer {
  const toggle = h('button', { type: 'button', class: 'button filters-toggle', 'aria-expanded': 'false', 'aria-controls': 'catalog-filters' }, 'Filters');
  const close = h('button', { type: 'button', class: 'icon-button drawer-close', 'aria-label': 'Close filters' }, '×');
  const show = h('button', { type: 'button', class: 'button primary', 'data-show-results': true }, 'Show results');
  const element = h(
    'div',
    { class: 'filters-drawer', id: 'catalog-filters' },
    h('div', { class: 'drawer-head' }, h('h2', {}, 'Filters'), close),
    panel,
    h('div', { class: 'drawer-foot' }, show),
  );
  const isOpen = () => toggle.getAttribute('aria-expanded') === 'true';
  // Only a phone shows the drawer over the page (position: fixed); wider, it is the sidebar and traps nothing.
  const overPage = () => isOpen() && getComputedStyle(element).position === 'fixed';
  const setOpen = (open: boolean) => {
    toggle.setAttribute('aria-expanded', String(open));
    // The class stops the page behind from scrolling.
    document.documentElement.classList.toggle('drawer-open', open);
    if (open && overPage()) {
      element.setAttribute('role', 'dialog');
      element.setAttribute('aria-modal', 'true');
      element.setAttribute('aria-label', 'Filters');
    } else {
      for (const name of ['role', 'aria-modal', 'aria-label']) element.removeAttribute(name);
    }
  };
  toggle.addEventListener('click', () => {
    setOpen(!isOpen());
    if (overPage()) close.focus();
  });
  close.addEventListener('click', () => {
    setOpen(false);
    toggle.focus();
  });
  show.addEventListener('click', () => {
    setOpen(false);
    results.focus({ preventScroll: true });
    results.scrollIntoView({ block: 'start' });
  });
  element.addEventListener('keydown', (e) => {
    if (!isOpen()) return;
    if (e.key === 'Escape') {
      setOpen(false);
      toggle.focus();
    } else if (e.key === 'Tab' && overPage()) {
      // A focus trap: Tab from the last control goes to the first, Shift+Tab from the first to the last.
      const controls = focusables(element);
      const first = controls[0];
      const last = controls[controls.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first?.focus();
      }
    }
  });
  // Focus that gets out another way (a click behind, the browser's own shortcuts) comes back.
  document.addEventListener('focusin', (e) => {
    if (overPage() && e.target instanceof Node && !element.contains(e.target)) close.focus();
  });
  return {
    toggle,
    element,
    update(active, matches) {
      toggle.textContent = `Filters${active ? ` (${active})` : ''}`;
      show.textContent = `Show ${formatCount(matches)} ${matches === 1 ? 'result' : 'results'}`;
    },
  };
}

/** The controls Tab reaches inside `root`, in order: enabled, not hidden, not taken out of the tab order. */
function focusables(root: HTMLElement): HTMLElement[] {
  const selector = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]';
  return [...root.querySelectorAll<HTMLElement>(selector)].filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0);
}
