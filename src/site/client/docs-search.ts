// Search inside one docs site as you type, in its sidebar: Pagefind limited by the `entity` filter the docs pages
// carry, each hit linking to the section that matched. Enter with nothing chosen opens the full search page.

import { docsHits, type DocsHit, type DocsResultData } from '../../views/docs-search.ts';
import { h } from './dom.ts';
import { loadPagefind } from './pagefind.ts';

const MAX_PAGES = 8;

export function startDocsSearch(form: HTMLFormElement | null, base: string): void {
  const input = form?.querySelector<HTMLInputElement>('input[type="search"]');
  const list = form?.querySelector<HTMLOListElement>('[data-docs-search-results]');
  const status = form?.querySelector<HTMLElement>('[data-docs-search-status]');
  const entity = form?.dataset.entity;
  const siteName = form?.dataset.siteName ?? '';
  if (!form || !input || !list || !status || !entity) return;

  async function run(): Promise<void> {
    const term = input!.value.trim();
    if (!term) {
      list!.replaceChildren();
      list!.hidden = true;
      status!.textContent = '';
      return;
    }
    const pf = await loadPagefind(base);
    if (!pf) {
      status!.textContent = 'Search is not available here; press Enter to search the portal.';
      return;
    }
    const search = await pf.debouncedSearch(term, { filters: { entity } }, 150);
    if (search === null || input!.value.trim() !== term) return; // superseded by newer typing
    const data = (await Promise.all(search.results.slice(0, MAX_PAGES).map((r) => r.data()))) as unknown as DocsResultData[];
    if (input!.value.trim() !== term) return;
    const hits = docsHits(data, siteName);
    list!.replaceChildren(...hits.map(renderHit));
    list!.hidden = hits.length === 0;
    const total = search.results.length;
    status!.textContent = total === 0 ? `No pages of ${siteName} match “${term}”.` : `${total} ${total === 1 ? 'page' : 'pages'} of ${siteName}`;
  }

  function renderHit(hit: DocsHit): HTMLLIElement {
    const excerpt = h('span', { class: 'docs-hit-excerpt' });
    excerpt.innerHTML = hit.excerpt; // Pagefind escapes page text and only adds <mark>
    return h(
      'li',
      {},
      h('a', { href: hit.url, class: 'docs-hit' }, h('span', { class: 'docs-hit-title' }, hit.title), excerpt),
      hit.more.length ? h('ul', { class: 'docs-hit-more' }, ...hit.more.map((s) => h('li', {}, h('a', { href: s.url }, s.title)))) : null,
    );
  }

  input.addEventListener('focus', () => void loadPagefind(base), { once: true });
  input.addEventListener('input', () => void run());
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && input.value) {
      e.preventDefault();
      input.value = '';
      void run();
    }
  });
}
