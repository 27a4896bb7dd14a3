// Client side of the search box: lazy Pagefind, a listbox of top results, keyboard support. Enter without a
// highlighted result opens the full search page (the form's action).

import { rankResults } from '../../views/search-rank.ts';
import { CATALOG_PATH, SEARCH_PATH, withBase } from '../../model/routes.ts';
import { loadPagefind, type PagefindResultData } from './pagefind.ts';
import { ALL_KINDS } from '../../views/catalog/query.ts';

const MAX_RESULTS = 8;
/** Results loaded to rank (search-rank.ts) before the first MAX_RESULTS are shown: an exact name Pagefind puts ninth still comes first. */
export const RANK_WINDOW = 16;
/** Pagefind's default debounce is 300 ms, all of it waited for after the last key; its preload still starts at once. */
const DEBOUNCE_MS = 60;

export function startSearch(form: HTMLFormElement | null, base: string): void {
  if (!form) return;
  const input = form.querySelector<HTMLInputElement>('input[type="search"]');
  // The listbox, its live region and the combobox roles come with this script: without it the box is a plain
  // search form (render/header-html.ts), and every page is ~350 bytes lighter.
  if (input && !form.querySelector('[role="listbox"]')) {
    const id = `${input.id}-results`;
    form.insertAdjacentHTML('beforeend', `<ul id="${id}" class="search-results" role="listbox" aria-label="Search results" hidden></ul><p class="visually-hidden" aria-live="polite" data-search-live></p>`);
    // The browser's own autocomplete and spelling marks would cover the list; without this script they are welcome.
    const combobox = { role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': id, 'aria-keyshortcuts': '/', autocomplete: 'off', spellcheck: 'false' };
    for (const [name, value] of Object.entries(combobox)) input.setAttribute(name, value);
  }
  const list = form.querySelector<HTMLUListElement>('[role="listbox"]');
  const live = form.querySelector<HTMLElement>('[data-search-live]');
  if (!input || !list || !live) return;

  const load = () => loadPagefind(base);

  let active = -1;
  const options = () => [...list.querySelectorAll<HTMLLIElement>('[role="option"]')];

  function close() {
    list!.hidden = true;
    input!.setAttribute('aria-expanded', 'false');
    input!.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function open() {
    if (!list!.children.length) return;
    list!.hidden = false;
    input!.setAttribute('aria-expanded', 'true');
  }

  function setActive(i: number) {
    const all = options();
    if (!all.length) return;
    active = (i + all.length) % all.length;
    all.forEach((o, n) => o.setAttribute('aria-selected', String(n === active)));
    const current = all[active]!;
    input!.setAttribute('aria-activedescendant', current.id);
    current.scrollIntoView({ block: 'nearest' });
  }

  function status(text: string) {
    list!.replaceChildren();
    const li = document.createElement('li');
    li.className = 'search-status';
    li.setAttribute('role', 'presentation');
    li.textContent = text;
    list!.append(li);
    live!.textContent = text;
    open();
  }

  async function run() {
    const term = input!.value.trim();
    if (!term) {
      list!.replaceChildren();
      close();
      return;
    }
    const pf = await load();
    if (!pf) {
      form!.action = withBase(CATALOG_PATH, base);
      // The catalog filters every kind for a search, not only its default Components.
      if (!form!.querySelector('input[name="kind"]')) form!.append(Object.assign(document.createElement('input'), { type: 'hidden', name: 'kind', value: ALL_KINDS }));
      status('Search index not available here; press Enter to filter the catalog.');
      return;
    }
    const search = await pf.debouncedSearch(term, {}, DEBOUNCE_MS);
    if (search === null || input!.value.trim() !== term) return; // superseded by newer typing
    const loaded = await Promise.all(search.results.slice(0, RANK_WINDOW).map((r) => r.data()));
    const data = rankResults(term, loaded).slice(0, MAX_RESULTS);
    if (input!.value.trim() !== term) return;
    if (!data.length) {
      status(`No results for “${term}”.`);
      return;
    }
    const total = search.results.length;
    list!.replaceChildren(...data.map(renderResult), renderAll(term, total, data.length));
    active = -1;
    input!.removeAttribute('aria-activedescendant');
    live!.textContent = `${total} result${total === 1 ? '' : 's'}`;
    open();
  }

  // Last option: the full search page with its filters.
  function renderAll(term: string, total: number, shown: number): HTMLLIElement {
    const li = document.createElement('li');
    li.id = `site-search-option-${shown}`;
    li.className = 'search-all';
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    const a = document.createElement('a');
    a.href = `${withBase(SEARCH_PATH, base)}?${new URLSearchParams({ q: term })}`;
    a.tabIndex = -1;
    a.textContent = total > shown ? `All ${total} results for “${term}”` : `Search page for “${term}”`;
    li.append(a);
    return li;
  }

  function renderResult(r: PagefindResultData, i: number): HTMLLIElement {
    const li = document.createElement('li');
    li.id = `site-search-option-${i}`;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    const a = document.createElement('a');
    a.href = r.url;
    a.tabIndex = -1;
    const title = document.createElement('span');
    title.className = 'r-title';
    title.textContent = r.meta.title ?? r.url;
    a.append(title);
    const kind = r.meta.kind ?? r.filters.kind?.[0];
    if (kind) {
      const badge = document.createElement('span');
      badge.className = 'badge r-kind';
      badge.textContent = kind;
      a.append(badge);
    }
    const excerpt = document.createElement('span');
    excerpt.className = 'r-excerpt';
    excerpt.innerHTML = r.excerpt; // Pagefind escapes page text and only adds <mark>
    a.append(excerpt);
    li.append(a);
    return li;
  }

  input.addEventListener('focus', () => void load(), { once: true });
  input.addEventListener('input', () => void run());
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      open();
      setActive(active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Escape') {
      if (!list.hidden) {
        e.preventDefault();
        close();
      } else input.value = '';
    } else if (e.key === 'Enter') {
      const link = options()[active === -1 ? 0 : active]?.querySelector('a');
      if (link && !list.hidden) {
        e.preventDefault();
        location.href = link.href;
      }
    }
  });
  form.addEventListener('focusout', (e) => {
    if (!form.contains(e.relatedTarget as Node | null)) close();
  });
  input.addEventListener('focus', () => open());

  // `/` focuses the box unless the user is typing somewhere else.
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    input.focus();
  });
}
