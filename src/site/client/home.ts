// Home page extras kept in the browser: the user's starred entities and a link to their team's view.

import { withBase } from '../../model/routes.ts';
import { humanizeRef, parseEntityRef } from '../../model/entityRef.ts';
import { entityPath } from '../../model/routes.ts';
import { h } from './dom.ts';
import { readStarTitles, readStarred, STARRED_EVENT, STARRED_KEY } from './stars.ts';
import { browserStorage } from './storage.ts';

export function startHome(section: HTMLElement | null, base: string): void {
  const list = section?.querySelector<HTMLElement>('[data-starred-list]');
  if (!section || !list) return;
  const storage = browserStorage();
  const render = () => {
    const refs = [...readStarred(storage)];
    const titles = readStarTitles(storage);
    const items = refs.flatMap((ref) => {
      try {
        const { kind } = parseEntityRef(ref);
        return [{ ref, kind, title: titles[ref] ?? humanizeRef(ref, kind) }];
      } catch {
        return [];
      }
    });
    items.sort((a, b) => a.title.localeCompare(b.title));
    list.replaceChildren(
      ...items.map((i) => h('li', {}, h('a', { href: withBase(entityPath(i.ref), base) }, i.title), ' ', h('span', { class: 'badge' }, i.kind))),
    );
    section.hidden = items.length === 0;
  };
  render();
  addEventListener(STARRED_EVENT, render);
  addEventListener('storage', (e) => {
    if (e.key === STARRED_KEY) render();
  });
}
