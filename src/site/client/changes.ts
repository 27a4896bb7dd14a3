// The changes page in the browser: filters by kind, owner, change and breaking over the whole history, loaded
// once from api/catalog/changes.json (the page's HTML holds only the newest rows). Filters live in the URL.

import type { HistoryEntry } from '../../diff/history.ts';
import { CHANGES_PAGE_ROWS, changeRow, filterChanges, type ChangeFilter, type ChangeRow } from '../../views/changes.ts';
import { changeItemsHtml } from '../render/changes-html.ts';
import { siteBase } from '../render/href.ts';

export async function startChanges(root: HTMLElement | null): Promise<void> {
  const form = root?.querySelector<HTMLFormElement>('[data-changes-filters]');
  const list = root?.querySelector<HTMLElement>('[data-changes-list]');
  const status = root?.querySelector<HTMLOutputElement>('[data-changes-status]');
  if (!root || !form || !list || !status) return;
  form.hidden = false;
  let rows: Promise<ChangeRow[]> | undefined;
  const load = () =>
    (rows ??= fetch(root.dataset.json!)
      .then((r) => r.json() as Promise<{ entries?: HistoryEntry[] }>)
      .then((data) => (data.entries ?? []).map((e) => changeRow(e))));

  const readForm = (): ChangeFilter => {
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '') || undefined;
    return { kind: value('kind'), owner: value('owner'), change: value('change'), breakingOnly: data.has('breaking'), breakingFirst: data.has('first') };
  };
  const render = async () => {
    const filter = readForm();
    const params = new URLSearchParams();
    for (const name of ['kind', 'owner', 'change', 'breaking', 'first']) {
      const v = new FormData(form).get(name);
      if (v) params.set(name, String(v));
    }
    history.replaceState(null, '', params.size ? `?${params}` : location.pathname);
    root.dataset.pending = '';
    try {
      const all = await load();
      const kept = filterChanges(all, filter);
      list.innerHTML = changeItemsHtml(kept.slice(0, CHANGES_PAGE_ROWS), siteBase);
      status.value = `${kept.length} of ${all.length} changes${kept.length > CHANGES_PAGE_ROWS ? `; the first ${CHANGES_PAGE_ROWS} shown` : ''}`;
      root.querySelector<HTMLElement>('[data-changes-more]')?.setAttribute('hidden', '');
    } catch {
      status.value = 'The history could not be loaded; the newest changes are shown.';
    } finally {
      delete root.dataset.pending;
    }
  };

  // Filters from a shared URL.
  const query = new URLSearchParams(location.search);
  for (const el of form.elements) {
    const input = el as HTMLInputElement | HTMLSelectElement;
    const v = query.get(input.name);
    if (v === null) continue;
    if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = v === '1';
    else input.value = v;
  }
  form.addEventListener('change', () => void render());
  form.addEventListener('submit', (e) => e.preventDefault());
  if (query.size) await render();
}
