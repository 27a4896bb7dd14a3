// /create/: narrows the template cards by type and tag, with the choice kept in the query string.

import { matchesTemplateFilter, readTemplateFilter, writeTemplateFilter, type TemplateFilter } from '../../../views/create/templates.ts';

export function startTemplateFilter(root: HTMLElement | null): void {
  const form = root?.querySelector<HTMLFormElement>('form[data-template-filters]');
  const status = root?.querySelector<HTMLElement>('[data-template-status]');
  if (!root || !form || !status) return;
  const cards = [...root.querySelectorAll<HTMLElement>('[data-template-card]')];
  const type = form.elements.namedItem('type') as HTMLSelectElement;
  const tag = form.elements.namedItem('tag') as HTMLSelectElement;

  const apply = (filter: TemplateFilter) => {
    let shown = 0;
    for (const card of cards) {
      const tags = JSON.parse(card.dataset.tags ?? '[]') as string[];
      const match = matchesTemplateFilter({ type: card.dataset.type ?? '', tags }, filter);
      card.hidden = !match;
      if (match) shown++;
    }
    const total = cards.length;
    status.textContent = shown === total ? `${total} template${total === 1 ? '' : 's'}` : `${shown} of ${total} templates match`;
  };
  const fromControls = (): TemplateFilter => ({ ...(type.value ? { type: type.value } : {}), ...(tag.value ? { tag: tag.value } : {}) });
  const toControls = (filter: TemplateFilter) => {
    // A value from the URL that no template has still filters (to nothing), and shows as chosen.
    for (const [select, value] of [[type, filter.type ?? ''] as const, [tag, filter.tag ?? ''] as const]) {
      if (value && ![...select.options].some((o) => o.value === value)) select.add(new Option(value, value));
      select.value = value;
    }
  };

  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('change', () => {
    const filter = fromControls();
    history.pushState(null, '', `${location.pathname}${writeTemplateFilter(filter)}${location.hash}`);
    apply(filter);
  });
  window.addEventListener('popstate', () => {
    const filter = readTemplateFilter(location.search);
    toControls(filter);
    apply(filter);
  });
  const initial = readTemplateFilter(location.search);
  toControls(initial);
  apply(initial);
  form.hidden = false;
  root.dataset.ready = '';
}
