// The catalog's kind picker, as Backstage's: one link per kind and "All kinds", each with how many match
// the other filters. Links carry the whole state, so they open in a new tab too; the app handles a click.

import type { CatalogQuery } from '../../views/catalog/query.ts';
import { formatCount } from '../../views/count.ts';
import { h } from './dom.ts';

export interface KindPicker {
  update(query: CatalogQuery, counts: ReadonlyMap<string, number>, link: (kind: string) => string): void;
}

/** Fills `nav` with a link per kind of `labels` (lower-case kind → label, in listing order) and one for all. */
export function createKindPicker(nav: HTMLElement, labels: ReadonlyMap<string, string>): KindPicker {
  const options = [...labels, ['', 'All kinds'] as const].map(([kind, label]) => {
    const count = h('span', { class: 'count' });
    const a = h('a', { href: '#', 'data-kind': kind }, `${label} `, count);
    return { kind, a, count, li: h('li', {}, a) };
  });
  nav.querySelector('ul')?.replaceChildren(...options.map((o) => o.li));
  return {
    update(query, counts, link) {
      const chosen = query.facets.kind;
      let all = 0;
      for (const n of counts.values()) all += n;
      for (const o of options) {
        const n = o.kind ? (counts.get(o.kind) ?? 0) : all;
        const current = o.kind ? chosen.length === 1 && chosen[0] === o.kind : chosen.length === 0;
        o.a.href = link(o.kind);
        o.count.textContent = formatCount(n);
        o.li.classList.toggle('zero', n === 0);
        if (current) o.a.setAttribute('aria-current', 'true');
        else o.a.removeAttribute('aria-current');
      }
    },
  };
}
